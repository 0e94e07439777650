"""The flow map: country shapes, and a curved arrow for each flow and form of exploitation,
from the origin through any transit countries to the destination. Rendered on the server as
inline SVG; the page puts the legend and a data table beside it."""

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import Country, Flow
from .geometry import (
    CountryShape,
    Point,
    Projection,
    clip_ring,
    country_path,
    fit_viewport,
    pole_of_inaccessibility,
    ring_area,
    shapes,
)

WIDTH = 640
# A country whose bounding box is larger than this (square degrees: China, India, Indonesia,
# Russia, Australia, Mongolia) would stretch a map of its neighbours; the map shows only the
# part of it nearest the other countries, and its arrows end inside that part.
LARGE_COUNTRY = 300.0
ANCHOR_INSET = 14  # pixels: arrow ends and labels keep this far from the map's edge

# Colour and dash pattern per form of exploitation (topic slug): the dashes tell the forms
# apart without colour too. Every colour has at least 3:1 contrast with the land colours.
FORM_STYLES = {
    "sexual-exploitation": ("#b0125b", ""),
    "forced-labour": ("#0d5aa7", "12 4"),
    "forced-marriage": ("#6a1b9a", "3 4"),
    "child-labour": ("#a64200", "12 4 3 4"),
    "forced-begging": ("#1d6b2f", "18 4 3 4 3 4"),
    "domestic-servitude": ("#6d4c00", "6 3"),
}
OTHER_FORM = ("#37474f", "2 3")
NOT_STATED = ("#4a5560", "8 6")


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    dash: str


@dataclass
class FlowMap:
    svg: SafeString | None
    legend: list[LegendEntry] = field(default_factory=list)
    undrawn: list[tuple[Flow, str]] = field(default_factory=list)


def _style(form) -> tuple[str, str]:
    if form is None:
        return NOT_STATED
    return FORM_STYLES.get(form.slug, OTHER_FORM)


def _shape(country: Country | None):
    return shapes().get(country.numeric) if country is not None else None


def _why_not_drawn(flow: Flow) -> str | None:
    if flow.destination is None:
        return _("the source does not say where victims are taken")
    missing = [c.name for c in flow.route if _shape(c) is None]
    if missing:
        return _("%(countries)s lies outside the map") % {"countries": ", ".join(missing)}
    return None


def _curve(points: list[Point], bends: list[float], head: float = 7.0) -> str:
    """Quadratic curves through the points, each leg bent to the left of travel by its own
    amount; the last one stops short so that the arrowhead ends at the destination's dot."""
    path = [f"M{points[0][0]:.0f} {points[0][1]:.0f}"]
    legs = list(pairwise(points))
    for index, (((ax, ay), (bx, by)), bend) in enumerate(zip(legs, bends, strict=True)):
        cx = (ax + bx) / 2 - (by - ay) * bend
        cy = (ay + by) / 2 + (bx - ax) * bend
        if index == len(legs) - 1:
            tx, ty = bx - cx, by - cy
            length = max((tx * tx + ty * ty) ** 0.5, 1e-6)
            bx, by = bx - tx / length * head, by - ty / length * head
        path.append(f"Q{cx:.0f} {cy:.0f} {bx:.0f} {by:.0f}")
    return "".join(path)


def _is_large(shape: CountryShape) -> bool:
    west, south, east, north = shape.bbox
    return (east - west) * (north - south) > LARGE_COUNTRY


def _viewport(involved: list[CountryShape], focus: CountryShape | None) -> tuple:
    """The lon/lat box of the map: the focus country whole, the anchors of the other
    countries, and of a large country only its part nearest to the rest."""
    boxes = [focus.bbox] if focus is not None else []
    boxes += [
        (s.anchor[0] - 1, s.anchor[1] - 1, s.anchor[0] + 1, s.anchor[1] + 1)
        for s in involved
        if not _is_large(s) and s is not focus
    ]
    large = [s for s in involved if _is_large(s) and s is not focus]
    if boxes:
        cx = sum((b[0] + b[2]) / 2 for b in boxes) / len(boxes)
        cy = sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes)
        for shape in large:
            nx, ny = min(
                (p for polygon in shape.polygons for p in polygon[0]),
                key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2,
            )
            boxes.append((nx - 2.5, ny - 2.5, nx + 2.5, ny + 2.5))
    else:
        boxes = [
            (s.anchor[0] - 1, s.anchor[1] - 1, s.anchor[0] + 1, s.anchor[1] + 1) for s in large
        ]
    return fit_viewport(boxes)


