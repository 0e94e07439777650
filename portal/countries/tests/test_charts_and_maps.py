"""Server-side SVG: the two charts, the projection and shape handling, and the flow map."""

import csv

import pycountry
import pytest
from bs4 import BeautifulSoup

from portal.countries.charts import TierPoint, law_enforcement_svg, nice_ceiling, tier_history_svg
from portal.countries.maps.flow_map import flow_map
from portal.countries.maps.geometry import (
    Projection,
    clip_ring,
    fit_viewport,
    pole_of_inaccessibility,
    ring_path,
    shapes,
    simplify,
)
from portal.countries.models import Country, Flow
from portal.countries.reference_data import DATA_FILE
from portal.sources.models import Source
from portal.taxonomy.models import Topic


def svg(markup) -> BeautifulSoup:
    return BeautifulSoup(str(markup), "html.parser")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, (4, 1)), (3, (4, 1)), (27, (40, 10)), (259, (400, 100)), (180000, (200000, 50000))],
)
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == expected


def test_tier_history_chart_draws_one_point_per_report_and_a_line():
    points = [
        TierPoint(2005, "tier-2"),
        TierPoint(2006, "tier-2-watch-list"),
        TierPoint(2007, "tier-2"),
    ]
    chart = svg(tier_history_svg(points))
    assert len(chart.select("circle")) == 3
    assert chart.select_one("polyline") is not None
    assert chart.select_one("desc").get_text() == "3 placements from 2005 to 2007; latest: Tier 2."
    assert [t.get_text() for t in chart.select("circle title")] == [
        "2005: Tier 2",
        "2006: Tier 2 Watch List",
        "2007: Tier 2",
    ]
    assert tier_history_svg([]) == ""


def test_law_enforcement_chart_marks_missing_figures():
    rows = [
        (2005, {"investigations": 4, "arrests": None, "prosecutions": 2, "convictions": 0}),
        (2006, {"investigations": 27, "arrests": 15, "prosecutions": 12, "convictions": 3}),
    ]
    chart = svg(law_enforcement_svg(rows))
    assert len(chart.select("rect[height]")) == 4 + 7  # legend swatches + bars
    missing = chart.select(".chart__missing")
    assert len(missing) == 1 and missing[0].find("title").get_text() == "Arrests 2005: not reported"
    assert [t.get_text() for t in chart.select(".chart__value")][:3] == ["4", "2", "0"]


def test_projection_fits_the_viewport():
    projection = Projection(100.0, 10.0, 110.0, 20.0, width=640)
    x0, y0 = projection((100.0, 20.0))
    x1, y1 = projection((110.0, 10.0))
    assert (round(x0), round(y0)) == (0, 0)
    assert round(x1) == 640 and round(y1) == projection.height
    assert 640 < projection.height < 680  # Mercator stretches latitude a little here


def test_fit_viewport_pads_and_keeps_a_minimum_size():
    west, south, east, north = fit_viewport([(102.0, 18.0, 103.0, 19.0)])
    assert east - west == pytest.approx(14.0)
    assert north - south == pytest.approx(10.0)


def test_clipping_simplifying_and_paths():
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    clipped = clip_ring(square, (0, 0, 5, 5))
    assert sorted(set(clipped)) == [(0, 0), (0, 5), (5, 0), (5, 5)]
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 0.0)]
    assert simplify(line, 0.5) == [(0.0, 0.0), (3.0, 0.0)]
    assert ring_path([(0, 0), (10, 0), (10, 10), (0, 10)]) == "M0 0l10 0l0 10l-10 0z"
    assert ring_path([(0, 0), (0.2, 0.1), (0.1, 0.3)]) == ""  # collapses to a point
    x, y = pole_of_inaccessibility([[(0, 0), (10, 0), (10, 4), (0, 4)]], precision=0.1)
    assert x == pytest.approx(5, abs=0.5) and y == pytest.approx(2, abs=0.2)


def test_map_data_covers_east_asia_and_pacific():
    codes = {
        pycountry.countries.get(alpha_2=row["iso2"]).numeric
        for row in csv.DictReader(DATA_FILE.open())
        if row["region"] == "east-asia-pacific"
    }
    data = shapes()
    # Tuvalu is not in Natural Earth's 1:50m countries; Macau is only a point at that scale.
    assert codes - set(data) == {"798"}
    assert [c for c in codes & set(data) if not data[c].polygons] == ["446"]
    laos = data["418"]
    assert 100 < laos.anchor[0] < 108 and 13 < laos.anchor[1] < 23


@pytest.mark.django_db
def test_flow_map(lao_site):
    laos = Country.objects.get(iso2="LA")
    flows = list(Flow.objects.touching(laos).for_display())
    germany = Country.objects.get(iso2="DE")
    far = Flow.objects.create(
        origin=laos, destination=germany, source=Source.objects.get(slug="us-dos-tip-2007")
    )
    far.forms.set(Topic.objects.filter(slug="domestic-servitude"))
    result = flow_map([*flows, far], title="Test map", focus=laos)
    reasons = {str(flow): reason for flow, reason in result.undrawn}
    assert reasons == {
        "Lao PDR → destination not stated": "the source does not say where victims are taken",
        "Lao PDR → Germany": "Germany lies outside the map",
    }
    drawn = svg(result.svg)
    arrows = drawn.select("path.flow-map__arrow")
    assert len(arrows) == 6
    assert {a["stroke"] for a in arrows} == {e.colour for e in result.legend}
    assert {t.get_text() for t in drawn.select("text.flow-map__label")} == {
        "Lao PDR",
        "Thailand",
        "Myanmar",
        "Viet Nam",
        "China",
    }
    # China is too large to show whole: its arrow starts inside the part the map shows.
    width, height = (int(v) for v in drawn.svg["viewbox"].split()[2:])
    for dot in drawn.select("circle.flow-map__dot"):
        assert 0 < int(dot["cx"]) < width and 0 < int(dot["cy"]) < height
    assert len(str(result.svg)) < 40_000


@pytest.mark.django_db
def test_a_map_without_drawable_flows(lao_site):
    germany = Country.objects.get(iso2="DE")
    assert flow_map([], title="Nothing", focus=germany).svg is None
    thailand = Country.objects.get(iso2="TH")
    assert flow_map([], title="Just Thailand", focus=thailand).svg is not None
