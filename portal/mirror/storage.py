"""Files of the mirror on disk: each one with its .gz and .br copies, written atomically."""

import gzip
from pathlib import Path, PurePosixPath

import brotli

from portal.core.rendering import write_atomically
from portal.mirror.conf import mirror_settings

MARKER = ".portal-mirror"
# Already compressed: a second compression only costs time.
UNCOMPRESSED_SUFFIXES = {".zip", ".gz", ".br", ".png", ".jpg", ".jpeg", ".webp", ".pdf"}
SIBLINGS = (".gz", ".br")


def root() -> Path:
    return Path(mirror_settings().root_path)


def compressed_copies(relative: PurePosixPath, body: bytes) -> dict[str, bytes]:
    if relative.suffix.lower() in UNCOMPRESSED_SUFFIXES:
        return {}
    return {
        # mtime=0: the same bytes give the same file, whenever they are written.
        ".gz": gzip.compress(body, compresslevel=9, mtime=0),
        ".br": brotli.compress(body, quality=11),
    }


def write(base: Path, relative: PurePosixPath, body: bytes) -> Path:
    """Write a file and its compressed copies. The copies go first, so that the front server
    never finds a new file beside a stale .gz; a reader that gets a copy mid-update gets the
    previous or the next version, each whole."""
    destination = base.joinpath(*relative.parts)
    copies = compressed_copies(relative, body)
    for suffix in SIBLINGS:
        sibling = destination.with_name(destination.name + suffix)
        if suffix in copies:
            write_atomically(sibling, copies[suffix])
        else:
            sibling.unlink(missing_ok=True)
    write_atomically(destination, body)
    return destination


def remove(base: Path, relative: str | PurePosixPath) -> None:
    """Remove a file first (the front server then falls through to the application at once),
    then its copies, then directories left empty."""
    if not relative:
        return
    destination = base.joinpath(*PurePosixPath(relative).parts)
    destination.unlink(missing_ok=True)
    for suffix in SIBLINGS:
        destination.with_name(destination.name + suffix).unlink(missing_ok=True)
    parent = destination.parent
    while parent != base and base in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break  # not empty
        parent = parent.parent


def files_on_disk(base: Path) -> set[str]:
    """Every mirrored file below base (relative, POSIX), without copies and internal files."""
    found = set()
    if not base.exists():
        return found
    for path in base.rglob("*"):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        if path.suffix in SIBLINGS and path.with_suffix("").exists():
            continue
        found.add(path.relative_to(base).as_posix())
    return found
