#!/usr/bin/env python
"""Benchmark of export_offline: the demo site, then a synthetic site of N pages (default 5,000).

Runs in a scratch directory (its own SQLite database, no effect on var/). Prints a Markdown
table for docs/benchmarks.md. Usage: make bench-offline  (or: python -m bench.offline
--pages 5000 --runs 3)
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(scratch: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["PORTAL_VAR_DIR"] = str(scratch)
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def export(output: Path):
    from portal.offline.exporter import OfflineExporter

    return OfflineExporter(output).run(make_zip=True)


def add_synthetic_pages(count: int) -> None:
    """Standard pages whose body is the About Us demo text (real prose, not filler)."""
    from django.db import transaction
    from wagtail.models import Locale, Site

    from portal.standardpages.models import StandardPage

    home = Site.objects.get(is_default_site=True).root_page
    about = StandardPage.objects.get(slug="about-us", locale=Locale.get_default())
    body = about.body.get_prep_value()
    for start in range(0, count, 250):
        with transaction.atomic():
            for number in range(start, min(count, start + 250)):
                page = StandardPage(
                    title=f"Synthetic page {number + 1}",
                    slug=f"synthetic-{number + 1}",
                    intro=about.intro,
                    body=body,
                )
                home.add_child(instance=page)
                home.refresh_from_db()


def row(label: str, results: list) -> str:
    seconds = statistics.median(r.seconds for r in results)
    last = results[-1]
    return (
        f"| {label} | {len(results)} | {seconds:.1f} | {last.pages} | {last.files} | "
        f"{last.bytes / 1e6:.1f} | {last.zip_bytes / 1e6:.1f} | "
        f"{seconds * 1000 / max(1, last.pages):.0f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the demo export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
        scratch = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "PORTAL_VAR_DIR": str(scratch),
            "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        }
        for command in (["migrate", "-v0"], ["load_demo", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        setup_django(scratch)
        demo = [export(scratch / "demo") for _ in range(args.runs)]
        started = time.monotonic()
        add_synthetic_pages(args.pages)
        created = time.monotonic() - started
        synthetic = [export(scratch / "synthetic")]
    lines = [
        "| site | runs | median time (s) | HTML pages | files | size (MB) | zip (MB) "
        "| ms per page |",
        "|---|---|---|---|---|---|---|---|",
        row("demo", demo),
        row(f"demo + {args.pages:,} synthetic pages", synthetic),
        "",
        f"(creating the {args.pages:,} pages took {created:.0f} s; not part of the export time)",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
