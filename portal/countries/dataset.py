"""The country dataset as plain records: figures and flows, each with its source. Used by the
per-country and whole-dataset CSV/JSON downloads, and meant for the public API and bulk
downloads to reuse.

Identifiers are stable: ISO 3166 codes for countries, UUIDs for figures, flows and sources
(plus the source's slug), topic slugs for forms and sectors. Database ids never appear.
Records are nested (a figure has a "source" object); `flatten` turns one into a CSV row.
"""

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from portal.sources.models import Source

from .models import Country, Figure, Flow

SCHEMA_VERSION = 1

SOURCE_FIELDS = [
    "id",
    "slug",
    "title",
    "author",
    "year",
    "url",
    "accessed_on",
    "archive_url",
    "locator",
    "page",
]
FIGURE_FIELDS = [
    "id",
    "country_iso2",
    "country_iso3",
    "country_name",
    "region",
    "indicator",
    "indicator_label",
    "year",
    "value",
    "qualifier",
    "tier",
    "tier_label",
    "assisting_body",
    "other_country_iso2",
    "note",
    "source",
]
FLOW_FIELDS = [
    "id",
    "origin_iso2",
    "origin_name",
    "transit_iso2",
    "transit_names",
    "destination_iso2",
    "destination_name",
    "forms",
    "form_names",
    "sectors",
    "men",
    "women",
    "children",
    "description",
    "source",
]
COUNTRY_FIELDS = [
    "iso2",
    "iso3",
    "numeric",
    "name",
    "other_names",
    "region",
    "roles",
    "forms",
    "sectors",
]


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def source_record(source: Source, locator: str = "", base_url: str = "") -> dict[str, Any]:
    return {
        "id": str(source.uuid),
        "slug": source.slug,
        "title": source.title,
        "author": source.author,
        "year": source.year,
        "url": source.url,
        "accessed_on": source.accessed_on.isoformat() if source.accessed_on else None,
        "archive_url": source.archive_url,
        "locator": locator,
        "page": base_url + source.get_absolute_url(),
    }


def figure_record(figure: Figure, base_url: str = "") -> dict[str, Any]:
    return {
        "id": str(figure.uuid),
        "country_iso2": figure.country.iso2,
        "country_iso3": figure.country.iso3,
        "country_name": figure.country.name,
        "region": figure.country.region,
        "indicator": figure.indicator,
        "indicator_label": str(figure.get_indicator_display()),
        "year": figure.year,
        "value": _number(figure.value),
        "qualifier": figure.qualifier,
        "tier": figure.tier,
        "tier_label": str(figure.get_tier_display()) if figure.tier else "",
        "assisting_body": figure.assisting_body,
        "other_country_iso2": figure.other_country.iso2 if figure.other_country else None,
        "note": figure.note,
        "source": source_record(figure.source, figure.locator, base_url),
    }


def flow_record(flow: Flow, base_url: str = "") -> dict[str, Any]:
    transits = flow.transit_countries
    forms = sorted(flow.forms.all(), key=lambda t: t.slug)
    return {
        "id": str(flow.uuid),
        "origin_iso2": flow.origin.iso2,
        "origin_name": flow.origin.name,
        "transit_iso2": [c.iso2 for c in transits],
        "transit_names": [c.name for c in transits],
        "destination_iso2": flow.destination.iso2 if flow.destination else None,
        "destination_name": flow.destination.name if flow.destination else None,
        "forms": [t.slug for t in forms],
        "form_names": [t.name for t in forms],
        "sectors": sorted(t.slug for t in flow.sectors.all()),
        "men": flow.men,
        "women": flow.women,
        "children": flow.children,
        "description": flow.description,
        "source": source_record(flow.source, flow.locator, base_url),
    }


def country_record(country: Country) -> dict[str, Any]:
    return {
        "iso2": country.iso2,
        "iso3": country.iso3,
        "numeric": country.numeric,
        "name": country.name,
        "other_names": country.alternative_names(),
        "region": country.region,
        "roles": [str(role.value) for role in country.roles()],
        "forms": sorted(t.slug for t in country.forms.all()),
        "sectors": sorted(t.slug for t in country.sectors.all()),
    }


def figures_for(countries: Iterable[Country] | None = None) -> QuerySet[Figure]:
    figures = Figure.objects.for_display().order_by(
        "country__iso2", "indicator", "year", "assisting_body", "source__title"
    )
    return figures.filter(country__in=countries) if countries is not None else figures


def flows_for(countries: Iterable[Country] | None = None) -> QuerySet[Flow]:
    flows = Flow.objects.for_display()
    if countries is not None:
        flows = flows.touching_any(countries)
    return flows.order_by("origin__iso2", "destination__iso2", "uuid")


def dataset(countries: list[Country] | None = None, base_url: str = "") -> dict[str, Any]:
    """Everything about the given countries (or all of them) as one JSON-ready document."""
    country_list = (
        countries
        if countries is not None
        else list(Country.objects.prefetch_related("forms", "sectors").order_by("iso2"))
    )
    figures = [figure_record(f, base_url) for f in figures_for(countries)]
    flows = [flow_record(f, base_url) for f in flows_for(countries)]
    cited = {r["source"]["id"]: r["source"] for r in [*figures, *flows]}
    sources = [
        {k: v for k, v in s.items() if k != "locator"}
        for s in sorted(cited.values(), key=lambda s: s["title"])
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "countries": [country_record(c) for c in country_list],
        "figures": figures,
        "flows": flows,
        "sources": sources,
    }


def flatten(record: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """A nested record as one CSV row: lists joined with ";", the source as source_* columns."""
    row: dict[str, Any] = {}
    for name in fields:
        value = record[name]
        if name == "source":
            row.update({f"source_{k}": value[k] for k in SOURCE_FIELDS})
        elif isinstance(value, list):
            row[name] = ";".join(value)
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = "" if value is None else value
    return row


def csv_columns(fields: list[str]) -> list[str]:
    columns = []
    for name in fields:
        columns.extend([f"source_{k}" for k in SOURCE_FIELDS] if name == "source" else [name])
    return columns


def to_csv(records: Iterable[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(fields), lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow(flatten(record, fields))
    return buffer.getvalue()


def figures_csv(countries: list[Country] | None = None, base_url: str = "") -> str:
    return to_csv((figure_record(f, base_url) for f in figures_for(countries)), FIGURE_FIELDS)


def flows_csv(countries: list[Country] | None = None, base_url: str = "") -> str:
    return to_csv((flow_record(f, base_url) for f in flows_for(countries)), FLOW_FIELDS)
