import gzip
from pathlib import Path

import brotli
import pytest

from portal.mirror.mirror import Mirror


@pytest.fixture
def mirror_root(settings, tmp_path) -> Path:
    """The mirror switched on, in a folder of this test's own."""
    settings.PORTAL_MIRROR_ENABLED = True
    settings.PORTAL_MIRROR_ROOT = tmp_path / "mirror"
    return settings.PORTAL_MIRROR_ROOT


@pytest.fixture
def mirror(mirror_root) -> Mirror:
    return Mirror()


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below root: its modification time (ns) and bytes."""
    return {
        path.relative_to(root).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in root.rglob("*")
        if path.is_file()
    }


def read(root: Path, relative: str) -> str:
    """A mirrored file's text, checking that its .gz and .br copies hold the same bytes."""
    path = root / relative
    body = path.read_bytes()
    assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == body
    assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == body
    return body.decode()


def gone(root: Path, relative: str) -> bool:
    path = root / relative
    return not any(
        p.exists()
        for p in (path, path.with_name(path.name + ".gz"), path.with_name(path.name + ".br"))
    )
