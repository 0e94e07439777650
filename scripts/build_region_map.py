#!/usr/bin/env python
"""Convert Natural Earth country shapes (npm world-atlas@2, TopoJSON) into the compact map data
file the flow maps are drawn from: portal/countries/maps/asia_pacific.json.

Run once, by hand, when the map data should change:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python scripts/build_region_map.py /tmp/package/countries-50m.json

Why 1:50m: at 1:110m Lao PDR is a dozen points and the Mekong border with Thailand disappears;
1:10m is four times the size for detail a 640-pixel map cannot show. The 1:50m shapes are
clipped to Asia and the Pacific (60°E to 160°W, 50°S to 56°N: every East Asia and Pacific country
and its neighbours), simplified to about 2 km (Douglas-Peucker, 0.02°), and stored as integer
hundredths of a degree. Each country also gets an anchor point inside its largest part (the
point farthest from its edges), where flow arrows start and end and labels sit; a centroid can
fall outside a country (Viet Nam's lies in Lao PDR).

Longitudes west of 100°W are shifted by +360° so that Pacific countries on both sides of the
antimeridian (Fiji, Samoa, Tonga, Kiribati) are contiguous.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.countries.maps.geometry import (
    clip_ring,
    pole_of_inaccessibility,
    ring_area,
    simplify,
)

BBOX = (60.0, -50.0, 200.0, 56.0)  # west, south, east, north (east beyond 180: shifted west)
TOLERANCE = 0.02  # degrees, Douglas-Peucker
MIN_RING_AREA = 0.002  # square degrees: islets smaller than this are not drawn
MIN_SHARE_IN_REGION = 0.1  # countries with less of their area inside the box are left out
OUTPUT = Path(__file__).resolve().parent.parent / "portal/countries/maps/asia_pacific.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    translate_x, translate_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def ring_from_arcs(indexes: list[int], arcs: list) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return ring


def geometry_polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
    return []


def shift_longitudes(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Move a ring that lies west of 100°W, or crosses the antimeridian, east of 180°."""
    if all(lon < -100 for lon, _ in ring):
        return [(lon + 360, lat) for lon, lat in ring]
    if any(lon < -100 for lon, _ in ring) and any(lon > 100 for lon, _ in ring):
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


def to_ints(ring) -> list[int]:
    flat: list[int] = []
    previous = None
    for lon, lat in ring:
        point = (round(lon * 100), round(lat * 100))
        if point != previous:
            flat.extend(point)
            previous = point
    return flat


def convert(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = {}
    # Some ISO codes have several features (Australia and its Ashmore and Cartier Islands
    # are both 036): they are one country here.
    by_code: dict[str, list] = {}
    names: dict[str, tuple[float, str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        if not numeric:
            continue  # disputed areas without an ISO code (Somaliland, N. Cyprus, ...)
        polygons = geometry_polygons(geometry, arcs)
        by_code.setdefault(numeric, []).extend(polygons)
        area = sum(ring_area(p[0]) for p in polygons)
        if area >= names.get(numeric, (-1.0, ""))[0]:
            names[numeric] = (area, geometry["properties"]["name"])
    for numeric, polygons in by_code.items():
        total_area = sum(ring_area(shift_longitudes(p[0])) for p in polygons)
        kept, clipped_outer = [], []
        for polygon in polygons:
            rings = []
            for index, ring in enumerate(polygon):
                ring = clip_ring(shift_longitudes(ring), BBOX)
                if index == 0 and len(ring) >= 3:
                    clipped_outer.append(ring)
                if len(ring) < 4 or ring_area(ring) < MIN_RING_AREA:
                    if index == 0:
                        break  # the outer ring is gone: drop the holes too
                    continue
                ring = simplify([*ring, ring[0]], TOLERANCE)[:-1]
                if len(ring) >= 3:
                    rings.append(ring)
            if rings:
                kept.append(rings)
        clipped_area = sum(ring_area(r) for r in clipped_outer)
        if not clipped_outer or clipped_area < MIN_SHARE_IN_REGION * total_area:
            continue  # outside the region, or only a sliver of it inside (USA's Aleutians)
        # Anchor: inside the largest kept part; islets too small to draw still get one.
        largest = (
            max(kept, key=lambda rings: ring_area(rings[0]))
            if kept
            else [max(clipped_outer, key=ring_area)]
        )
        anchor = pole_of_inaccessibility(largest, precision=0.05)
        countries[numeric] = {
            "name": names[numeric][1],
            "anchor": [round(anchor[0], 2), round(anchor[1], 2)],
            "polygons": [[to_ints(ring) for ring in rings] for rings in kept],
        }
    return {
        "source": (
            "Natural Earth 1:50m Admin 0 countries (version 4.1.0, public domain), "
            "via the npm package world-atlas 2.0.2 (ISC licence, Mike Bostock); "
            "clipped, simplified and converted by scripts/build_region_map.py."
        ),
        "units": "hundredths of a degree; longitudes beyond 18000 are east of the antimeridian",
        "bbox": [round(v * 100) for v in BBOX],
        "countries": dict(sorted(countries.items())),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from world-atlas@2")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    data = convert(json.loads(args.topojson.read_text()))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    sys.stdout.write(f"{len(data['countries'])} countries, {args.output.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
