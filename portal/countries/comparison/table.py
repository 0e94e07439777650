"""The comparison's columns (countries, a region) and its tables: one per indicator, a row per
year, each cell a country's figures for the year with their notes and change."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.sources.citations import Mark, NoteList

from ..charts import TierPoint, tier_timeline_svg
from ..models import Country, Figure, Indicator, Region, Tier
from ..overview import preferred_figures
from ..trends import Series, all_years, build_series
from .query import YEAR_MAX, YEAR_MIN


@dataclass
class RegionCell:
    text: str
    marks: list[Mark]


@dataclass
class Column:
    label: str
    country: Country | None = None
    region: str = ""
    series: list[Series] = field(default_factory=list)
    region_cells: dict[tuple, RegionCell] = field(default_factory=dict)  # (indicator, year)
    tier_chart: str = ""

    def cell(self, key: tuple, year: int):
        if self.country is not None:
            series = next((s for s in self.series if s.key == key), None)
            return series.entry(year) if series else None
        return self.region_cells.get((key[0], year)) if not key[1] and not key[2] else None

    @property
    def has_figures(self) -> bool:
        return bool(self.series or self.region_cells)


@dataclass
class Row:
    year: int
    cells: list


@dataclass
class Table:
    key: tuple
    label: str
    rows: list[Row]


@dataclass
class Comparison:
    columns: list[Column]
    tables: list[Table]
    years: list[int]
    notes: NoteList
    errors: list[str] = field(default_factory=list)


def _in_range(figure: Figure, wanted: dict) -> bool:
    return (
        (not wanted.get("indicator") or figure.indicator == wanted["indicator"])
        and figure.year >= wanted.get("since", YEAR_MIN)
        and figure.year <= wanted.get("until", YEAR_MAX)
    )


def wanted_figures(wanted: dict) -> list[Figure]:
    """The figures of the chosen countries and of the region's countries, filtered."""
    figures = Figure.objects.for_display()
    ids = [c.pk for c in wanted["countries"]]
    if wanted["region"]:
        figures = figures.filter(country__region=wanted["region"]) | figures.filter(country__in=ids)
    else:
        figures = figures.filter(country__in=ids)
    figures = figures.order_by("country__iso2", "indicator", "year", "source__title")
    return [f for f in figures if _in_range(f, wanted)]


def region_cells(figures: list[Figure], notes: NoteList) -> dict[tuple, RegionCell]:
    """Per indicator and year: counts summed over the reporting countries, tiers counted."""
    chosen = [f for f in preferred_figures(figures).values() if not f.assisting_body]
    grouped: dict[tuple, list[Figure]] = defaultdict(list)
    for figure in chosen:
        if not figure.other_country_id:
            grouped[(figure.indicator, figure.year)].append(figure)
    cells = {}
    for (indicator, year), group in sorted(grouped.items()):
        marks = [notes.cite(f.source, f.locator) for f in group]
        reporting = len({f.country_id for f in group})
        if indicator == Indicator.TIER:
            counts = defaultdict(int)
            for f in group:
                counts[f.tier] += 1
            text = "; ".join(
                ngettext("%(tier)s: %(n)s country", "%(tier)s: %(n)s countries", n)
                % {"tier": Tier(t).label, "n": n}
                for t, n in sorted(counts.items(), key=lambda item: item[0])
            )
        else:
            total = sum(f.value for f in group if f.value is not None)
            text = ngettext(
                "%(total)s in total (%(n)s country reporting)",
                "%(total)s in total (%(n)s countries reporting)",
                reporting,
            ) % {"total": number_format(int(total), force_grouping=True), "n": reporting}
        cells[(indicator, year)] = RegionCell(text, marks)
    return cells


def build(wanted: dict) -> Comparison:
    notes = NoteList()
    figures = wanted_figures(wanted)
    by_country: dict[int, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_country[figure.country_id].append(figure)
    columns = []
    for country in wanted["countries"]:
        series = build_series(by_country[country.pk], notes)
        tiers = next((s for s in series if s.is_tier), None)
        points = (
            [TierPoint(e.year, e.preferred.figure.tier) for e in tiers.entries] if tiers else []
        )
        chart = tier_timeline_svg(
            points,
            chart_id=f"compare-tier-{country.slug}",
            title=_("Tier placement of %(country)s by report year")
            % {"country": country.display_name},
        )
        columns.append(Column(country.display_name, country, series=series, tier_chart=chart))
    if wanted["region"]:
        in_region = [f for f in figures if f.country.region == wanted["region"]]
        label = _("%(region)s (all countries)") % {"region": Region(wanted["region"]).label}
        columns.append(
            Column(label, region=wanted["region"], region_cells=region_cells(in_region, notes))
        )
    keys = {s.key: s.label for c in columns for s in c.series}
    keys.update(
        {(i, "", ""): str(Indicator(i).label) for c in columns for (i, _year) in c.region_cells}
    )
    order = {indicator: position for position, indicator in enumerate(Indicator)}
    years = sorted(
        set(all_years([c.series for c in columns]))
        | {y for c in columns for (_i, y) in c.region_cells}
    )
    tables = []
    for key in sorted(keys, key=lambda k: (order[Indicator(k[0])], k[1], k[2])):
        rows = [Row(y, [c.cell(key, y) for c in columns]) for y in years]
        rows = [r for r in rows if any(cell is not None for cell in r.cells)]
        tables.append(Table(key, keys[key], rows))
    return Comparison(columns, tables, years, notes)
