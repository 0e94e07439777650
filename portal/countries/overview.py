"""What a country's page shows of its data: key figures, the figure tables and charts, and the
flows with their map, each figure and flow carrying its numbered note.

Marks are made in the order the page shows them (key figures first), so that back-links from
a note run down the page. Where two sources give the same figure, the key figures and tables
show the most recent source; the year-over-year series (trends.py) show both, and so do the
downloads."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from portal.sources.citations import Mark, NoteList

from .charts import TierPoint, law_enforcement_svg, tier_history_svg, tier_timeline_svg
from .maps.flow_map import FlowMap, flow_map
from .models import Country, Figure, Flow
from .models.figures import LAW_ENFORCEMENT, VICTIMS, Indicator
from .trends import Series, WhatChanged, build_series, source_recency, what_changed


@dataclass
class CitedFigure:
    figure: Figure
    mark: Mark


@dataclass
class FigureRow:
    """One line of a simple figure table: year, what, number with its mark, detail, note."""

    cited: CitedFigure
    what: str
    detail: str = ""
    note: str = ""


@dataclass
class LawEnforcementRow:
    year: int
    cells: list[tuple[str, CitedFigure | None]]  # (indicator label, figure or None if missing)
    sentence: CitedFigure | None = None

    @property
    def counts(self) -> dict[str, int | None]:
        return {
            indicator: (cited.figure.number if cited else None)
            for indicator, cited in zip(LAW_ENFORCEMENT, (c for _, c in self.cells), strict=True)
        }


@dataclass
class FlowRow:
    flow: Flow
    mark: Mark
    direction: str = ""  # "out", "in", "through" for a country's page; "" on a regional page

    @property
    def direction_label(self) -> str:
        return {"out": _("out of"), "in": _("into"), "through": _("through")}.get(
            self.direction, ""
        )


def preferred_figures(figures: list[Figure]) -> dict[tuple, Figure]:
    """One figure per indicator, year, assisting body and other country: the most recent
    source's."""
    chosen: dict[tuple, Figure] = {}
    for figure in figures:
        key = (figure.indicator, figure.year, figure.assisting_body, figure.other_country_id)
        if key not in chosen or source_recency(figure) > source_recency(chosen[key]):
            chosen[key] = figure
    return chosen


def flow_direction(flow: Flow, country: Country) -> str:
    if flow.origin_id == country.pk:
        return "out"
    if flow.destination_id == country.pk:
        return "in"
    return "through"


DIRECTION_ORDER = {"out": 0, "in": 1, "through": 2, "": 3}


def flow_rows(flows: list[Flow], notes: NoteList, country: Country | None = None) -> list[FlowRow]:
    """Table rows in reading order (out of, into, through the country), each with its mark."""
    directions = {f.pk: flow_direction(f, country) if country else "" for f in flows}
    ordered = sorted(flows, key=lambda f: (DIRECTION_ORDER[directions[f.pk]], str(f)))
    return [FlowRow(f, notes.cite(f.source, f.locator), directions[f.pk]) for f in ordered]


