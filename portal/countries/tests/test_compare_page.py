"""The comparison page: countries (or a country and its region) side by side by year and
indicator, shareable by its address, as CSV and JSON, in every language, with a clear message
for bad input and a query budget."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.countries import dataset
from portal.countries.models import Country, Figure
from portal.sources.models import Source
from portal.testing.html import soup, texts

from .jsonld_context import expand_offline

COMPARE = "/countries/compare/"
# The comparison's own queries, over what every page costs (the site chrome: navigation,
# settings, the form's country list), measured on the page without a choice.
QUERY_BUDGET = 30


@pytest.fixture
def thai_test_figures(demo_site):
    """Invented figures for Thailand from this test's own source (the demo has none), and a
    second source that disagrees with the demo's Lao investigations for 2006."""
    thailand = Country.objects.get(iso2="TH")
    laos = Country.objects.get(iso2="LA")
    source = Source.objects.create(title="Test Thai report 2007", year=2007)
    monitor = Source.objects.create(title="Test NGO monitor 2006", year=2006)
    Figure.objects.create(
        country=thailand, indicator="tier", year=2006, tier="tier-3", source=source
    )
    Figure.objects.create(
        country=thailand, indicator="tier", year=2007, tier="tier-2", source=source
    )
    Figure.objects.create(
        country=thailand, indicator="investigations", year=2005, value=40, source=source
    )
    Figure.objects.create(
        country=thailand, indicator="investigations", year=2006, value=50, source=source
    )
    Figure.objects.create(
        country=laos, indicator="investigations", year=2006, value=31, source=monitor
    )
    return demo_site


def note_numbers(html) -> dict[str, int]:
    return {
        li.select_one("cite").get_text(strip=True): int(li["value"])
        for li in html.select("#notes li.notes__item")
        if li.select_one("cite")
    }


@pytest.mark.django_db
def test_two_countries_side_by_side_with_changes_and_both_sources(client, thai_test_figures):
    html = soup(client.get(COMPARE, {"c": ["la", "th"]}))
    notes = note_numbers(html)
    tip, thai, monitor = (
        notes["Trafficking in Persons Report 2007"],
        notes["Test Thai report 2007"],
        notes["Test NGO monitor 2006"],
    )
    table = html.select_one("#compare-investigations")
    assert texts(table.select("thead th")) == ["Year", "Lao PDR", "Thailand"]
    assert texts(table.select("tbody tr")) == [
        f"2005 not reported 40 Note {thai}",
        f"2006 27 Note {tip} Another source gives 31 Note {monitor} 50 Note {thai} +10 (+25.0%)",
    ]
    tier = html.select_one("#compare-tier")
    assert texts(tier.select("tbody tr")) == [
        f"2006 not reported Tier 3 Note {thai}",
        f"2007 Tier 2 Note {tip} Tier 2 Note {thai} up 2 tiers",
    ]
    charts = html.select(".compare__charts svg")
    assert [c.select_one("title").get_text() for c in charts] == [
        "Tier placement of Lao PDR by report year",
        "Tier placement of Thailand by report year",
    ]
    assert all(c["role"] == "img" for c in charts)
    # Shareable: the form shows the choice, and submits by GET to the same address.
    form = html.select_one("form.compare__form")
    assert form["method"] == "get" and form["action"] == COMPARE
    chosen = [s.select_one("option[selected]") for s in form.select("select[name=c]")]
    assert [o["value"] if o else "" for o in chosen] == ["la", "th", "", ""]
    for link in html.select("main sup.note-ref a"):
        assert html.select_one(link["href"]) is not None


@pytest.mark.django_db
def test_a_country_without_figures_and_a_region(client, demo_site):
    html = soup(client.get(COMPARE, {"c": "th", "region": "east-asia-pacific"}))
    assert "No figures have been recorded for Thailand yet." in texts(
        html.select(".compare__empty")
    )
    table = html.select_one("#compare-investigations")
    assert texts(table.select("thead th")) == [
        "Year",
        "Thailand",
        "East Asia and Pacific (all countries)",
    ]
    row = texts(table.select("tbody tr"))[0]
    assert row.startswith("2006 not reported 27 in total (1 country reporting) Note ")
    tier_row = texts(html.select_one("#compare-tier").select("tbody tr"))[0]
    assert tier_row.startswith("2007 not reported Tier 2: 1 country Note ")


