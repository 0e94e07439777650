"""Bringing a parsed legacy page into the portal: its notes become Sources (found again by
title or "also cited as" title under the rules in reuse.py, else created), its certain marks
become citations, and the result is saved as a draft revision of the country's profile
(created if missing). The report lists the anomalies and every reuse decision with its reason.
Importing the same file again changes nothing."""

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale

from portal.sources.models import Source, normalise_title
from portal.sources.rich_text import citation_db_html

from ..models import Country, CountryIndexPage, CountryProfilePage
from .document import LegacyPage, Paragraph
from .reuse import Decision, SourceMatcher, import_notes

BLOCK_NAMESPACE = uuid.UUID("0b7d3c52-61a4-4f1e-8d7c-5c0a9f3e2b10")
SOURCES_HEADING = "Sources, note by note (reused or new, and why):"


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
    decisions: list[Decision] = field(default_factory=list)


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
    legacy: LegacyPage, file_name: str, country: Country, *, dry_run: bool
) -> tuple[dict[int, Source], list[Source], list[Source], list[Decision]]:
    """Each note's Source: a known one where the reuse rules allow it (see reuse.py), else a
    new one. Returns (by note number, created, found, the decision for every note)."""
    by_note: dict[int, Source] = {}
    created: list[Source] = []
    found: list[Source] = []
    decisions: list[Decision] = []
    first_note: dict[str, int] = {}
    matcher = SourceMatcher(country)
    for number, note in sorted(legacy.notes.items()):
        key = normalise_title(note.title)
        if key in first_note:
            earlier = first_note[key]
            by_note[number] = by_note[earlier]
            decisions.append(
                Decision(number, note.title, by_note[earlier], True, same_as_note=earlier)
            )
            continue
        source, decision, new_title = matcher.decide(number, note.title)
        if source is None:
            source = Source(
                title=new_title[:500],
                url=note.url,
                alternative_titles=note.title if new_title != note.title else "",
                notes=import_notes(file_name, country, number, note.text),
            )
            if not dry_run:
                source.save()
            matcher.add(source)
            created.append(source)
            if decision is None:
                decision = Decision(number, note.title, source, False)
            decision.source = source
        elif source not in found:
            found.append(source)
        decisions.append(decision)
        first_note[key] = number
        by_note[number] = source
    return by_note, created, found, decisions


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


def report_text(legacy: LegacyPage, file_name: str, decisions: list[Decision]) -> str:
    lines = [f"Imported from {file_name}."]
    if legacy.anomalies:
        lines.append(f"{len(legacy.anomalies)} point(s) to resolve before publishing:")
        lines.extend(f"{n}. {a}" for n, a in enumerate(legacy.anomalies, start=1))
    else:
        lines.append("Every mark matched its note; nothing to resolve.")
    if decisions:
        lines.extend(["", SOURCES_HEADING, *(f"- {d}" for d in decisions)])
    return "\n".join(lines)


def _anomaly_part(report: str) -> str:
    """The report without its source decisions: importing the same file again reuses the
    sources the first import created, which changes the decisions but not the draft."""
    return report.split("\n\n" + SOURCES_HEADING, 1)[0]


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
    sources, created, found, decisions = resolve_sources(
        legacy, path.name, country, dry_run=dry_run
    )
    body = body_data(legacy, sources, country)
    report = report_text(legacy, path.name, decisions)
    result = ImportResult(
        page=None,
        sources_created=created,
        sources_found=found,
        decisions=decisions,
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
    same_report = _anomaly_part(draft.legacy_import_report) == _anomaly_part(report)
    if current == json.dumps(body, sort_keys=True) and same_report and not created:
        result.page = existing
        return result
    draft.body = json.dumps(body)
    draft.legacy_import_report = report
    draft.save_revision()
    result.page, result.changed = existing, True
    return result
