"""Build the synthetic benchmark corpus in the current (benchmark!) database and measure.

Run through `make bench-search` (python -m bench.search), which points DATABASE_URL at a
separate benchmark database. Refuses to run against a database that has other content.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from wagtail.models import Page

from bench.search import corpus
from bench.search import queries as bench_queries


class Command(BaseCommand):
    help = "Search benchmark: synthetic corpus, indexing throughput, query latency, index size."

    def add_arguments(self, parser):
        parser.add_argument("--docs", type=int, required=True)
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument("--output", required=True, help="JSON file for the results")
        parser.add_argument(
            "--engines",
            default="tantivy",
            help='Engines to measure on the same corpus: "tantivy", "database" or both '
            "(space-separated); the database engine needs Wagtail's index, built only then.",
        )

    def handle(self, *args, **options):
        if Page.objects.filter(depth__gte=3).exists():
            raise CommandError("This database already has pages: use an empty benchmark database.")
        engines = options["engines"].split()
        started = time.perf_counter()
        timings = corpus.build_corpus(
            options["docs"],
            options["batch_size"],
            self.stdout.write,
            wagtail_backend="database" in engines,
        )
        build_seconds = time.perf_counter() - started
        runs = {}
        for engine in engines:
            with override_settings(PORTAL_SEARCH_ENGINE=engine):
                queries = bench_queries.run_queries(options["repeats"], self.stdout.write)
            samples = sorted(ms for q in queries for ms in q["ms"])
            runs[engine] = {
                "p50_ms": samples[len(samples) // 2],
                "p95_ms": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
                "max_ms": samples[-1],
                "queries": queries,
            }
            self.stdout.write(
                f"{engine}: p50 {runs[engine]['p50_ms']:.1f} ms, "
                f"p95 {runs[engine]['p95_ms']:.1f} ms, max {runs[engine]['max_ms']:.1f} ms"
            )
        result = {
            "docs": options["docs"],
            "build_seconds": build_seconds,
            "timings": timings,
            # The portal's own index: documents, vocabulary and the embedded index.
            "indexing_docs_per_second": options["docs"] / max(timings["documents"], 0.001),
            "wagtail_docs_per_second": (
                options["docs"] / timings["backend"] if timings["backend"] else None
            ),
            "sizes": bench_queries.index_size(),
            "engines": runs,
        }
        with open(options["output"], "w") as out:
            json.dump(result, out, indent=1, default=str)
        self.stdout.write(f"indexing {result['indexing_docs_per_second']:.0f} docs/s")
