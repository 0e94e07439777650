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
# The small charts are drawn at the width of a phone (360 px) so that their text, at
# SMALL_TEXT units, stays at 12 px or more on a 360 px phone (where page margins leave the
# chart about 330 px).
SMALL_WIDTH = 360
SMALL_TEXT = 14
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


def _svg(
    chart_id: str,
    height: int,
    title: str,
    description: str,
    body: str,
    width: int = WIDTH,
    css_class: str = "chart__svg",
) -> SafeString:
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc"'
        ' xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        css_class,
        width,
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
    parts.append(_tier_path(ordered, x_of, y_of, radius=7))
    description = _tier_description(ordered)
    return _svg(chart_id, height, _("Tier placement by report year"), description, "".join(parts))


def _tier_path(ordered: Sequence[TierPoint], x_of: dict, y_of: dict, radius: int) -> str:
    """The placements, oldest first: a line through them and a dot (with its tooltip) each."""
    line = ""
    if len(ordered) > 1:
        points = " ".join(f"{x_of[p.year]},{y_of[p.tier]}" for p in ordered)
        line = format_html('<polyline class="chart__line" points="{}"/>', points)
    dots = format_html_join(
        "",
        '<circle class="chart__point" cx="{}" cy="{}" r="{}"><title>{}: {}</title></circle>',
        ((x_of[p.year], y_of[p.tier], radius, p.year, Tier(p.tier).label) for p in ordered),
    )
    return line + dots


def _tier_description(ordered: Sequence[TierPoint]) -> str:
    return _("%(count)s placements from %(first)s to %(last)s; latest: %(tier)s.") % {
        "count": len(ordered),
        "first": ordered[0].year,
        "last": ordered[-1].year,
        "tier": Tier(ordered[-1].tier).label,
    }


def tier_timeline_svg(
    points: Sequence[TierPoint], chart_id: str = "tier-timeline", title: str = ""
) -> SafeString:
    """The tier history at phone width: one row per tier with a placement, Tier 1 at the top,
    a dot per report year joined by a line. Text is SMALL_TEXT units in a SMALL_WIDTH-wide
    drawing, so at least 12 px wherever the chart is 360 px wide or more."""
    if not points:
        return SafeString("")
    ordered = sorted(points, key=lambda p: p.year)
    used = [t for t in TIER_ORDER if any(p.tier == t for p in ordered)]
    left, right, top, row = 138, SMALL_WIDTH - 16, 12, 30
    height = top + row * len(used) + 30
    x_of = _year_positions([p.year for p in ordered], left, right)
    y_of = {tier: round(top + row * i + row / 2) for i, tier in enumerate(used)}
    parts = [
        format_html(
            '<line class="chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="chart__axis-label" font-size="{}" x="{}" y="{}" text-anchor="end">'
            "{}</text>",
            left - 6,
            right,
            y_of[tier],
            y_of[tier],
            SMALL_TEXT,
            left - 10,
            y_of[tier] + 4,
            Tier(tier).label,
        )
        for tier in used
    ]
    years = sorted({p.year for p in ordered})
    every = max(1, math.ceil(len(years) / 5))  # "2006" is about 32 units wide at 13 units
    parts.append(
        format_html_join(
            "",
            '<text class="chart__axis-label" font-size="{}" x="{}" y="{}" text-anchor="middle">'
            "{}</text>",
            ((SMALL_TEXT, x_of[y], top + row * len(used) + 20, y) for y in years[::every]),
        )
    )
    parts.append(_tier_path(ordered, x_of, y_of, radius=6))
    return _svg(
        chart_id,
        height,
        title or _("Tier placement by report year"),
        _tier_description(ordered),
        "".join(parts),
        width=SMALL_WIDTH,
        css_class="chart__svg chart__svg--small",
    )


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
