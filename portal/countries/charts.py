"""Small charts as inline SVG, drawn on the server: the tier history and law enforcement by
year. Each is shown with a table of the same numbers (for screen readers, for readers without
images, and as the citation carrier).

Drawn for a phone first: the drawing is WIDTH units wide and its text FONT units high (the
stylesheet sets the same size), so at 328 CSS px (a 360 px screen less the margins) text is
FONT * 328 / WIDTH = 12.9 px; the stylesheet caps the width on larger screens. Labels never
depend on the bars being wide: the law enforcement chart runs its bars across, one row each,
with the number after the bar."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models.figures import LAW_ENFORCEMENT, TIER_ORDER, Indicator, Tier

WIDTH = 380
FONT = 15  # user units; keep in step with .chart__axis-label and .chart__value in portal.css
LINE = 18  # between two lines of a label
SERIES_COLOURS = {
    Indicator.INVESTIGATIONS: "#0d5aa7",
    Indicator.ARRESTS: "#6a1b9a",
    Indicator.PROSECUTIONS: "#a64200",
    Indicator.CONVICTIONS: "#1d6b2f",
}


@dataclass(frozen=True)
class TierPoint:
    year: int
    tier: str


def _svg(chart_id: str, height: int, title: str, description: str, body: str) -> SafeString:
    return format_html(
        '<svg class="chart__svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe(body),  # noqa: S308 - built with format_html
    )


def _year_positions(years: Sequence[int], left: int, right: int) -> dict[int, float]:
    first, last = min(years), max(years)
    if first == last:
        return {first: round((left + right) / 2)}
    step = (right - left) / (last - first)
    return {year: round(left + (year - first) * step) for year in range(first, last + 1)}


def _label_lines(label: str, longest: int = 11) -> list[str]:
    """A label in at most two lines, broken at the space nearest its middle."""
    if len(label) <= longest or " " not in label:
        return [label]
    spaces = [i for i, char in enumerate(label) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [label[:cut], label[cut + 1 :]]


def _multiline_text(x: int, y: int, label: str, anchor: str = "end") -> SafeString:
    lines = _label_lines(label)
    first_y = y + 5 - (len(lines) - 1) * LINE / 2
    return format_html(
        '<text class="chart__axis-label" x="{}" y="{}" text-anchor="{}">{}</text>',
        x,
        round(first_y),
        anchor,
        format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((x, 0 if index == 0 else LINE, line) for index, line in enumerate(lines)),
        ),
    )


def tier_history_svg(points: Sequence[TierPoint], chart_id: str = "tier-chart") -> SafeString:
    """Tier by report year: one row per tier, Tier 1 at the top."""
    if not points:
        return SafeString("")
    left, right, top, row = 112, WIDTH - 20, 12, 44
    height = top + row * len(TIER_ORDER) + 36
    x_of = _year_positions([p.year for p in points], left, right)
    y_of = {tier: round(top + row * i + row / 2) for i, tier in enumerate(TIER_ORDER)}
    parts = []
    for tier in TIER_ORDER:
        y = y_of[tier]
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>{}',
                left - 6,
                right,
                y,
                y,
                _multiline_text(left - 12, y, Tier(tier).label),
            )
        )
    years = sorted(x_of)
    every = max(1, math.ceil(len(years) / 5))  # room for each year at FONT units
    axis_y = top + row * len(TIER_ORDER) + 24
    parts.append(
        format_html_join(
            "",
            '<text class="chart__axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
            ((x_of[y], axis_y, y) for y in years[::every]),
        )
    )
    ordered = sorted(points, key=lambda p: p.year)
    line = " ".join(f"{x_of[p.year]},{y_of[p.tier]}" for p in ordered)
    if len(ordered) > 1:
        parts.append(format_html('<polyline class="chart__line" points="{}"/>', line))
    parts.append(
        format_html_join(
            "",
            '<circle class="chart__point" cx="{}" cy="{}" r="7"><title>{}: {}</title></circle>',
            ((x_of[p.year], y_of[p.tier], p.year, Tier(p.tier).label) for p in ordered),
        )
    )
    latest = ordered[-1]
    description = _("%(count)s placements from %(first)s to %(last)s; latest: %(tier)s.") % {
        "count": len(ordered),
        "first": ordered[0].year,
        "last": latest.year,
        "tier": Tier(latest.tier).label,
    }
    return _svg(chart_id, height, _("Tier placement by report year"), description, "".join(parts))


def nice_ceiling(value: float, ticks: int = 4) -> tuple[int, int]:
    """A round axis maximum at or above `value`, and its (whole-number) tick step."""
    if value <= 0:
        return ticks, 1
    raw_step = value / ticks
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if f * magnitude >= raw_step)
    step = max(1, math.ceil(step))
    return step * ticks, step


def law_enforcement_svg(
    rows: Sequence[tuple[int, dict[str, int | None]]], chart_id: str = "law-chart"
) -> SafeString:
    """Bars across, grouped by year: investigations, arrests, prosecutions and convictions,
    each followed by its number. A figure that was not reported has no bar and reads "n/a"."""
    if not rows:
        return SafeString("")
    legend_row, bar, gap, group_gap = 22, 18, 4, 16
    left, right = 52, WIDTH - 48  # year labels on the left, room for the numbers on the right
    top = 8 + legend_row * math.ceil(len(LAW_ENFORCEMENT) / 2) + 8
    group_height = len(LAW_ENFORCEMENT) * (bar + gap) - gap
    height = top + len(rows) * (group_height + group_gap)
    values = [v for _, counts in rows for v in counts.values() if v is not None]
    maximum, _step = nice_ceiling(max(values, default=0))
    parts = []
    # Legend in two columns across the top.
    for index, indicator in enumerate(LAW_ENFORCEMENT):
        x = 0 if index % 2 == 0 else WIDTH // 2
        y = 8 + legend_row * (index // 2)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
                '<text class="chart__axis-label" x="{}" y="{}">{}</text>',
                x,
                y,
                SERIES_COLOURS[indicator],
                x + 20,
                y + 13,
                Indicator(indicator).label,
            )
        )
    for index, (year, counts) in enumerate(rows):
        group_top = top + index * (group_height + group_gap)
        parts.append(
            format_html(
                '<text class="chart__axis-label chart__year" x="0" y="{}">{}</text>',
                group_top + bar - 4,
                year,
            )
        )
        for position, indicator in enumerate(LAW_ENFORCEMENT):
            value = counts.get(indicator)
            y = group_top + position * (bar + gap)
            label = Indicator(indicator).label
            if value is None:
                parts.append(
                    format_html(
                        '<text class="chart__missing" x="{}" y="{}">'
                        "n/a<title>{} {}: {}</title></text>",
                        left + 6,
                        y + bar - 4,
                        label,
                        year,
                        _("not reported"),
                    )
                )
                continue
            bar_width = round(value / maximum * (right - left))
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>"
                    '<text class="chart__value" x="{}" y="{}">{}</text>',
                    left,
                    y,
                    bar_width,
                    bar,
                    SERIES_COLOURS[indicator],
                    label,
                    year,
                    value,
                    left + bar_width + 5,
                    y + bar - 4,
                    number_format(value, force_grouping=True),
                )
            )
    parts.append(
        format_html(
            '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            left,
            top - 4,
            height - group_gap + 4,
        )
    )
    description = _(
        "Investigations, arrests, prosecutions and convictions for %(years)s; n/a marks a "
        "figure that was not reported."
    ) % {"years": ", ".join(str(year) for year, _counts in rows)}
    return _svg(chart_id, height, _("Law enforcement by year"), description, "".join(parts))
