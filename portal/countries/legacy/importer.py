"""Bringing a parsed legacy page into the portal: its notes become Sources (found again by
title or "also cited as" title, else created), its certain marks become citations, and the
result is saved as a draft revision of the country's profile (created if missing). Importing
the same file again changes nothing."""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale

from portal.sources.models import Source
from portal.sources.rich_text import citation_db_html

from ..models import Country, CountryIndexPage, CountryProfilePage
from .document import LegacyPage, Paragraph

BLOCK_NAMESPACE = uuid.UUID("0b7d3c52-61a4-4f1e-8d7c-5c0a9f3e2b10")


class LegacyImportError(Exception):
    """The import cannot start (unknown country, no countries section)."""


@dataclass
class ImportResult:
    page: CountryProfilePage | None
    created_page: bool = False
    changed: bool = False
    sources_created: list[Source] = field(default_factory=list)
    sources_found: list[Source] = field(default_factory=list)
    citations: int = 0
    report: str = ""


def paragraph_html(paragraph: Paragraph, sources: dict[int, Source]) -> str:
    pieces, position = [], 0
    for mark in paragraph.marks:
        pieces.append(escape(paragraph.text[position : mark.start]))
        if mark.certain:
            pieces.append(citation_db_html(sources[mark.number]))
        else:
            pieces.append(escape(f"[{mark.number}?]"))
        position = mark.end
    pieces.append(escape(paragraph.text[position:]))
    return "<p>" + "".join(pieces).strip() + "</p>"


def resolve_sources(
    legacy: LegacyPage, file_name: str, *, dry_run: bool
) -> tuple[dict[int, Source], list[Source], list[Source]]:
    """Each note's Source, deduplicated by title. Returns (by note number, created, found)."""
    by_note: dict[int, Source] = {}
    created: list[Source] = []
    found: list[Source] = []
    by_title: dict[str, Source] = {}
    for number, note in sorted(legacy.notes.items()):
        key = note.title.casefold()
        source = by_title.get(key) or Source.objects.matching_title(note.title)
        if source is None:
            source = Source(
                title=note.title[:500],
                url=note.url,
                notes=f"Imported from the legacy page {file_name}, note {number}: {note.text}",
            )
            if not dry_run:
                source.save()
            created.append(source)
        elif source not in created and source not in found:
            found.append(source)
        by_title[key] = source
        by_note[number] = source
    return by_note, created, found


def body_data(legacy: LegacyPage, sources: dict[int, Source], country: Country) -> list[dict]:
    """The StreamField content, with block ids derived from the country and position so that
    the same file always gives the same data."""
    return [
        {
            "type": "section",
            "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{country.iso2}:{index}")),
            "value": {
                "heading": section.heading,
                "content": "".join(paragraph_html(p, sources) for p in section.paragraphs),
            },
        }
        for index, section in enumerate(legacy.sections)
    ]


def report_text(legacy: LegacyPage, file_name: str) -> str:
    lines = [f"Imported from {file_name}."]
    if legacy.anomalies:
        lines.append(f"{len(legacy.anomalies)} point(s) to resolve before publishing:")
        lines.extend(f"{n}. {a}" for n, a in enumerate(legacy.anomalies, start=1))
    else:
        lines.append("Every mark matched its note; nothing to resolve.")
    return "\n".join(lines)


def _index_page() -> CountryIndexPage:
    index_page = CountryIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index_page is None:
        raise LegacyImportError(
            "There is no countries section (CountryIndexPage) to put the profile in; "
            "create it first (manage.py load_demo creates one)."
        )
    return index_page


@transaction.atomic
def import_legacy_page(
    legacy: LegacyPage, path: Path, iso2: str, *, dry_run: bool = False
) -> ImportResult:
    country = Country.objects.filter(iso2=iso2.upper()).first()
    if country is None:
        raise LegacyImportError(f"No country with the ISO 3166-1 alpha-2 code {iso2!r}.")
    index_page = _index_page()
    sources, created, found = resolve_sources(legacy, path.name, dry_run=dry_run)
    body = body_data(legacy, sources, country)
    report = report_text(legacy, path.name)
    result = ImportResult(
        page=None,
        sources_created=created,
        sources_found=found,
        citations=sum(1 for _, _, p in legacy.paragraphs() for m in p.marks if m.certain),
        report=report,
    )
    existing = CountryProfilePage.objects.filter(country=country, locale=index_page.locale).first()
    if dry_run:
        result.page = existing
        return result

    if existing is None:
        page = CountryProfilePage(
            title=country.name,
            slug=country.slug,
            country=country,
            body=json.dumps(body),
            legacy_import_report=report,
            live=False,
        )
        index_page.add_child(instance=page)
        page.save_revision()
        result.page, result.created_page, result.changed = page, True, True
        return result

    draft = existing.get_latest_revision_as_object()
    current = json.dumps(list(draft.body.raw_data), sort_keys=True)
    if current == json.dumps(body, sort_keys=True) and draft.legacy_import_report == report:
        result.page = existing
        return result
    draft.body = json.dumps(body)
    draft.legacy_import_report = report
    draft.save_revision()
    result.page, result.changed = existing, True
    return result
