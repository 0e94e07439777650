"""Backups restore: the demo site is backed up, restored by `manage.py restore` in a separate
process into a fresh database (a new SQLite file, or a new PostgreSQL database) and an empty
media folder, and every page, source, figure, inquiry and media file is compared. A damaged
archive is refused before anything is written."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents.models import Document

from portal.operations.backup import CHECKSUMS, MANIFEST, BackupError, create_backup
from portal.operations.restore import restore_archive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.both_databases]

ROOT = Path(__file__).resolve().parents[3]
# Tables whose rows must come back identical (by primary key).
COMPARED_TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "sources_source",
    "countries_figure",
    "countries_flow",
    "inquiries_inquiry",
    "wagtaildocs_document",
    "wagtailimages_image",
    "auth_user",
]
MUST_HAVE_ROWS = {"wagtailcore_page", "sources_source", "countries_figure", "wagtaildocs_document"}


def _comparable(value) -> str:
    """Django's cursor returns JSON columns as text, the bare driver as objects."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value)


def rows(cursor, table: str) -> list:
    cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608 (fixed table names)
    return [tuple(_comparable(value) for value in row) for row in cursor.fetchall()]


@pytest.fixture
def a_media_file(demo_site):
    document = Document(title="Backup test")
    document.file.save("backup-test.txt", ContentFile(b"a file only the backup holds"))
    document.save()
    yield document
    document.file.delete(save=False)


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the same kind as the test database, and its URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
        return
    config = connection.settings_dict
    name = f"{config['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user, host, port = config.get("USER") or "postgres", config["HOST"], config["PORT"]
    yield f"postgres://{user}@{host}:{port}/{name}", {**config, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def driver_connection(config: dict):
    if config["ENGINE"].endswith("sqlite3"):
        import sqlite3

        # The same type conversions as Django's own connection (booleans, dates).
        return sqlite3.connect(
            config["NAME"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        )
    import psycopg

    return psycopg.connect(
        dbname=config["NAME"],
        host=config["HOST"],
        port=config["PORT"],
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or None,
    )


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_demo_site_comes_back_whole_in_a_fresh_database(
    tmp_path, demo_site, a_media_file, fresh_database
):
    result = create_backup(tmp_path / "backups")
    assert result.path.name.startswith("portal-backup-") and result.path.suffix == ".tar"
    manifest = result.manifest
    assert manifest["counts"]["countries.Figure"] > 0 and manifest["migrations"]
    assert f"media/{a_media_file.file.name}" in manifest["files"]
    with tarfile.open(result.path) as archive:
        names = archive.getnames()
    assert {CHECKSUMS, MANIFEST, manifest["database"]["member"]} <= set(names)

    url, config = fresh_database
    media = tmp_path / "restored-media"
    restored = run_manage(
        "restore",
        str(result.path),
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": url,
            "PORTAL_MEDIA_ROOT": str(media),
        },
    )
    assert restored.returncode == 0, restored.stderr
    assert "Rebuilt: update_index, rebuild_search" in restored.stdout

    # Every media file, byte for byte.
    source_media = Path(settings.MEDIA_ROOT)
    originals = sorted(p.relative_to(source_media) for p in source_media.rglob("*") if p.is_file())
    copies = sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
    assert originals == copies and originals
    for relative in originals:
        assert (source_media / relative).read_bytes() == (media / relative).read_bytes()

    # Every row of the compared tables, through the database driver's own connection to the
    # restored database (a second Django alias is refused by the test isolation).
    other = driver_connection(config)
    try:
        with connection.cursor() as mine:
            theirs = other.cursor()
            for table in COMPARED_TABLES:
                original = rows(mine, table)
                if table in MUST_HAVE_ROWS:
                    assert original, table
                assert rows(theirs, table) == original, table
            # The search index was rebuilt from the restored pages.
            theirs.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
            assert theirs.fetchone()[0] > 0
    finally:
        other.close()


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, demo_site):
    result = create_backup(tmp_path / "backups")
    data = bytearray(result.path.read_bytes())
    # One byte inside the database member (past the tar headers at the start).
    with tarfile.open(result.path) as archive:
        member = archive.getmember(result.manifest["database"]["member"])
    data[member.offset_data + member.size // 2] ^= 0x01
    result.path.write_bytes(bytes(data))

    with pytest.raises(BackupError, match=r"is damaged.*Nothing was restored"):
        restore_archive(result.path, force=True)
    # Without the side file, the member's own checksum still catches it.
    result.path.with_name(result.path.name + ".sha256").unlink()
    with pytest.raises(BackupError, match="checksum of database"):
        restore_archive(result.path, force=True)
    assert demo_site.get_children().exists()  # nothing was touched


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, demo_site):
    result = create_backup(tmp_path / "backups")
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(result.path))


def test_an_encrypted_backup_needs_the_private_key(tmp_path, demo_site, settings):
    from pyrage import x25519

    identity = x25519.Identity.generate()
    settings.PORTAL_BACKUP_AGE_RECIPIENT = str(identity.to_public())
    result = create_backup(tmp_path / "backups")
    assert result.encrypted and result.path.name.endswith(".tar.age")
    assert b"wagtailcore_page" not in result.path.read_bytes()  # the dump cannot be read

    with pytest.raises(BackupError, match="encrypted: give the age private key"):
        restore_archive(result.path, force=True, rebuild=False)
    wrong = tmp_path / "wrong.key"
    wrong.write_text(str(x25519.Identity.generate()) + "\n")
    with pytest.raises(BackupError, match="cannot be decrypted"):
        restore_archive(result.path, force=True, identity_file=str(wrong), rebuild=False)
