"""Figures year over year on the country pages: the change from the previous reported year
(absolute and %, missing years named, zero bases without a percentage), both sources where
they disagree, the "what changed" summary, the small tier chart, and the JSON-LD Dataset."""

import json

import pytest

from portal.countries.charts import SMALL_WIDTH, TierPoint, tier_timeline_svg
from portal.countries.models import Country, Figure
from portal.countries.trends import build_series
from portal.sources.citations import NoteList
from portal.sources.models import Source
from portal.testing.html import soup, texts

from .jsonld_context import expand_offline


@pytest.fixture
def lao_history(lao_profile):
    """Invented test figures (this test's own sources) around the demo's real 2006/2007 ones:
    2004 and 2005 counts, a 2006 tier, and a second source that disagrees for 2006."""
    laos = Country.objects.get(iso2="LA")
    earlier = Source.objects.create(title="Test annual report 2005", year=2005)
    other = Source.objects.create(title="Test NGO monitor 2006", year=2006)
    for indicator, year, value in [
        ("investigations", 2004, 0),
        ("investigations", 2005, 20),
        ("arrests", 2004, 10),
        ("convictions", 2005, 3),
    ]:
        Figure.objects.create(
            country=laos, indicator=indicator, year=year, value=value, source=earlier
        )
    Figure.objects.create(
        country=laos, indicator="tier", year=2006, tier="tier-2-watch-list", source=earlier
    )
    Figure.objects.create(
        country=laos, indicator="investigations", year=2006, value=31, source=other
    )
    return lao_profile


def _series(figures):
    return {s.key: s for s in build_series(figures, NoteList())}


@pytest.mark.django_db
def test_changes_from_the_previous_reported_year(lao_history):
    figures = list(Figure.objects.filter(country__iso2="LA").for_display())
    series = _series(figures)
    investigations = series[("investigations", "", "")]
    assert [e.year for e in investigations.entries] == [2004, 2005, 2006]
    assert investigations.entries[0].change is None
    assert investigations.entries[1].change.text == "+20 (from zero)"
    # 2006: the demo's source (2007, preferred) gives 27, the NGO monitor 31: both kept.
    latest = investigations.entries[2]
    assert latest.preferred.figure.value == 27
    assert [v.figure.value for v in latest.disagreeing] == [31]
    assert latest.change.text == "+7 (+35.0%)"
    arrests = series[("arrests", "", "")]
    assert arrests.entries[1].change.text == "+5 (+50.0%) since 2004"
    assert not arrests.entries[1].change.consecutive
    convictions = series[("convictions", "", "")]
    assert convictions.entries[1].change.text == "no change"
    tier = series[("tier", "", "")]
    assert tier.entries[1].change.text == "up 1 tier"
    assert tier.entries[1].change.direction == "up"
    assert series[("average-sentence-years", "", "")].entries[0].change is None


@pytest.mark.django_db
def test_profile_shows_year_over_year_with_notes_and_both_sources(client, lao_history):
    html = soup(client.get("/countries/la/"))
    section = html.select_one("#year-over-year")
    changed = texts(section.select("#what-changed li"))
    note_of = note_numbers(html)
    tip, monitor = note_of["Trafficking in Persons Report 2007"], note_of["Test NGO monitor 2006"]
    assert (
        f"Investigations, 2006 : 27 Note {tip} +7 (+35.0%) Another source gives 31 Note {monitor}"
        in changed
    )
    assert (
        f"Arrests, 2006 : 15 Note {tip} +5 (+50.0%) since 2004 (no figure for the years "
        "between; compared with 2004)" in changed
    )
    assert f"Prosecutions, 2006 : 12 Note {tip} first figure recorded" in changed
    assert f"Tier placement, 2007 : Tier 2 Note {tip} up 1 tier" in changed
    assert section.select_one("h3").get_text() == "What changed in the latest figures (to 2007)"
    captions = texts(section.select("caption"))
    assert captions[0] == "Tier placement"
    assert "Victims assisted (Lao Women's Union)" in captions
    tier_rows = texts(section.select("table")[0].select("tbody tr"))
    assert tier_rows == [
        f"2006 Tier 2 Watch List Note {note_of['Test annual report 2005']}",
        f"2007 Tier 2 Note {tip} up 1 tier",
    ]
    # Every mark points at a note that exists.
    for link in section.select("sup.note-ref a"):
        assert html.select_one(link["href"]) is not None


def note_numbers(html) -> dict[str, int]:
    """Each data note's number by its source's title (data notes are one per source)."""
    return {
        li.select_one("cite").get_text(strip=True): int(li["value"])
        for li in html.select("#notes li.notes__item")
        if li.select_one("cite")
    }


def test_small_tier_chart_is_readable_at_phone_width():
    chart = soup_svg(
        tier_timeline_svg([TierPoint(2006, "tier-2-watch-list"), TierPoint(2007, "tier-2")])
    )
    svg = chart.select_one("svg")
    assert svg["viewbox"].split()[2] == str(SMALL_WIDTH) == "360"
    assert svg["role"] == "img" and svg.select_one("title").get_text()
    # Drawn at 360 units, shown at most 360 px wide: a 14-unit font is 12 px or more from
    # about 310 px up.
    sizes = [int(t["font-size"]) for t in svg.select("text")]
    assert sizes and min(sizes) >= 12
    assert [t.get_text() for t in svg.select("circle title")] == [
        "2006: Tier 2 Watch List",
        "2007: Tier 2",
    ]
    assert tier_timeline_svg([]) == ""


def soup_svg(markup):
    from bs4 import BeautifulSoup

    return BeautifulSoup(str(markup), "html.parser")


@pytest.mark.django_db
def test_profile_has_a_valid_dataset_in_json_ld(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    scripts = [json.loads(s.string) for s in html.select("script[type='application/ld+json']")]
    data = next(d for d in scripts if d.get("@type") == "Dataset")
    assert data["temporalCoverage"] == "2006/2007"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["spatialCoverage"][0]["identifier"] == "LA"
    expanded = expand_offline(data)
    assert expanded[0]["@type"] == ["http://schema.org/Dataset"]
    distributions = expanded[0]["http://schema.org/distribution"]
    urls = {d["http://schema.org/contentUrl"][0]["@value"] for d in distributions}
    formats = {d["http://schema.org/encodingFormat"][0]["@value"] for d in distributions}
    assert urls == {
        "http://testserver/countries/la/csv/figures/",
        "http://testserver/countries/la/csv/flows/",
        "http://testserver/countries/la/json/",
    }
    assert formats == {"text/csv", "application/json"}
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    creator = expanded[0]["http://schema.org/creator"][0]
    assert creator["@type"] == ["http://schema.org/Organization"]
