#!/usr/bin/env python
"""Compile every .po catalogue under portal/ into its .mo, with polib: no GNU gettext needed.

Run by `make install` (and so by `make run` and `make test`). Only catalogues whose .mo is
missing or older than the .po are compiled. Fuzzy entries are left out, as msgfmt does, so an
unchecked guess never reaches readers. Exits non-zero if a catalogue cannot be read.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogue(po_path: Path, force: bool = False) -> bool:
    """Write the .mo beside the .po; True if it was (re)written."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path))
    for entry in catalogue.fuzzy_entries():
        catalogue.remove(entry)
    catalogue.save_as_mofile(str(mo_path))
    return True


def main(argv: list[str]) -> int:
    force = "--force" in argv
    compiled = [
        po
        for po in sorted((ROOT / "portal").rglob("LC_MESSAGES/*.po"))
        if compile_catalogue(po, force)
    ]
    for po in compiled:
        sys.stdout.write(f"compiled {po.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
