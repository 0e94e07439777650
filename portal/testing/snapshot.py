"""A snapshot of the test database, taken once the demo site is built, and put back at the
end of each transactional test, instead of emptying the database.

Transactional tests (the task worker, the live server of browser tests) cannot be rolled back:
Django empties the database after each one, and building the demo again took several seconds
per test. Putting a snapshot back takes milliseconds on SQLite (its backup API, between two
in-memory databases). On PostgreSQL the snapshot is a copy of every table in a schema of its
own, copied back in one transaction with foreign-key triggers off: a fraction of a second,
where copying a whole database from a template took seconds (a checkpoint each time).
"""

import sqlite3

from django.db import connections, transaction

SNAPSHOT_SCHEMA = "test_snapshot"


class DatabaseSnapshot:
    """One committed state of the test database; `name` tells several apart (on PostgreSQL
    each is a schema of its own)."""

    def __init__(self, alias: str = "default", name: str = "") -> None:
        self.alias = alias
        self.schema = f"{SNAPSHOT_SCHEMA}_{name}" if name else SNAPSHOT_SCHEMA
        self.sqlite_copy: sqlite3.Connection | None = None
        self.postgres_tables: list[str] = []

    @property
    def connection(self):
        return connections[self.alias]

    def take(self) -> None:
        connection = self.connection
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite_copy)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                )
                self.postgres_tables = [row[0] for row in cursor.fetchall()]
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {self.schema}")
                for table in self.postgres_tables:
                    cursor.execute(
                        f'CREATE TABLE {self.schema}."{table}" AS TABLE public."{table}"'
                    )

    def restore(self) -> bool:
        """Put the snapshot back; False when there is none (another database engine)."""
        connection = self.connection
        if self.sqlite_copy is not None:
            connection.ensure_connection()
            self.sqlite_copy.backup(connection.connection)
            return True
        if self.postgres_tables:
            with transaction.atomic(using=self.alias), connection.cursor() as cursor:
                # Rows go and come back in any order: foreign keys are not checked meanwhile
                # (the data was consistent when the snapshot was taken).
                cursor.execute("SET LOCAL session_replication_role = replica")
                for table in self.postgres_tables:
                    # Table names come from pg_tables, never from input.
                    cursor.execute(f'DELETE FROM public."{table}"')  # noqa: S608
                    cursor.execute(
                        f'INSERT INTO public."{table}" '  # noqa: S608
                        f'SELECT * FROM {self.schema}."{table}"'
                    )
            return True
        return False

    def discard(self) -> None:
        if self.sqlite_copy is not None:
            self.sqlite_copy.close()
            self.sqlite_copy = None
        if self.postgres_tables:
            with self.connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            self.postgres_tables = []
