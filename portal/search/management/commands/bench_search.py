"""Build the synthetic benchmark corpus in the current (benchmark!) database and measure.

Run through `make bench-search` (scripts/bench_search.py), which points DATABASE_URL at a
separate benchmark database. Refuses to run against a database that has other content.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from portal.search.bench import corpus
from portal.search.bench import queries as bench_queries


class Command(BaseCommand):
    help = "Search benchmark: synthetic corpus, indexing throughput, query latency, index size."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, required=True)
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--output", required=True, help="JSON file for the results")

    def handle(self, *args, **options):
        if Page.objects.filter(depth__gte=3).exists():
            raise CommandError("This database already has pages: use an empty benchmark database.")
        started = time.perf_counter()
        timings = corpus.build_corpus(options["docs"], options["batch_size"], self.stdout.write)
        build_seconds = time.perf_counter() - started
        queries = bench_queries.run_queries(options["repeats"], self.stdout.write)
        samples = sorted(ms for q in queries for ms in q["ms"])
        result = {
            "docs": options["docs"],
            "build_seconds": build_seconds,
            "timings": timings,
            "indexing_docs_per_second": options["docs"]
            / (timings["backend"] + timings["documents"]),
            "sizes": bench_queries.index_size(),
            "p50_ms": samples[len(samples) // 2],
            "p95_ms": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
            "max_ms": samples[-1],
            "queries": queries,
        }
        with open(options["output"], "w") as out:
            json.dump(result, out, indent=1, default=str)
        self.stdout.write(
            f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
            f"indexing {result['indexing_docs_per_second']:.0f} docs/s"
        )
