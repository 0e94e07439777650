"""Country shapes from the derived Natural Earth file, a Mercator projection fitted to a
viewport, and the clipping and simplification that keep an inline SVG map small."""

import heapq
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

DATA_FILE = Path(__file__).parent / "asia_pacific.json"

Point = tuple[float, float]


@dataclass(frozen=True, eq=False)  # hashed by identity: shapes are loaded once
class CountryShape:
    numeric: str
    anchor: Point  # lon, lat
    polygons: tuple[tuple[tuple[Point, ...], ...], ...]  # polygons -> rings -> points
    bbox: tuple[float, float, float, float]  # west, south, east, north


@lru_cache(maxsize=1)
def shapes() -> dict[str, CountryShape]:
    """Country shapes by ISO 3166-1 numeric code (a string, e.g. "418")."""
    data = json.loads(DATA_FILE.read_text())
    result = {}
    for numeric, spec in data["countries"].items():
        polygons = tuple(
            tuple(
                tuple((ring[i] / 100, ring[i + 1] / 100) for i in range(0, len(ring), 2))
                for ring in polygon
            )
            for polygon in spec["polygons"]
        )
        points = [p for polygon in polygons for p in polygon[0]] or [tuple(spec["anchor"])]
        bbox = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        result[numeric] = CountryShape(numeric, tuple(spec["anchor"]), polygons, bbox)
    return result


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class Projection:
    """Mercator, scaled and translated so that a lon/lat box fills width x height pixels."""

    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def scale(self) -> float:
        return self.width / math.radians(self.east - self.west)

    @property
    def height(self) -> int:
        return round((_mercator_y(self.north) - _mercator_y(self.south)) * self.scale)

    def __call__(self, point: Point) -> Point:
        lon, lat = point
        x = math.radians(lon - self.west) * self.scale
        y = (_mercator_y(self.north) - _mercator_y(lat)) * self.scale
        return x, y


def fit_viewport(
    boxes: list[tuple[float, float, float, float]],
    *,
    padding: float = 2.5,
    min_width: float = 14.0,
    min_height: float = 10.0,
    max_aspect: float = 1.1,
) -> tuple[float, float, float, float]:
    """A lon/lat box around the given boxes, padded, not too small and not too tall."""
    west = min(b[0] for b in boxes) - padding
    south = min(b[1] for b in boxes) - padding
    east = max(b[2] for b in boxes) + padding
    north = max(b[3] for b in boxes) + padding
    if east - west < min_width:
        middle = (east + west) / 2
        west, east = middle - min_width / 2, middle + min_width / 2
    if north - south < min_height:
        middle = (north + south) / 2
        south, north = middle - min_height / 2, middle + min_height / 2
    # A very tall box makes a narrow map: widen it (Mercator heights are roughly degrees).
    if (north - south) > max_aspect * (east - west):
        extra = ((north - south) / max_aspect - (east - west)) / 2
        west, east = west - extra, east + extra
    return west, south, east, north


def clip_ring(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman clipping of a closed ring to a rectangle (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box

    def crossing(a: Point, b: Point, axis: int, value: float) -> Point:
        t = (value - a[axis]) / (b[axis] - a[axis])
        other = 1 - axis
        result = [0.0, 0.0]
        result[axis] = value
        result[other] = a[other] + t * (b[other] - a[other])
        return result[0], result[1]

    edges = [(0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)]
    for axis, value, keep_greater in edges:
        if not points:
            break

        def inside(p: Point, axis: int = axis, value: float = value, g: bool = keep_greater):
            return p[axis] >= value if g else p[axis] <= value

        clipped: list[Point] = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    clipped.append(crossing(previous, current, axis, value))
                clipped.append(current)
            elif inside(previous):
                clipped.append(crossing(previous, current, axis, value))
            previous = current
        points = clipped
    return points


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length_sq = dx * dx + dy * dy
        worst, worst_index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length_sq == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_sq))
                d = math.hypot(px - ax - t * dx, py - ay - t * dy)
            if d > worst:
                worst, worst_index = d, i
        if worst_index is not None and worst > tolerance:
            keep[worst_index] = True
            stack.extend([(first, worst_index), (worst_index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_path(points: list[Point]) -> str:
    """An SVG path for one closed ring, in whole pixels, relative moves after the first."""
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        p = (round(x), round(y))
        if not rounded or p != rounded[-1]:
            rounded.append(p)
    if len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    if len(rounded) < 3:
        return ""
    parts = [f"M{rounded[0][0]} {rounded[0][1]}"]
    for (px, py), (x, y) in pairwise(rounded):
        parts.append(f"l{x - px} {y - py}")
    return "".join(parts) + "z"


def country_path(shape: CountryShape, projection: Projection, tolerance: float = 0.7) -> str:
    """The SVG path of a country within the projection's frame (empty if it is outside)."""
    margin = 8
    frame = (-margin, -margin, projection.width + margin, projection.height + margin)
    parts = []
    for polygon in shape.polygons:
        for ring in polygon:
            projected = [projection(p) for p in ring]
            clipped = clip_ring(projected, frame)
            if len(clipped) < 3:
                continue
            simplified = simplify([*clipped, clipped[0]], tolerance)
            path = ring_path(simplified)
            if path:
                parts.append(path)
    return "".join(parts)


def ring_area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise([*ring, ring[0]])) / 2)


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _signed_distance(x: float, y: float, rings: list[list[Point]]) -> float:
    """Distance from a point to a polygon's outline: positive inside, negative outside."""
    inside = False
    best = math.inf
    for ring in rings:
        for (ax, ay), (bx, by) in pairwise([*ring, ring[0]]):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, _segment_distance((x, y), (ax, ay), (bx, by)))
    return best if inside else -best


def pole_of_inaccessibility(rings: list[list[Point]], precision: float) -> Point:
    """The point inside a polygon (outer ring first, then holes) farthest from its edges:
    where a label or an arrow's end sits. A quadtree search, as in Mapbox's polylabel."""
    xs = [x for x, _ in rings[0]]
    ys = [y for _, y in rings[0]]
    min_x, min_y, max_x, max_y = min(xs), min(ys), max(xs), max(ys)
    cell = min(max_x - min_x, max_y - min_y)
    if cell == 0:
        return (min_x, min_y)
    queue: list = []

    def push(cx: float, cy: float, half: float) -> None:
        d = _signed_distance(cx, cy, rings)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), d, cx, cy, half))

    x = min_x
    while x < max_x:
        y = min_y
        while y < max_y:
            push(x + cell / 2, y + cell / 2, cell / 2)
            y += cell
        x += cell
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    best = (_signed_distance(cx, cy, rings), cx, cy)
    while queue:
        bound, d, cx, cy, half = heapq.heappop(queue)
        if d > best[0]:
            best = (d, cx, cy)
        if -bound - best[0] <= precision:
            continue
        half /= 2
        for ox in (-half, half):
            for oy in (-half, half):
                push(cx + ox, cy + oy, half)
    return best[1], best[2]
