"""One archive holds everything needed to bring the site back: the database (SQLite's online
backup, or pg_dump's custom format on PostgreSQL), the media files, a manifest (versions,
applied migrations, rows per model, files) and SHA-256 checksums of every member.

An archive `portal-backup-YYYYMMDD-HHMMSS.tar` may be encrypted to an age public key
(PORTAL_BACKUP_AGE_RECIPIENT) as `….tar.age`: the server holds only the public key, so a
stolen server cannot read its old backups. A side file `<archive>.sha256` checksums the whole
archive, so that a damaged byte anywhere (even in tar padding) is noticed before restoring.
"""

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from .conf import operations_settings

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_environment(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore; the password goes through the environment,
    never the command line (which other users of the machine can read)."""
    config = connections[alias].settings_dict
    args = []
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    environment = {**os.environ}
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    return args, environment


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def dump_database(alias: str, target: Path) -> str:
    """Write the database to `target`; returns the member name it belongs under."""
    vendor = _vendor(alias)
    connection = connections[alias]
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while the site keeps running.
            connection.connection.backup(destination)
        finally:
            destination.close()
        return SQLITE_MEMBER
    args, environment = _pg_environment(alias)
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", *args]
    command += ["--file", str(target), connection.settings_dict["NAME"]]
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return POSTGRES_MEMBER


def model_counts(alias: str) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(alias).count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def build_manifest(alias: str, database_member: str, files: dict[str, str]) -> dict:
    applied = MigrationRecorder(connections[alias]).applied_migrations()
    return {
        "format": FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(),
        "database": {"vendor": connections[alias].vendor, "member": database_member},
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
        },
        "migrations": sorted(f"{app}.{name}" for app, name in applied),
        "counts": model_counts(alias),
        "files": files,  # member name -> SHA-256, the same as in SHA256SUMS
    }


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    encrypted: bool


def _age_recipient():
    recipient = operations_settings().backup_age_recipient
    if not recipient:
        return None
    from pyrage import x25519

    try:
        return x25519.Recipient.from_str(recipient.strip())
    except Exception as error:
        raise BackupError(
            f"PORTAL_BACKUP_AGE_RECIPIENT is not an age public key: {error}"
        ) from None


def create_backup(destination: Path, *, alias: str = "default", now: datetime | None = None):
    """Write one archive into the folder `destination`; returns a BackupResult."""
    destination.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    recipient = _age_recipient()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        work_dir = Path(work)
        database_file = work_dir / "database"
        database_member = dump_database(alias, database_file)
        checksums = {database_member: sha256_of(database_file)}
        media = media_files(media_root)
        for path in media:
            checksums[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = sha256_of(path)
        manifest = build_manifest(alias, database_member, checksums)
        manifest_file = work_dir / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        checksums[MANIFEST] = sha256_of(manifest_file)
        sums_file = work_dir / CHECKSUMS
        sums_file.write_text("".join(f"{digest}  {name}\n" for name, digest in checksums.items()))

        tar_path = work_dir / f"portal-backup-{stamp}.tar"
        with tarfile.open(tar_path, "w") as archive:
            archive.add(sums_file, CHECKSUMS)
            archive.add(manifest_file, MANIFEST)
            archive.add(database_file, database_member)
            for path in media:
                archive.add(path, MEDIA_PREFIX + path.relative_to(media_root).as_posix())
        if recipient is not None:
            from pyrage import encrypt_file

            final = destination / f"{tar_path.name}.age"
            encrypt_file(str(tar_path), str(final), [recipient])
        else:
            final = destination / tar_path.name
            shutil.move(tar_path, final)
    final.with_name(final.name + ".sha256").write_text(f"{sha256_of(final)}  {final.name}\n")
    return BackupResult(path=final, manifest=manifest, encrypted=recipient is not None)
