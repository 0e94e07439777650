#!/usr/bin/env python
"""Run the whole suite: on SQLite, on PostgreSQL when reachable, and the browser tests when
chromium is installed. Says clearly what it skipped; with CI=true nothing may be skipped.

Environment: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal),
PORTAL_CHROMIUM (default /usr/bin/chromium), PYTEST_ARGS (extra arguments for every phase),
PYTEST_WORKERS (default 2; 0 runs in one process).
"""

import os
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
EXTRA = shlex.split(os.environ.get("PYTEST_ARGS", ""))
WORKERS = os.environ.get("PYTEST_WORKERS", "2")


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


def run_phase(name: str, env_extra: dict, args: list[str]) -> tuple[str, int, float]:
    env = {**os.environ, **env_extra}
    command = [sys.executable, "-m", "pytest", *args, *EXTRA]
    say(f"\n=== {name}: {' '.join(shlex.quote(a) for a in command[2:])}")
    started = time.monotonic()
    code = subprocess.call(command, cwd=ROOT, env=env)  # noqa: S603
    return name, code, time.monotonic() - started


def main() -> int:
    parallel = ["-n", WORKERS] if WORKERS not in ("", "0", "1") else []
    results = []
    skipped = []

    sqlite_env = {"DATABASE_URL": "sqlite:///:memory:"}
    results.append(run_phase("SQLite", sqlite_env, ["-m", "not browser", *parallel]))

    reason = postgres_reachable(PG_URL)
    if reason is None:
        results.append(
            run_phase("PostgreSQL", {"DATABASE_URL": PG_URL}, ["-m", "not browser", *parallel])
        )
    else:
        skipped.append(f"PostgreSQL tests: no server at {PG_URL} ({reason})")

    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        # One process: the browser tests share a live server and are few.
        results.append(run_phase("Browser (chromium)", sqlite_env, ["-m", "browser"]))
    else:
        skipped.append(
            f"Browser tests: chromium not found at {CHROMIUM} (apt-get install chromium)"
        )

    say("\n=== Summary")
    failed = False
    for name, code, seconds in results:
        if code == 0:
            status = "passed"
        elif code == 5:
            status = "no tests collected"
        else:
            status = f"FAILED (pytest exit {code})"
            failed = True
        say(f"  {name}: {status} in {seconds:.0f} s")
    for line in skipped:
        say(f"  SKIPPED {line}")
    if skipped and IN_CI:
        say("CI=true: nothing may be skipped.")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
