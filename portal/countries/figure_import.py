"""Figures from a CSV file with the columns of the figures download (dataset.FIGURE_FIELDS),
so that a download edited in a spreadsheet goes back in.

Rules: a row with an `id` changes that figure; a row without one adds a figure. The country,
indicator, year, value or tier, and the source (`source_id`, else `source_slug`) must be known;
the label columns (country_name, indicator_label, source_title...) are ignored. A figure keeps
its citation: every row names an existing source. Figures absent from the file are left alone.
Any error on any line and nothing is stored (one transaction); a dry run stores nothing either.
"""

import csv
import io
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.sources.models import Source

from .dataset import FIGURE_FIELDS, csv_columns
from .models import Country, Figure
from .models.figures import Indicator, Qualifier, Tier

COLUMNS = csv_columns(FIGURE_FIELDS)
REQUIRED_COLUMNS = ["country_iso2", "indicator", "year", "value", "tier"]
# The stored fields a row sets, in the order changes are reported.
COMPARED_FIELDS = [
    "country",
    "indicator",
    "year",
    "value",
    "qualifier",
    "tier",
    "assisting_body",
    "other_country",
    "note",
    "source",
    "locator",
]

CREATED, CHANGED, UNCHANGED = "created", "changed", "unchanged"


@dataclass
class RowResult:
    line: int
    action: str
    figure: Figure
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def stored(self) -> bool:
        return not self.errors and not self.dry_run

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def count_created(self) -> int:
        return self.count(CREATED)

    @property
    def count_changed(self) -> int:
        return self.count(CHANGED)

    @property
    def count_unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def changed_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.action != UNCHANGED]


class FileError(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""


def read_rows(data: bytes | str) -> list[dict[str, str]]:
    """The rows of a CSV file (UTF-8, with or without a spreadsheet's BOM; comma, semicolon
    or tab separated)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from error
    data = data.lstrip("\ufeff")
    first_line = data.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.DictReader(io.StringIO(data), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if "source_id" not in header and "source_slug" not in header:
        missing.append("source_id")
    if missing:
        raise FileError(
            _("Columns missing: %(columns)s. Start from the figures download.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


class _Lookups:
    """Countries, sources and existing figures, loaded once for the whole file."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.countries = {c.iso2: c for c in Country.objects.all()}
        source_ids = {_uuid(r.get("source_id", "")) for r in rows} - {None}
        slugs = {r.get("source_slug", "") for r in rows} - {""}
        sources = Source.objects.filter(uuid__in=source_ids) | Source.objects.filter(slug__in=slugs)
        sources = list(sources)
        self.sources_by_uuid = {s.uuid: s for s in sources}
        self.sources_by_slug = {s.slug: s for s in sources}
        figure_ids = {_uuid(r.get("id", "")) for r in rows} - {None}
        self.figures = {f.uuid: f for f in Figure.objects.for_display().filter(uuid__in=figure_ids)}
        codes = {r.get("country_iso2", "").upper() for r in rows}
        self.existing_keys = {
            _key(f): f.uuid for f in Figure.objects.filter(country__iso2__in=codes)
        }


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _key(figure: Figure) -> tuple:
    """What makes two figures the same record (see Figure._check_duplicate)."""
    return (
        figure.country_id,
        figure.indicator,
        figure.year,
        figure.assisting_body,
        figure.other_country_id,
        figure.source_id,
    )


def import_figures(data: bytes | str, *, dry_run: bool = False) -> ImportReport:
    """Read, check and (unless dry_run or any error) store the figures of a CSV file.
    Raises FileError when the file itself cannot be read."""
    rows = read_rows(data)
    report = ImportReport(dry_run=dry_run)
    lookups = _Lookups(rows)
    seen: dict[tuple, int] = {}
    seen_ids: dict[uuid.UUID, int] = {}
    with transaction.atomic():
        for line, row in enumerate(rows, start=2):  # line 1 is the header
            try:
                result = _import_row(line, row, lookups, seen, seen_ids)
            except ValidationError as error:
                report.errors.append((line, " ".join(_messages(error))))
                continue
            report.rows.append(result)
        if not report.stored:
            transaction.set_rollback(True)
    return report


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {m}" if name != "__all__" else m
            for name, ms in error.message_dict.items()
            for m in ms
        ]
    return list(error.messages)


