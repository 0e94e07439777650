"""Small charts as inline SVG, drawn on the server: the tier history and law enforcement by
year. Each is shown with a table of the same numbers (for screen readers, for readers without
images, and as the citation carrier)."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models.figures import LAW_ENFORCEMENT, TIER_ORDER, Indicator, Tier

WIDTH = 640
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


def tier_history_svg(points: Sequence[TierPoint], chart_id: str = "tier-chart") -> SafeString:
    """Tier by report year: one row per tier, Tier 1 at the top."""
    if not points:
        return SafeString("")
    left, right, top, row = 170, WIDTH - 30, 20, 34
    height = top + row * len(TIER_ORDER) + 40
    x_of = _year_positions([p.year for p in points], left, right)
    y_of = {tier: round(top + row * i + row / 2) for i, tier in enumerate(TIER_ORDER)}
    parts = []
    for tier in TIER_ORDER:
        y = y_of[tier]
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 10,
                right,
                y,
                y,
                left - 16,
                y + 4,
                Tier(tier).label,
            )
        )
    years = sorted(x_of)
    every = max(1, math.ceil(len(years) / 10))
    axis_y = top + row * len(TIER_ORDER) + 22
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
    """Grouped bars: for each year, investigations, arrests, prosecutions and convictions.
    A figure that was not reported has no bar and reads "n/a"."""
    if not rows:
        return SafeString("")
    left, right, top, bottom = 56, WIDTH - 16, 46, 40
    plot_height = 190
    height = top + plot_height + bottom
    values = [v for _, counts in rows for v in counts.values() if v is not None]
    maximum, step = nice_ceiling(max(values, default=0))
    parts = []
    # Legend across the top.
    x = left
    for indicator in LAW_ENFORCEMENT:
        label = Indicator(indicator).label
        parts.append(
            format_html(
                '<rect x="{}" y="10" width="14" height="14" fill="{}"/>'
                '<text class="chart__axis-label" x="{}" y="22">{}</text>',
                x,
                SERIES_COLOURS[indicator],
                x + 20,
                label,
            )
        )
        x += 30 + 9 * len(label)
    # Axis and grid.
    for tick in range(0, maximum + 1, step):
        y = round(top + plot_height - tick / maximum * plot_height)
        parts.append(
            format_html(
                '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                right,
                y,
                y,
                left - 8,
                y + 4,
                number_format(tick, force_grouping=True),
            )
        )
    group_width = (right - left) / len(rows)
    bar_width = min(36, group_width / (len(LAW_ENFORCEMENT) + 1.5))
    baseline = top + plot_height
    for index, (year, counts) in enumerate(rows):
        group_left = left + index * group_width + (group_width - bar_width * 4) / 2
        for position, indicator in enumerate(LAW_ENFORCEMENT):
            value = counts.get(indicator)
            bx = group_left + position * bar_width
            middle = round(bx + bar_width / 2)
            label = Indicator(indicator).label
            if value is None:
                parts.append(
                    format_html(
                        '<text class="chart__missing" x="{}" y="{}" text-anchor="middle">'
                        "n/a<title>{} {}: {}</title></text>",
                        middle,
                        baseline - 6,
                        label,
                        year,
                        _("not reported"),
                    )
                )
                continue
            bar_height = round(value / maximum * plot_height)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>"
                    '<text class="chart__value" x="{}" y="{}" text-anchor="middle">{}</text>',
                    round(bx + 2),
                    baseline - bar_height,
                    round(bar_width - 4),
                    bar_height,
                    SERIES_COLOURS[indicator],
                    label,
                    year,
                    value,
                    middle,
                    baseline - bar_height - 5,
                    number_format(value, force_grouping=True),
                )
            )
        parts.append(
            format_html(
                '<text class="chart__axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                round(group_left + bar_width * 2),
                baseline + 22,
                year,
            )
        )
    parts.append(
        format_html(
            '<line class="chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            right,
            baseline,
            baseline,
        )
    )
    description = _(
        "Investigations, arrests, prosecutions and convictions for %(years)s; n/a marks a "
        "figure that was not reported."
    ) % {"years": ", ".join(str(year) for year, _counts in rows)}
    return _svg(chart_id, height, _("Law enforcement by year"), description, "".join(parts))