@pytest.mark.django_db
def test_csv_has_the_figures_download_columns_and_both_sources(client, thai_test_figures):
    response = client.get(
        "/countries/compare/csv/", {"c": ["la", "th"], "indicator": "investigations"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="compare-la-th.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == dataset.csv_columns(dataset.FIGURE_FIELDS)
    assert [(r["country_iso2"], r["year"], r["value"], r["source_title"]) for r in rows] == [
        ("LA", "2006", "31", "Test NGO monitor 2006"),
        ("LA", "2006", "27", "Trafficking in Persons Report 2007"),
        ("TH", "2005", "40", "Test Thai report 2007"),
        ("TH", "2006", "50", "Test Thai report 2007"),
    ]
    since = client.get(
        "/countries/compare/csv/", {"c": ["la", "th"], "since": "2006", "until": "2006"}
    )
    assert {r["year"] for r in csv.DictReader(io.StringIO(since.content.decode()))} == {"2006"}
    document = client.get("/countries/compare/json/", {"c": ["la", "th"]}).json()
    assert [c["iso2"] for c in document["countries"]] == ["LA", "TH"]


@pytest.mark.django_db
def test_the_comparison_is_a_valid_dataset_in_json_ld(client, thai_test_figures):
    html = soup(client.get(COMPARE, {"c": ["la", "th"]}))
    data = json.loads(
        html.select_one(
            "main ~ script[type='application/ld+json'], head script[type='application/ld+json']"
        ).string
    )
    assert data["@type"] == "Dataset"
    expanded = expand_offline({k: v for k, v in data.items() if k != "@context"})[0]
    assert expanded["@type"] == ["http://schema.org/Dataset"]
    urls = sorted(
        d["http://schema.org/contentUrl"][0]["@value"]
        for d in expanded["http://schema.org/distribution"]
    )
    assert urls == [
        "http://testserver/countries/compare/csv/?c=la&c=th",
        "http://testserver/countries/compare/json/?c=la&c=th",
    ]
    assert data["temporalCoverage"] == "2005/2007"
    assert [p["identifier"] for p in data["spatialCoverage"]] == ["LA", "TH"]
    assert data["license"] and data["creator"]["@type"] == "Organization"
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"c": ["la", "xx"]}, "Unknown country code: xx. Use two-letter codes such as la or th."),
        ({"c": ["la", "<script>"]}, "Unknown country code: <script>."),
        ({"c": "la"}, "Choose at least two countries, or a country and a region."),
        (
            {"c": ["la", "th", "vn", "kh", "mm"]},
            "Compare at most 4 countries (a region counts as one).",
        ),
        ({"c": ["la", "th", "vn", "kh"], "region": "europe"}, "Compare at most 4 countries"),
        ({"c": ["la", "th"], "since": "9" * 40}, "“since” must be a year between 1900 and 2100."),
        ({"c": ["la", "th"], "until": "-5"}, "“until” must be a year between 1900 and 2100."),
        (
            {"c": ["la", "th"], "since": "2007", "until": "2006"},
            "The first year comes after the last.",
        ),
        ({"c": ["la", "th"], "region": "atlantis"}, "Unknown region: atlantis."),
        ({"c": ["la", "th"], "indicator": "x" * 5000}, "Unknown indicator: " + "x" * 40 + "."),
        ({"c": ["la"] * 500}, "This address asks for too much; choose two to four countries."),
    ],
)
def test_bad_input_gets_a_clear_message(client, demo_site, query, message):
    response = client.get(COMPARE, query)
    assert response.status_code == 400
    html = soup(response, status=None)
    errors = " ".join(texts(html.select("#compare-errors li")))
    assert message in errors
    assert not html.select("#comparison")
    download = client.get("/countries/compare/csv/", query)
    assert download.status_code == 400 and message in download.content.decode()


def queries_for(client, query: dict) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(COMPARE, query).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_query_budget(client, thai_test_figures):
    client.get(COMPARE)  # warm the caches (content types, locales)
    chrome = queries_for(client, {})
    two = queries_for(client, {"c": ["la", "th"]})
    most = queries_for(client, {"c": ["la", "th", "vn"], "region": "east-asia-pacific"})
    assert two - chrome <= QUERY_BUDGET
    assert most - chrome <= QUERY_BUDGET
    assert most <= two + 2, "no queries per column"


@pytest.mark.django_db
def test_without_a_choice_the_page_shows_the_form(client, demo_site):
    html = soup(client.get(COMPARE))
    assert len(html.select("select[name=c]")) == 4
    assert not html.select("#compare-errors") and not html.select("#comparison")


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang"), [("/lo", "lo"), ("/th", "th")])
def test_in_every_language(client, demo_site, prefix, lang):
    html = soup(client.get(f"{prefix}/countries/compare/", {"c": ["la", "th"]}))
    assert html.html["lang"] == lang
    assert html.select_one("form.compare__form")["action"] == f"{prefix}/countries/compare/"
    assert html.select_one("#compare-tier")
    # Country names are in the reader's language (the page's strings are translatable; the
    # catalogues are filled in at release).
    columns = texts(html.select("#compare-tier thead th"))[1:]
    thailand = Country.objects.get(iso2="TH")
    with translation.override(lang):
        assert columns[1] == thailand.display_name != "Thailand"