@dataclass
class CountryData:
    country: Country
    notes: NoteList
    latest_tier: CitedFigure | None = None
    latest_law_enforcement: LawEnforcementRow | None = None
    latest_victims: list[CitedFigure] = field(default_factory=list)
    latest_abroad: list[CitedFigure] = field(default_factory=list)
    tier_history: list[CitedFigure] = field(default_factory=list)
    law_enforcement: list[LawEnforcementRow] = field(default_factory=list)
    victims: list[CitedFigure] = field(default_factory=list)
    abroad: list[CitedFigure] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    flows: list[FlowRow] = field(default_factory=list)
    flow_map: FlowMap | None = None
    years: list[int] = field(default_factory=list)  # every figure's year (structured data)

    @classmethod
    def build(cls, country: Country, notes: NoteList) -> "CountryData":
        data = cls(country, notes)
        every_figure = list(country.figures.for_display())
        data.years = sorted({figure.year for figure in every_figure})
        figures = list(preferred_figures(every_figure).values())
        by_indicator: dict[str, list[Figure]] = defaultdict(list)
        for figure in sorted(figures, key=lambda f: (f.year, f.assisting_body)):
            by_indicator[figure.indicator].append(figure)
        data._key_figures(by_indicator)
        data._tables(by_indicator)
        data.series = build_series(every_figure, notes)
        flows = list(Flow.objects.touching(country).for_display())
        data.flows = flow_rows(flows, notes, country)
        data.flow_map = flow_map(
            flows,
            focus=country,
            title=_("Trafficking flows into, out of and through %(country)s")
            % {"country": country.display_name},
        )
        return data

    def _cite(self, figure: Figure | None) -> CitedFigure | None:
        if figure is None:
            return None
        return CitedFigure(figure, self.notes.cite(figure.source, figure.locator))

    def _law_row(
        self, year: int, by_indicator: dict, include_sentence: bool = True
    ) -> LawEnforcementRow:
        def find(indicator: str) -> Figure | None:
            return next((f for f in by_indicator[indicator] if f.year == year), None)

        cells = [(Indicator(i).label, self._cite(find(i))) for i in LAW_ENFORCEMENT]
        sentence = self._cite(find(Indicator.AVERAGE_SENTENCE)) if include_sentence else None
        return LawEnforcementRow(year, cells, sentence)

    @staticmethod
    def _law_years(by_indicator: dict) -> list[int]:
        return sorted(
            {
                f.year
                for i in [*LAW_ENFORCEMENT, Indicator.AVERAGE_SENTENCE]
                for f in by_indicator[i]
            }
        )

    def _key_figures(self, by_indicator: dict) -> None:
        if by_indicator[Indicator.TIER]:
            self.latest_tier = self._cite(by_indicator[Indicator.TIER][-1])
        years = self._law_years(by_indicator)
        if years:
            self.latest_law_enforcement = self._law_row(years[-1], by_indicator)
        victims = [f for i in VICTIMS for f in by_indicator[i]]
        if victims:
            latest = max(f.year for f in victims)
            self.latest_victims = [self._cite(f) for f in victims if f.year == latest]
        abroad = by_indicator[Indicator.UNDOCUMENTED_ABROAD]
        if abroad:
            latest = max(f.year for f in abroad)
            self.latest_abroad = [self._cite(f) for f in abroad if f.year == latest]

    def _tables(self, by_indicator: dict) -> None:
        self.tier_history = [self._cite(f) for f in by_indicator[Indicator.TIER]]
        self.law_enforcement = [
            self._law_row(y, by_indicator) for y in self._law_years(by_indicator)
        ]
        victims = sorted(
            (f for i in VICTIMS for f in by_indicator[i]),
            key=lambda f: (-f.year, f.indicator, f.assisting_body),
        )
        self.victims = [self._cite(f) for f in victims]
        self.abroad = [self._cite(f) for f in by_indicator[Indicator.UNDOCUMENTED_ABROAD]]

    @property
    def has_figures(self) -> bool:
        return bool(self.tier_history or self.law_enforcement or self.victims or self.abroad)

    @property
    def has_key_figures(self) -> bool:
        return bool(
            self.latest_tier
            or self.latest_law_enforcement
            or self.latest_victims
            or self.latest_abroad
        )

    @property
    def tier_chart(self) -> SafeString:
        points = [TierPoint(c.figure.year, c.figure.tier) for c in self.tier_history]
        return tier_history_svg(points)

    @property
    def law_enforcement_chart(self) -> SafeString:
        rows = [(row.year, row.counts) for row in self.law_enforcement]
        if not any(v is not None for _, counts in rows for v in counts.values()):
            return SafeString("")
        return law_enforcement_svg(rows)

    @property
    def what_changed(self) -> WhatChanged:
        return what_changed(self.series)

    @property
    def tier_timeline(self) -> SafeString:
        points = [TierPoint(c.figure.year, c.figure.tier) for c in self.tier_history]
        return tier_timeline_svg(points, chart_id=f"tier-timeline-{self.country.slug}")

    @property
    def victim_rows(self) -> list[FigureRow]:
        return [
            FigureRow(c, c.figure.get_indicator_display(), c.figure.assisting_body, c.figure.note)
            for c in self.victims
        ]

    @property
    def abroad_rows(self) -> list[FigureRow]:
        return [
            FigureRow(
                c,
                c.figure.other_country.display_name if c.figure.other_country else "",
                c.figure.note,
            )
            for c in self.abroad
        ]
