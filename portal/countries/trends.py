"""Figures year over year: for each series (an indicator, with its assisting body or other
country), the figures by year, the change from the year before, and where two sources disagree
for the same year, both of them.

The change is measured against the latest earlier year that has a figure: a missing year is
named ("since 2004"), never read as zero. From a zero base the change has no percentage. Tier
placements move up or down the TIP report's tiers. Every figure shown carries its mark in the
page's NoteList, as the rest of the page's data does."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.sources.citations import Mark, NoteList

from .models import Figure, Indicator, Tier
from .models.figures import TIER_ORDER

# Tiers that can be ranked (a "special case" is not a step on the ladder).
TIER_RANK = {tier: rank for rank, tier in enumerate(TIER_ORDER) if tier != Tier.SPECIAL_CASE}
PERCENT = Decimal("0.1")


@dataclass
class CitedValue:
    figure: Figure
    mark: Mark


@dataclass
class Change:
    """From one reported year to the next reported one."""

    since: int
    consecutive: bool
    absolute: Decimal | None = None  # counts
    percent: Decimal | None = None  # None from a zero base
    steps: int | None = None  # tiers: positive is up (towards Tier 1)

    @property
    def direction(self) -> str:
        amount = self.steps if self.steps is not None else self.absolute
        if amount is None:
            return ""
        return "up" if amount > 0 else "down" if amount < 0 else "same"

    @property
    def text(self) -> str:
        """A short reading of the change, e.g. "+5 (+22.7%)" or "up one tier"."""
        if self.steps is not None:
            if self.steps == 0:
                text = _("same tier")
            elif self.steps > 0:
                text = ngettext("up %(n)s tier", "up %(n)s tiers", self.steps) % {"n": self.steps}
            else:
                steps = -self.steps
                text = ngettext("down %(n)s tier", "down %(n)s tiers", steps) % {"n": steps}
        elif self.absolute is None:
            return ""
        elif self.absolute == 0:
            text = _("no change")
        else:
            sign = "+" if self.absolute > 0 else "\u2212"
            amount = number_format(_plain(abs(self.absolute)), force_grouping=True)
            if self.percent is None:
                text = _("%(sign)s%(amount)s (from zero)") % {"sign": sign, "amount": amount}
            else:
                percent = number_format(abs(self.percent), decimal_pos=1)
                text = _("%(sign)s%(amount)s (%(sign)s%(percent)s%%)") % {
                    "sign": sign,
                    "amount": amount,
                    "percent": percent,
                }
        if not self.consecutive:
            text = _("%(change)s since %(year)s") % {"change": text, "year": self.since}
        return text


def _plain(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


@dataclass
class YearEntry:
    year: int
    values: list[CitedValue]  # the preferred (most recent) source first
    change: Change | None = None

    @property
    def preferred(self) -> CitedValue:
        return self.values[0]

    @property
    def disagreeing(self) -> list[CitedValue]:
        """Other sources for the same year that give another value."""
        first = self.preferred.figure
        return [
            v
            for v in self.values[1:]
            if (v.figure.value, v.figure.tier, v.figure.qualifier)
            != (first.value, first.tier, first.qualifier)
        ]

    @property
    def agreeing(self) -> list[CitedValue]:
        return [v for v in self.values[1:] if v not in self.disagreeing]


@dataclass
class Series:
    indicator: str
    assisting_body: str
    other_country: str
    entries: list[YearEntry] = field(default_factory=list)

    @property
    def label(self) -> str:
        label = str(Indicator(self.indicator).label)
        detail = self.assisting_body or self.other_country
        return f"{label} ({detail})" if detail else label

    @property
    def is_tier(self) -> bool:
        return self.indicator == Indicator.TIER

    def entry(self, year: int) -> YearEntry | None:
        return next((e for e in self.entries if e.year == year), None)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.indicator, self.assisting_body, self.other_country)


def change_between(previous: YearEntry, current: YearEntry) -> Change:
    before, now = previous.preferred.figure, current.preferred.figure
    change = Change(since=previous.year, consecutive=current.year == previous.year + 1)
    if now.is_tier:
        if before.tier in TIER_RANK and now.tier in TIER_RANK:
            change.steps = TIER_RANK[before.tier] - TIER_RANK[now.tier]
        return change
    if before.value is None or now.value is None:
        return change
    change.absolute = now.value - before.value
    if before.value != 0:
        change.percent = (change.absolute / before.value * 100).quantize(
            PERCENT, rounding=ROUND_HALF_UP
        )
    return change


def source_recency(figure: Figure) -> tuple:
    """Which of two sources for the same figure is preferred: the more recent one."""
    return (figure.source.year or 0, figure.source.pk)


INDICATOR_ORDER = {indicator: position for position, indicator in enumerate(Indicator)}


def build_series(figures: list[Figure], notes: NoteList) -> list[Series]:
    """The country's figures as series, in the order of the indicators, then detail."""
    grouped: dict[tuple, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        other = figure.other_country.display_name if figure.other_country_id else ""
        grouped[(figure.indicator, figure.assisting_body, other)][figure.year].append(figure)
    series_list = []
    for key in sorted(grouped, key=lambda k: (INDICATOR_ORDER[Indicator(k[0])], k[1], k[2])):
        series = Series(*key)
        previous = None
        for year in sorted(grouped[key]):
            ordered = sorted(grouped[key][year], key=source_recency, reverse=True)
            entry = YearEntry(
                year, [CitedValue(f, notes.cite(f.source, f.locator)) for f in ordered]
            )
            if previous is not None:
                entry.change = change_between(previous, entry)
            series.entries.append(entry)
            previous = entry
        series_list.append(series)
    return series_list


@dataclass
class WhatChanged:
    """Each series' latest figure with its change (or none: the first figure). The series
    do not all end in the same year (a report of 2007 gives the counts of 2006), so each is
    taken at its own latest year; `year` is the latest of them."""

    year: int | None
    items: list[tuple[Series, YearEntry]]


def what_changed(series_list: list[Series]) -> WhatChanged:
    items = [(s, s.entries[-1]) for s in series_list if s.entries]
    return WhatChanged(max((e.year for _s, e in items), default=None), items)


def all_years(series_lists: list[list[Series]]) -> list[int]:
    return sorted({e.year for lst in series_lists for s in lst for e in s.entries})
