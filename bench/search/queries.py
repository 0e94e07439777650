"""The 52 fixed queries (the first 50 since issue 12, two with two facets since issue 19),
their timing, and the size of the indexes."""

import statistics
import time
from collections.abc import Callable

from django.db import connection

from portal.search.engines import NEWEST, RELEVANCE, Filters, get_engine
from portal.search.query import parse

QUERIES: list[tuple[str, str, dict]] = [
    # (category, query, options: filters and sort)
    *[("common word", q, {}) for q in ("trafficking", "labour", "victims", "government", "the")],
    *[
        ("domain word", q, {})
        for q in (
            "recruitment",
            "bondage",
            "repatriation",
            "hotline",
            "brokers",
            "shelter",
            "passports",
            "prosecution",
            "plantations",
        )
    ],
    *[
        ("rare word", q, {})
        for q in (
            "palimpsest",
            "stevedore",
            "bycatch",
            "nonexistentword",
        )
    ],
    *[
        ("phrase", q, {})
        for q in (
            '"forced labour"',
            '"debt bondage"',
            '"migrant workers"',
            '"the government"',
            '"fishing boats"',
        )
    ],
    *[
        ("two or three words", q, {})
        for q in (
            "forced labour fishing",
            "child marriage border",
            "police investigation court",
            "domestic servitude passports",
            "shelter reintegration children",
        )
    ],
    *[("excluded word", q, {}) for q in ("labour -fishing", "victims -children -women")],
    *[("Thai", q, {}) for q in ("มนุษย์", "แรงงาน", "สายด่วน", "การค้ามนุษย์", "เรือประมง")],
    *[("Lao", q, {}) for q in ("ມະນຸດ", "ແຮງງານ", "ສາຍດ່ວນ", "ການຄ້າມະນຸດ", "ເອກະສານ")],
    ("mixed script", "hotline สายด่วน", {}),
    ("mixed script", "trafficking ມະນຸດ", {}),
    ("facet: country", "trafficking", {"country": "la"}),
    ("facet: topic", "labour", {"topic": "fishing"}),
    ("facet: year", "victims", {"year": 2019}),
    ("facet: language", "ມະນຸດ", {"language": "lo"}),
    ("facets combined", "trafficking", {"country": "th", "topic": "forced-labour", "year": 2021}),
    ("sorted by date", "trafficking", {"sort": NEWEST}),
    ("sorted by date", "bondage", {"sort": NEWEST}),
    ("page 5", "labour", {"page": 5}),
    # Added with the embedded engine (issue 19): two facets at once.
    ("two facets", "labour", {"country": "th", "topic": "fishing"}),
    ("two facets", "ການຄ້າມະນຸດ", {"language": "lo", "year": 2015}),
]
assert len(QUERIES) == 52, len(QUERIES)


def index_size() -> dict[str, int]:
    """Bytes used by the full-text indexes and by the search documents."""
    tables = {
        "full-text index (Wagtail backend)": ["wagtailsearch_indexentry%"],
        "search documents, facets, vocabulary": ["portal_search_%"],
    }
    sizes = {}
    with connection.cursor() as cursor:
        for label, patterns in tables.items():
            total = 0
            for pattern in patterns:
                if connection.vendor == "sqlite":
                    cursor.execute(
                        "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE %s OR "
                        "name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND "
                        "tbl_name LIKE %s)",
                        [pattern, pattern],
                    )
                else:
                    cursor.execute(
                        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE c.relkind = 'r' AND n.nspname = 'public' AND c.relname LIKE %s",
                        [pattern],
                    )
                total += int(cursor.fetchone()[0])
            sizes[label] = total
    from portal.search import fulltext

    directory = fulltext.index_dir()
    if directory.exists():
        sizes["embedded index (tantivy)"] = sum(
            f.stat().st_size for f in directory.iterdir() if f.is_file()
        )
    return sizes


def run_queries(repeats: int, log: Callable[[str], None]) -> list[dict]:
    """Run the queries (after one warm-up pass) on the engine of the settings; per query, every
    latency in ms, the total and the first result ids (to compare engines and databases)."""
    from django.test import RequestFactory

    from portal.search.views import RESULTS_PER_PAGE, _results

    engine = get_engine()
    request = RequestFactory().get("/search/")
    results = []
    for round_number in range(repeats + 1):
        for index, (category, text, options) in enumerate(QUERIES):
            filters = Filters(
                year=options.get("year"),
                country=options.get("country"),
                topic=options.get("topic"),
                language=options.get("language"),
            )
            sort = options.get("sort", RELEVANCE)
            offset = (options.get("page", 1) - 1) * RESULTS_PER_PAGE
            started = time.perf_counter()
            query = parse(text)
            outcome = engine.search(query, filters, sort, offset, RESULTS_PER_PAGE)
            _results(request, outcome, query)
            elapsed = (time.perf_counter() - started) * 1000
            if round_number == 0:
                results.append(
                    {
                        "category": category,
                        "query": text,
                        "options": options,
                        "ms": [],
                        "total": outcome.total,
                        "approximate": outcome.approximate,
                        "top": [hit.page_id for hit in outcome.hits[:5]],
                    }
                )
            else:
                results[index]["ms"].append(elapsed)
    for item in results:
        item["median_ms"] = statistics.median(item["ms"])
    log(f"  ran {len(QUERIES)} queries x {repeats}")
    return results