@lru_cache(maxsize=512)
def _anchor(shape: CountryShape, viewport: tuple) -> Point:
    """Where a country's arrows end and its label sits: its stored anchor if the map shows it,
    else the middle of the part of the country the map shows, else the nearest edge point."""
    projection = Projection(*viewport, width=WIDTH)
    inset = (ANCHOR_INSET, ANCHOR_INSET, WIDTH - ANCHOR_INSET, projection.height - ANCHOR_INSET)
    x, y = projection(shape.anchor)
    if inset[0] <= x <= inset[2] and inset[1] <= y <= inset[3]:
        return x, y
    visible = [clip_ring([projection(p) for p in polygon[0]], inset) for polygon in shape.polygons]
    visible = [ring for ring in visible if len(ring) >= 3]
    if visible:
        return pole_of_inaccessibility([max(visible, key=ring_area)], precision=1.0)
    return min(max(x, inset[0]), inset[2]), min(max(y, inset[1]), inset[3])


@lru_cache(maxsize=64)
def _land_layer(viewport: tuple, focus: str | None, involved: tuple[str, ...]) -> str:
    projection = Projection(*viewport, width=WIDTH)
    west, south, east, north = viewport
    layers = {"land": [], "involved": [], "focus": []}
    for numeric, shape in shapes().items():
        b = shape.bbox
        if b[2] < west or b[0] > east or b[3] < south or b[1] > north:
            continue
        path = country_path(shape, projection)
        if not path:
            continue
        kind = "focus" if numeric == focus else "involved" if numeric in involved else "land"
        layers[kind].append(path)
    return "".join(
        f'<path class="flow-map__{kind}" d="{d}"/>' for kind, paths in layers.items() for d in paths
    )


def flow_map(
    flows: list[Flow], *, title: str, focus: Country | None = None, map_id: str = "flow-map"
) -> FlowMap:
    drawable, undrawn = [], []
    for flow in flows:
        reason = _why_not_drawn(flow)
        if reason:
            undrawn.append((flow, reason))
        else:
            drawable.append(flow)

    countries = {c.pk: c for flow in drawable for c in flow.route}
    if focus is not None and _shape(focus) is not None:
        countries[focus.pk] = focus
    if not countries:
        return FlowMap(None, [], undrawn)

    viewport = _viewport([_shape(c) for c in countries.values()], _shape(focus) if focus else None)
    projection = Projection(*viewport, width=WIDTH)
    anchors = {c.pk: _anchor(_shape(c), viewport) for c in countries.values()}
    land = _land_layer(
        viewport,
        focus.numeric if focus is not None else None,
        tuple(sorted(c.numeric for c in countries.values())),
    )

    arrows, legend, leg_counts = [], {}, {}
    for flow in drawable:
        points = [anchors[c.pk] for c in flow.route]
        forms = list(flow.forms.all()) or [None]
        for form in forms:
            colour, dash = _style(form)
            label = form.name if form is not None else _("Form of exploitation not stated")
            legend.setdefault(label, LegendEntry(label, colour, dash))
            # Arrows sharing a leg (same two countries, same direction) bend further apart.
            bends = []
            for a, b in pairwise(flow.route):
                parallel = leg_counts[a.pk, b.pk] = leg_counts.get((a.pk, b.pk), -1) + 1
                bends.append(0.16 + 0.13 * parallel)
            description = _("%(route)s: %(form)s") % {"route": str(flow), "form": label}
            arrows.append(
                format_html(
                    '<path class="flow-map__arrow" d="{}" stroke="{}"{} '
                    'marker-end="url(#{}-head-{})"><title>{}</title></path>',
                    _curve(points, bends),
                    colour,
                    format_html(' stroke-dasharray="{}"', dash) if dash else "",
                    map_id,
                    colour.lstrip("#"),
                    description,
                )
            )

    markers = format_html_join(
        "",
        '<marker id="{}-head-{}" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0 0L10 5L0 10z" fill="{}"/></marker>',
        ((map_id, colour.lstrip("#"), colour) for colour in {e.colour for e in legend.values()}),
    )
    dots, labels = [], []
    for country in countries.values():
        x, y = (round(v) for v in anchors[country.pk])
        dots.append(format_html('<circle class="flow-map__dot" cx="{}" cy="{}" r="3.5"/>', x, y))
        labels.append(
            format_html(
                '<text class="flow-map__label" x="{}" y="{}">{}</text>',
                x,
                y + 16,
                country.display_name,
            )
        )
    described = _(
        "%(drawn)s flows drawn as arrows from origin to destination; the table beside the map "
        "lists them with their sources."
    ) % {"drawn": len(drawable)}
    svg = format_html(
        '<svg class="flow-map__svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "<defs>{}</defs>"
        '<rect class="flow-map__sea" width="{}" height="{}"/>{}'
        '<g class="flow-map__arrows" fill="none">{}</g><g>{}</g><g>{}</g></svg>',
        WIDTH,
        projection.height,
        map_id,
        map_id,
        map_id,
        title,
        map_id,
        described,
        markers,
        WIDTH,
        projection.height,
        mark_safe(land),  # noqa: S308 - built from numbers only
        mark_safe("".join(arrows)),  # noqa: S308 - each piece escaped by format_html
        mark_safe("".join(dots)),  # noqa: S308
        mark_safe("".join(labels)),  # noqa: S308
    )
    return FlowMap(svg, list(legend.values()), undrawn)