def _import_row(line, row, lookups: _Lookups, seen, seen_ids) -> RowResult:
    errors = []
    figure_id = row.get("id", "")
    figure = None
    if figure_id:
        parsed = _uuid(figure_id)
        figure = lookups.figures.get(parsed) if parsed else None
        if figure is None:
            errors.append(
                _("unknown figure id “%(id)s” (leave it empty to add a figure)") % {"id": figure_id}
            )
        elif parsed in seen_ids:
            errors.append(
                _("duplicate: the same figure as line %(line)s") % {"line": seen_ids[parsed]}
            )
        else:
            seen_ids[parsed] = line
    values = _parse(row, lookups, errors)
    if errors:
        raise ValidationError(errors)

    target = figure or Figure()
    before = {name: getattr(target, name) for name in COMPARED_FIELDS} if figure else {}
    for name, value in values.items():
        setattr(target, name, value)
    key = _key(target)
    if key in seen:
        raise ValidationError(
            _("duplicate: the same country, indicator, year and source as line %(line)s")
            % {"line": seen[key]}
        )
    seen[key] = line
    existing = lookups.existing_keys.get(key)
    if existing is not None and existing != target.uuid:
        raise ValidationError(
            _(
                "duplicate: this source's figure is already recorded (id %(id)s); give that id "
                "to change it"
            )
            % {"id": existing}
        )
    changes = [name for name in COMPARED_FIELDS if figure and before[name] != values[name]]
    if figure and not changes:
        return RowResult(line, UNCHANGED, figure)
    target.clean_fields(exclude=["country", "other_country", "source", "uuid"])
    target.clean()
    target.save()
    return RowResult(line, CHANGED if figure else CREATED, target, changes)


def _parse(row: dict[str, str], lookups: _Lookups, errors: list[str]) -> dict:
    values: dict = {}
    code = row.get("country_iso2", "").upper()
    values["country"] = lookups.countries.get(code)
    if values["country"] is None:
        errors.append(_("unknown country “%(code)s”") % {"code": code})
    indicator = row.get("indicator", "")
    if indicator not in Indicator.values:
        errors.append(_("unknown indicator “%(name)s”") % {"name": indicator})
    values["indicator"] = indicator
    try:
        values["year"] = int(row.get("year", ""))
    except ValueError:
        errors.append(_("bad year “%(year)s”") % {"year": row.get("year", "")})
    text = row.get("value", "")
    values["value"] = None
    if text:
        try:
            values["value"] = Decimal(text)
            if not values["value"].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(
                _("bad number “%(value)s” (write digits only, e.g. 1234 or 2.5)") % {"value": text}
            )
    else:
        values["value"] = None
    values["qualifier"] = row.get("qualifier", "")
    if values["qualifier"] not in Qualifier.values:
        errors.append(_("unknown qualifier “%(name)s”") % {"name": values["qualifier"]})
    values["tier"] = row.get("tier", "")
    if values["tier"] and values["tier"] not in Tier.values:
        errors.append(_("unknown tier “%(name)s”") % {"name": values["tier"]})
    values["assisting_body"] = row.get("assisting_body", "")
    other = row.get("other_country_iso2", "").upper()
    values["other_country"] = lookups.countries.get(other) if other else None
    if other and values["other_country"] is None:
        errors.append(_("unknown country “%(code)s”") % {"code": other})
    values["note"] = row.get("note", "")
    values["source"] = _source(row, lookups)
    if values["source"] is None:
        errors.append(
            _("unknown source “%(source)s”: every figure cites a source in the bibliography")
            % {"source": row.get("source_id") or row.get("source_slug") or "—"}
        )
    values["locator"] = row.get("source_locator", "")
    return values


def _source(row: dict[str, str], lookups: _Lookups) -> Source | None:
    parsed = _uuid(row.get("source_id", ""))
    if parsed is not None:
        return lookups.sources_by_uuid.get(parsed)
    if row.get("source_id"):
        return None
    return lookups.sources_by_slug.get(row.get("source_slug", ""))
