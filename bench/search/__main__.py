#!/usr/bin/env python
"""`make bench-search`: the search benchmark on SQLite and PostgreSQL.

For each database and corpus size it creates a fresh, separate benchmark database (never the
site's) and index directory, builds the synthetic corpus there (bench/search/corpus.py), indexes
it, runs the 52 fixed queries on each engine and writes the figures to docs/benchmarks.md
(between the bench-search markers), with a check that both databases gave the same counts and
the same first results.

Environment: BENCH_SIZES (default "10000 100000"; QUICK=1 means "10000"),
BENCH_DATABASES (default "sqlite postgresql"), BENCH_ENGINES (default "tantivy"; "tantivy
database" also builds Wagtail's database index, which is slow, and measures both engines on the
same corpus), BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/portal_bench_search), BENCH_REPEATS (default 5).
"""

import datetime
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench"
DOC = ROOT / "docs" / "benchmarks.md"
QUICK = os.environ.get("QUICK", "") not in ("", "0")
SIZES = [
    int(n) for n in os.environ.get("BENCH_SIZES", "10000" if QUICK else "10000 100000").split()
]
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite postgresql").split()
PG_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_search"
)
REPEATS = os.environ.get("BENCH_REPEATS", "5")
ENGINES = os.environ.get("BENCH_ENGINES", "tantivy").split()
# One section of docs/benchmarks.md per set of databases, so runs can be made separately.
START = f"<!-- bench-search:{'+'.join(DATABASES)}:start -->"
END = f"<!-- bench-search:{'+'.join(DATABASES)}:end -->"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fresh_database(kind: str, size: int) -> str:
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        path = VAR / f"search-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(PG_URL)
    name = config["NAME"]
    with psycopg.connect(
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL


def run(kind: str, size: int) -> dict:
    url = fresh_database(kind, size)
    index = VAR / f"index-{kind}-{size}"
    shutil.rmtree(index, ignore_errors=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTAL_SEARCH_ENGINE": "tantivy",
        "PORTAL_SEARCH_INDEX_DIR": str(index),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    output = VAR / f"{kind}-{size}.json"
    VAR.mkdir(parents=True, exist_ok=True)
    command = [*manage, "bench_search", "--docs", str(size), "--repeats", REPEATS,
               "--output", str(output), "--engines", " ".join(ENGINES)]  # fmt: skip
    say(f"== {kind}, {size} documents: {' '.join(shlex.quote(c) for c in command[1:])}")
    started = time.monotonic()
    load_before = _load()
    subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603
    result = json.loads(output.read_text())
    result["database"] = kind
    result["load_before"] = load_before
    result["load_after"] = _load()
    result["wall_seconds"] = time.monotonic() - started
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def versions() -> str:
    import sqlite3

    parts = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    try:
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(PG_URL)
        with psycopg.connect(
            host=config.get("HOST") or None, port=config.get("PORT") or None,
            user=config.get("USER") or None, dbname="postgres",
        ) as conn:  # fmt: skip
            parts.append("PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0])
    except Exception:  # noqa: S110 (the version line is informative only)
        pass
    return ", ".join(parts)


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def report(results: list[dict]) -> str:
    command = "make bench-search" + (" QUICK=1" if QUICK else "")
    lines = [
        START,
        f"### Search (`{command}`)",
        "",
        f"Run {datetime.date.today().isoformat()} on {machine()}; {versions()}.",
        "Synthetic corpus (generated text, never shown on the site, in separate benchmark "
        "databases): about 60 % English, 20 % Thai, 15 % Lao, 5 % mixed; lengths from short "
        "events to long resources. Latency = the search work of one request (parse, counts, "
        "facets, one page of 20 results with snippets), without template rendering; "
        f"52 fixed queries, each run {REPEATS} times after a warm-up pass. Load average "
        "(1 min) before and after each run in the last column.",
        "",
        "| Database | Engine | Documents | Indexing (docs/s) | Index size | p50 | p95 | max "
        "| Load |",
        "|---|---|---:|---:|---|---:|---:|---:|---|",
    ]
    for r in results:
        sizes = " + ".join(f"{mb(v)} {k}" for k, v in r["sizes"].items() if v)
        rate = f"{r['indexing_docs_per_second']:.0f}"
        if r.get("wagtail_docs_per_second"):
            rate += f" (Wagtail's index: {r['wagtail_docs_per_second']:.0f})"
        for engine, run in r["engines"].items():
            lines.append(
                f"| {r['database']} | {engine} | {r['docs']:,} | {rate} | {sizes} | "
                f"{run['p50_ms']:.1f} ms | {run['p95_ms']:.1f} ms | {run['max_ms']:.1f} ms | "
                f"{r['load_before']} → {r['load_after']} |"
            )
    lines += ["", "Slowest queries (median ms) per run:", ""]
    for r in results:
        for engine, run in r["engines"].items():
            slow = sorted(run["queries"], key=lambda q: -q["median_ms"])[:5]
            described = "; ".join(
                f"{q['category']} `{q['query']}`"
                f"{' ' + json.dumps(q['options'], ensure_ascii=False) if q['options'] else ''}"
                f" {q['median_ms']:.0f} ({q['total']:,} hits)"
                for q in slow
            )
            lines.append(f"- {r['database']}, {engine}, {r['docs']:,}: {described}")
    lines += ["", "Same query, same answer: counts and first five results compared between "
              "the databases, per engine and size:", ""]  # fmt: skip
    by_key: dict[tuple, dict] = {}
    for r in results:
        for engine, run in r["engines"].items():
            by_key.setdefault((engine, r["docs"]), {})[r["database"]] = run["queries"]
    for (engine, docs), runs in by_key.items():
        if len(runs) < 2:
            continue
        (first, a), (second, b) = list(runs.items())[:2]
        counts = [qa["query"] for qa, qb in zip(a, b, strict=True) if qa["total"] != qb["total"]]
        tops = [qa["query"] for qa, qb in zip(a, b, strict=True) if qa["top"] != qb["top"]]
        lines.append(
            f"- {engine}, {docs:,}: {first} and {second} differ in the count of "
            f"{len(counts)} of {len(a)} queries{': ' + ', '.join(counts) if counts else ''}; "
            f"in the first five results of {len(tops)}"
            f"{' (' + ', '.join(tops) + ')' if tops else ''}."
        )
    lines += ["", "Indexing time split (seconds): page creation / Wagtail's database index / "
              "portal search documents, vocabulary and embedded index:", ""]  # fmt: skip
    for r in results:
        t = r["timings"]
        lines.append(
            f"- {r['database']}, {r['docs']:,}: {t['create']:.0f} / {t['backend']:.0f} / "
            f"{t['documents']:.0f}"
        )
    lines.append(END)
    return "\n".join(lines)


def write(section: str) -> None:
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)


def main() -> int:
    results = []
    for size in SIZES:
        for kind in DATABASES:
            results.append(run(kind, size))
            write(report(results))  # after each run, so a long run's early figures are kept
    say(f"Results written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
