#!/usr/bin/env python
"""Run the whole suite in three phases and say clearly what was skipped; with CI=true nothing
may be skipped.

- SQLite: every test but the browser tests, with pytest-xdist.
- PostgreSQL (when reachable): the tests whose behaviour depends on the database
  (`both_databases`) and one smoke test of every app (`smoke`); see pyproject.toml's markers.
- Browser (when chromium is installed): the browser tests on SQLite, with one chromium.

The PostgreSQL and browser phases run at the same time (different databases; one waits on the
database server, the other on chromium), each with its output kept until it ends. Each test
process copies a migrated demo database instead of building one (portal/testing/database.py).
At the end: a summary and the ten slowest tests of the whole run.

Environment: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal),
PORTAL_CHROMIUM (default /usr/bin/chromium), PYTEST_ARGS (extra arguments for every phase),
PYTEST_WORKERS (default 2; 0 runs in one process), PYTEST_SEQUENTIAL=1 (one phase at a time).
"""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
EXTRA = shlex.split(os.environ.get("PYTEST_ARGS", ""))
WORKERS = os.environ.get("PYTEST_WORKERS", "2")
SEQUENTIAL = os.environ.get("PYTEST_SEQUENTIAL", "") not in ("", "0")
SLOWEST = 10


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def postgres_reachable(url: str) -> str | None:
    """None if we can connect, else the reason."""
    try:
        import dj_database_url
        import psycopg
    except ImportError as error:
        return str(error)
    config = dj_database_url.parse(url)
    try:
        # Connect to the maintenance database: the test database is created by pytest-django.
        with psycopg.connect(
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as error:  # any failure means: no usable server
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


@dataclass
class Phase:
    name: str
    env: dict
    args: list[str]
    code: int = -1
    seconds: float = 0.0
    report: str = ""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "pytest", *self.args, f"--junitxml={self.report}", *EXTRA]

    def run(self, output=None) -> "Phase":
        started = time.monotonic()
        self.code = subprocess.call(  # noqa: S603 (our own interpreter and arguments)
            self.command(),
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
        )
        self.seconds = time.monotonic() - started
        return self

    def heading(self) -> str:
        return f"\n=== {self.name}: {' '.join(shlex.quote(a) for a in self.command()[2:])}"


def run_together(phases: list[Phase], reports: str) -> None:
    """Run `phases` at once; print each one's output when it ends, whole."""

    def run(phase: Phase) -> Phase:
        with open(os.path.join(reports, f"{id(phase)}.log"), "w+") as log:
            phase.run(log)
            log.seek(0)
            phase.output = log.read()
        return phase

    with ThreadPoolExecutor(len(phases)) as pool:
        for phase in pool.map(run, phases):
            say(phase.heading() + "  (ran alongside the others; its output follows)")
            sys.stdout.write(phase.output)
            sys.stdout.flush()


def slowest_tests(phases: list[Phase]) -> list[tuple[float, str, str]]:
    found = []
    for phase in phases:
        if not os.path.exists(phase.report):
            continue
        for case in ET.parse(phase.report).iter("testcase"):  # noqa: S314 (pytest's own report)
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            found.append((float(case.get("time") or 0), phase.name, name))
    return sorted(found, reverse=True)[:SLOWEST]


def main() -> int:
    parallel = ["-n", WORKERS] if WORKERS not in ("", "0", "1") else []
    skipped = []
    reports = tempfile.mkdtemp(prefix="portal-test-reports-")
    sqlite_env = {"DATABASE_URL": "sqlite:///:memory:"}

    def phase(name: str, env: dict, args: list[str]) -> Phase:
        report = os.path.join(reports, f"{name.split()[0].lower()}.xml")
        return Phase(name, env, args, report=report)

    first = phase("SQLite", sqlite_env, ["-m", "not browser", *parallel])
    later = []
    reason = postgres_reachable(PG_URL)
    if reason is None:
        # The database-dependent tests and a smoke test of each app; the rest ran on SQLite.
        marks = "(both_databases or smoke) and not browser"
        later.append(phase("PostgreSQL", {"DATABASE_URL": PG_URL}, ["-m", marks, *parallel]))
    else:
        skipped.append(f"PostgreSQL tests: no server at {PG_URL} ({reason})")

    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        # One process: the browser tests share one chromium (pytest-playwright's session
        # browser, a new context per test) and one live server.
        later.append(phase("Browser (chromium)", sqlite_env, ["-m", "browser"]))
    else:
        skipped.append(
            f"Browser tests: chromium not found at {CHROMIUM} (apt-get install chromium)"
        )

    # The SQLite phase first, alone: it builds the SQLite template the browser phase copies.
    say(first.heading())
    first.run()
    if SEQUENTIAL or len(later) < 2:
        for each in later:
            say(each.heading())
            each.run()
    else:
        run_together(later, reports)
    phases = [first, *later]

    say("\n=== Summary")
    failed = False
    for each in phases:
        if each.code == 0:
            status = "passed"
        elif each.code == 5:
            status = "no tests collected"
        else:
            status = f"FAILED (pytest exit {each.code})"
            failed = True
        say(f"  {each.name}: {status} in {each.seconds:.0f} s")
    for line in skipped:
        say(f"  SKIPPED {line}")
    say(f"\n=== The {SLOWEST} slowest tests (setup, call and teardown)")
    for seconds, name, test in slowest_tests(phases):
        say(f"  {seconds:7.2f} s  {name:<19} {test}")
    if skipped and IN_CI:
        say("CI=true: nothing may be skipped.")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
