"""The test database of each test process: migrated and filled with the demo site once, then
cloned for every pytest-xdist worker, every phase on the same engine and every later run until
the code changes.

Migrating and building the demo site takes most of a minute, and every test process did it for
itself. Here the first process to need it builds a template (under a file lock, so workers wait
for one another instead of building twice); the others, and later runs, copy it:

- SQLite: the built in-memory database is saved to a file with SQLite's backup API, and copied
  back into each process's in-memory test database the same way (milliseconds).
- PostgreSQL: the template is a database of its own; each process's test database is made with
  `CREATE DATABASE ... TEMPLATE` (a file copy on the server, about a second).

The template is named after a fingerprint of everything that can change what it contains (the
portal's code and data outside the tests, with the demo builder of portal/testing/site.py; the
Python, Django and Wagtail versions): a change makes a new one, so a stale template is never
used. Only the newest template of each kind is kept.
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = Path(
    os.environ.get("PORTAL_TEST_DB_CACHE", Path(tempfile.gettempdir()) / "portal-test-db")
)


def fingerprint() -> str:
    """A hash of what goes into the template: source files (not tests) and versions."""
    import django
    import wagtail

    digest = hashlib.sha256(f"{sys.version}|{django.__version__}|{wagtail.__version__}".encode())
    paths = []
    for path in (ROOT / "portal").rglob("*"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "__pycache__" in parts or "static" in parts or not path.is_file():
            continue
        paths.append(path)
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def locked(name: str) -> Iterator[None]:
    """A lock shared by every process on this machine (pytest-xdist workers, parallel phases)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _use_test_name(connection, test_name: str) -> None:
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    if connection.connection is not None:
        connection.connection.close()  # an in-memory SQLite connection ignores close()
        connection.connection = None
    connection.close()
    connection.ensure_connection()


def _sqlite(connection, build: Callable[[], None], verbosity: int) -> Callable[[], None]:
    old_name = connection.settings_dict["NAME"]
    key = fingerprint()
    template = CACHE_DIR / f"sqlite-{key}.sqlite3"
    with locked("sqlite"):
        if not template.exists():
            creation = connection.creation
            creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
            build()
            for stale in CACHE_DIR.glob("sqlite-*.sqlite3"):
                stale.unlink()
            partial = template.with_suffix(".partial")
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
            partial.replace(template)
        else:
            _use_test_name(connection, connection.creation._get_test_db_name())
            with contextlib.closing(sqlite3.connect(template)) as source:
                source.backup(connection.connection)

    def destroy() -> None:
        connection.creation.destroy_test_db(old_name, verbosity, keepdb=False)

    return destroy


def _postgres(connection, build: Callable[[], None], verbosity: int) -> Callable[[], None]:
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    test_name = creation._get_test_db_name()  # pytest-xdist workers have a suffix (_gw0...)
    key = fingerprint()
    prefix = f"test_{old_name}_template_"
    template = prefix + key
    quote = connection.ops.quote_name
    with locked(f"postgres-{old_name}"):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
            existing = {row[0] for row in cursor.fetchall()}
        if template not in existing:
            test_settings = connection.settings_dict["TEST"]
            saved = test_settings.get("NAME")
            test_settings["NAME"] = template
            try:
                creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
                build()
            finally:
                test_settings["NAME"] = saved
            connection.close()  # CREATE DATABASE ... TEMPLATE needs it unused
            with creation._nodb_cursor() as cursor:
                for stale in existing:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)} WITH (FORCE)")
        with creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    _use_test_name(connection, test_name)

    def destroy() -> None:
        creation.destroy_test_db(old_name, verbosity, keepdb=False)

    return destroy


def set_up_test_database(build: Callable[[], None], verbosity: int = 0) -> Callable[[], None]:
    """Give this process its test database (the default one), built by `build` once per
    template; returns what removes it at the end."""
    connection = connections["default"]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return _sqlite(connection, build, verbosity)
    if connection.vendor == "postgresql":
        return _postgres(connection, build, verbosity)
    # Any other database: Django's own way, built by each process.
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    build()
    return lambda: connection.creation.destroy_test_db(old_name, verbosity, keepdb=False)
