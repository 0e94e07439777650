"""Writing the bulk downloads: every table as CSV (in one .zip, with the data dictionary and a
README) and all of them in one JSON file, plus a manifest the /data/ page reads.

The records are the API's, passed through the API's own schemas and JSON encoder, so a row in
the files is exactly the item the API returns. Files are written beside the old ones and then
renamed over them: a download never gets a half-written file.
"""

import csv
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja.responses import NinjaJSONEncoder
from wagtail.models import Site

from portal.api.records.base import site_base_url
from portal.core.conf import core_settings
from portal.countries import dataset
from portal.opendata.conf import open_data_settings

from .dictionary import data_dictionary
from .tables import TABLES, Table

JSON_FILE = "anti-trafficking-portal-data.json"
ZIP_FILE = "anti-trafficking-portal-data-csv.zip"
MANIFEST_FILE = "manifest.json"
DOWNLOADS = (ZIP_FILE, JSON_FILE)
SCHEMA_VERSION = 1


def root() -> Path:
    return Path(open_data_settings().root_path)


def as_json_values(table: Table, record: dict[str, Any]) -> dict[str, Any]:
    """The record exactly as the API serialises it."""
    item = table.schema.model_validate(record).model_dump()
    return json.loads(json.dumps(item, cls=NinjaJSONEncoder))


@dataclass
class About:
    """Licence, citation and origin, written into every file."""

    title: str
    publisher: str
    licence: str
    how_to_cite: str
    base_url: str
    generated_at: str

    @classmethod
    def now(cls, base_url: str) -> "About":
        from portal.core.models import PortalSettings

        site = Site.objects.filter(is_default_site=True).first()
        portal = PortalSettings.for_site(site) if site else PortalSettings()
        generated = datetime.now(UTC).replace(microsecond=0)
        title = str(core_settings().display_name)
        licence = portal.content_licence or _("See the portal's terms of use")
        return cls(
            title=title,
            publisher=portal.copyright_holder,
            licence=licence,
            how_to_cite=_("%(publisher)s, %(title)s: open data (generated %(date)s), %(url)s/data/")
            % {
                "publisher": portal.copyright_holder,
                "title": title,
                "date": generated.date().isoformat(),
                "url": base_url,
            },
            base_url=base_url,
            generated_at=generated.isoformat(),
        )


def _readme(about: About, counts: dict[str, int]) -> str:
    lines = [
        about.title,
        "",
        _("Generated: %(date)s") % {"date": about.generated_at},
        _("Licence: %(licence)s") % {"licence": about.licence},
        _("How to cite: %(citation)s") % {"citation": about.how_to_cite},
        _(
            "Every figure and flow names its source (source_* columns); "
            "sources keep their own terms."
        ),
        _("Lists within a cell are separated by semicolons."),
        _("Columns are described in data-dictionary.csv. The same data: %(url)s/api/v1/")
        % {"url": about.base_url},
        "",
        *(f"{name}.csv: {count}" for name, count in counts.items()),
    ]
    return "\n".join(lines) + "\n"


def _dictionary_csv(dictionary: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=["table", "column", "type", "description"], lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(dictionary)
    return buffer.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def generate(base_url: str | None = None) -> dict[str, Any]:
    """Write the bulk files; returns the manifest."""
    base_url = base_url or site_base_url()
    directory = root()
    directory.mkdir(parents=True, exist_ok=True)
    with override(settings.LANGUAGE_CODE):
        about = About.now(base_url)
        tables = {
            table.name: [as_json_values(table, record) for record in table.rows(base_url)]
            for table in TABLES
        }
        dictionary = data_dictionary()
        counts = {name: len(rows) for name, rows in tables.items()}
        document = {
            "title": about.title,
            "publisher": about.publisher,
            "licence": about.licence,
            "how_to_cite": about.how_to_cite,
            "generated_at": about.generated_at,
            "schema_version": SCHEMA_VERSION,
            "api": f"{base_url}/api/v1/",
            "data_dictionary": dictionary,
            "tables": tables,
        }
        json_bytes = json.dumps(document, ensure_ascii=False, indent=1).encode()
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for table in TABLES:
                text = dataset.to_csv(tables[table.name], table.fields)
                zipped.writestr(f"{table.name}.csv", text)
            zipped.writestr("data-dictionary.csv", _dictionary_csv(dictionary))
            zipped.writestr("README.txt", _readme(about, counts))
    _write_atomically(directory / JSON_FILE, json_bytes)
    _write_atomically(directory / ZIP_FILE, archive.getvalue())
    manifest = {
        "generated_at": about.generated_at,
        "licence": about.licence,
        "how_to_cite": about.how_to_cite,
        "counts": counts,
        "files": {name: (directory / name).stat().st_size for name in DOWNLOADS},
    }
    _write_atomically(directory / MANIFEST_FILE, json.dumps(manifest, indent=1).encode())
    return manifest


def read_manifest() -> dict[str, Any] | None:
    """What was generated last, or None when the files do not exist yet."""
    path = root() / MANIFEST_FILE
    if not path.exists() or not all((root() / name).exists() for name in DOWNLOADS):
        return None
    try:
        return json.loads(path.read_text())
    except ValueError:
        return None
