"""Bring an archive made by `backup` back: verify it whole first, then restore the database and
media into an empty site, rebuild what is derived (search index, mirror) and compare the rows
per model with the manifest. A damaged archive is refused before anything is written."""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connections

from .backup import (
    CHECKSUMS,
    MANIFEST,
    MEDIA_PREFIX,
    POSTGRES_MEMBER,
    SQLITE_MEMBER,
    BackupError,
    _pg_environment,
    _pg_tool,
    _vendor,
    model_counts,
    sha256_of,
)
from .conf import operations_settings


def _damaged(archive: Path, why: str) -> BackupError:
    return BackupError(f"The archive {archive.name} is damaged ({why}). Nothing was restored.")


def verify_whole_file(archive: Path) -> bool:
    """Check the archive against its side file; False when there is no side file."""
    side = archive.with_name(archive.name + ".sha256")
    if not side.exists():
        return False
    expected = side.read_text().split()[0] if side.read_text().split() else ""
    if sha256_of(archive) != expected:
        raise _damaged(archive, f"its SHA-256 differs from {side.name}")
    return True


def _decrypt(archive: Path, work: Path, identity_file: str | None) -> Path:
    identity_file = identity_file or operations_settings().backup_age_identity_file
    if not identity_file:
        raise BackupError(
            f"{archive.name} is encrypted: give the age private key with --identity FILE."
        )
    from pyrage import DecryptError, decrypt_file, x25519

    lines = [
        line.strip()
        for line in Path(identity_file).read_text().splitlines()
        if line.strip().startswith("AGE-SECRET-KEY-")
    ]
    if not lines:
        raise BackupError(f"{identity_file} holds no age private key (AGE-SECRET-KEY-…).")
    plain = work / archive.name.removesuffix(".age")
    try:
        decrypt_file(str(archive), str(plain), [x25519.Identity.from_str(lines[0])])
    except DecryptError as error:
        raise _damaged(archive, f"it cannot be decrypted with this key: {error}") from None
    return plain


def unpack_and_verify(archive: Path, work: Path) -> tuple[dict, Path]:
    """Extract into `work` and check every member against SHA256SUMS; returns (manifest, dir)."""
    target = work / "unpacked"
    target.mkdir()
    try:
        with tarfile.open(archive, "r:") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise _damaged(archive, f"it is not a readable tar file: {error}") from None
    sums = target / CHECKSUMS
    if not sums.is_file():
        raise _damaged(archive, f"{CHECKSUMS} is missing")
    listed = {}
    for line in sums.read_text(errors="replace").splitlines():
        digest, _sep, name = line.partition("  ")
        listed[name] = digest
    present = {
        path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()
    } - {CHECKSUMS}
    if present != set(listed):
        missing = sorted(set(listed) - present)[:3]
        extra = sorted(present - set(listed))[:3]
        raise _damaged(archive, f"members missing {missing} or unlisted {extra}")
    for name, digest in listed.items():
        if sha256_of(target / name) != digest:
            raise _damaged(archive, f"the checksum of {name} does not match")
    try:
        manifest = json.loads((target / MANIFEST).read_text())
    except ValueError as error:
        raise _damaged(archive, f"its manifest is not JSON: {error}") from None
    return manifest, target


def database_is_empty(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def media_is_empty(root: Path) -> bool:
    return not root.exists() or not any(root.iterdir())


def restore_database(alias: str, unpacked: Path, manifest: dict, *, force: bool) -> None:
    vendor = _vendor(alias)
    member = manifest["database"]["member"]
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"The archive holds a {manifest['database']['vendor']} database; this site uses "
            f"{vendor}. Restore it with the same kind of database."
        )
    connection = connections[alias]
    if vendor == "sqlite":
        assert member == SQLITE_MEMBER
        source = sqlite3.connect(unpacked / member)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # the next query sees the restored schema afresh
        return
    assert member == POSTGRES_MEMBER
    args, environment = _pg_environment(alias)
    command = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", *args]
    if force:
        command += ["--clean", "--if-exists"]
    else:
        command += ["--single-transaction"]
    command += ["--dbname", connection.settings_dict["NAME"], str(unpacked / member)]
    connection.close()
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")


def restore_media(unpacked: Path, root: Path) -> int:
    source = unpacked / MEDIA_PREFIX.rstrip("/")
    if not source.is_dir():
        root.mkdir(parents=True, exist_ok=True)
        return 0
    shutil.copytree(source, root, dirs_exist_ok=True)
    return sum(1 for path in source.rglob("*") if path.is_file())


def rebuild_derived(stdout) -> list[str]:
    """The search indexes and (when that app is installed) the mirror are rebuilt from the
    restored content rather than trusted from the archive: Wagtail's own index (the admin's
    search), then the site search's documents and its embedded index, which lives outside the
    database and so is not in the archive at all."""
    done = []
    call_command("update_index", verbosity=0, stdout=stdout)
    done.append("update_index")
    if "rebuild_search" in get_commands():
        call_command("rebuild_search", "--no-progress", stdout=stdout)
        done.append("rebuild_search")
    if "rebuild_mirror" in get_commands():
        call_command("rebuild_mirror", stdout=stdout)
        done.append("rebuild_mirror")
    return done


def restore_archive(
    archive: Path,
    *,
    alias: str = "default",
    force: bool = False,
    identity_file: str | None = None,
    rebuild: bool = True,
    stdout=None,
) -> dict:
    """Restore `archive`; returns a report (manifest, media count, rebuilt, count mismatches)."""
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    media_root = Path(settings.MEDIA_ROOT)
    if not force:
        if not database_is_empty(alias):
            raise BackupError(
                "The database is not empty. Restore into a new, empty database (or give "
                "--force to replace everything in it)."
            )
        if not media_is_empty(media_root):
            raise BackupError(
                f"The media folder {media_root} is not empty. Restore into an empty folder "
                "(or give --force to add the archive's files to it)."
            )
    whole_checked = verify_whole_file(archive)
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        work_dir = Path(work)
        plain = _decrypt(archive, work_dir, identity_file) if archive.suffix == ".age" else archive
        manifest, unpacked = unpack_and_verify(plain, work_dir)
        restore_database(alias, unpacked, manifest, force=force)
        media = restore_media(unpacked, media_root)
    counts = model_counts(alias)
    mismatches = {
        label: (expected, counts.get(label))
        for label, expected in manifest["counts"].items()
        if counts.get(label) != expected
        # The search index is rebuilt, not restored: its rows may differ.
        and not label.startswith(("wagtailsearch.", "portal_search."))
    }
    rebuilt = rebuild_derived(stdout) if rebuild else []
    return {
        "manifest": manifest,
        "media": media,
        "whole_file_checked": whole_checked,
        "rebuilt": rebuilt,
        "mismatches": mismatches,
    }
