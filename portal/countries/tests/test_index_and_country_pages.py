"""/countries/ with its filters, the basic page of a country without a profile, routing
between profiles and basic pages, and the regional flows page."""

import pytest
from django.utils import translation

from portal.countries.models import Country, CountryProfilePage
from portal.testing.html import soup, texts

pytestmark = pytest.mark.django_db


def entries(html) -> dict[str, str]:
    return {
        item.select_one(".country-list__name").get_text(): " ".join(item.get_text(" ").split())
        for item in html.select(".country-list__item")
    }


@pytest.mark.smoke
def test_index_groups_all_countries_by_region_with_roles_and_tier(client, lao_site):
    html = soup(client.get("/countries/"))
    assert texts(html.select(".country-region h2")) == [
        "Africa",
        "East Asia and Pacific",
        "Europe",
        "Near East",
        "South and Central Asia",
        "Western Hemisphere",
    ]
    listed = entries(html)
    assert len(listed) == 201
    assert listed["Lao PDR"] == (
        "Lao PDR profile Source Transit Destination Internal trafficking Tier 2 (2007)"
    )
    assert listed["Thailand"] == "Thailand"
    assert html.find("a", string="Lao PDR")["href"] == "/countries/la/"
    assert html.find("a", string="Thailand")["href"] == "/countries/th/"
    assert html.find("a", string="Trafficking flows in East Asia and Pacific")["href"] == (
        "/countries/regions/east-asia-pacific/"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=east-asia-pacific", 33),
        ("role=transit", 1),
        ("tier=tier-2", 1),
        ("tier=tier-3", 0),
        ("tier=none", 200),
        ("region=africa&role=source", 0),
    ],
)
def test_index_filters(client, lao_site, query, expected):
    html = soup(client.get(f"/countries/?{query}"))
    assert len(entries(html)) == expected
    assert html.select_one(".notice--error") is None


def test_index_filter_with_unknown_values_says_so_and_shows_everything(client, lao_site):
    html = soup(client.get("/countries/?region=atlantis&tier=5"))
    assert "not understood" in html.select_one(".notice--error").get_text()
    assert len(entries(html)) == 201


def test_basic_page_of_a_country_without_profile(client, lao_site):
    html = soup(client.get("/countries/th/"))
    assert html.h1.get_text() == "Thailand"
    assert "no profile of Thailand yet" in html.select_one(".lede").get_text()
    assert texts(html.select(".flow-table tbody th")) == [
        "Into: Lao PDR → Thailand Note 1",
        "Into: Myanmar → via Lao PDR → Thailand Note 2",
        "Into: Viet Nam → via Lao PDR → Thailand Note 2",
    ]
    assert html.select_one("svg.flow-map__svg") is not None
    assert "No figures have been recorded" in html.select_one("#figures").get_text()
    # The data notes start at 1 on a page without narrative.
    assert [li["id"] for li in html.select(".notes__item")] == ["note-1", "note-2"]
    downloads = [a["href"] for a in html.select(".downloads__list a")]
    assert downloads == [
        "/countries/th/csv/figures/",
        "/countries/th/csv/flows/",
        "/countries/th/json/",
    ]


def test_profile_wins_over_basic_page_until_unpublished(client, lao_profile):
    assert soup(client.get("/countries/la/")).select(".country__narrative section")
    lao_profile.unpublish()
    html = soup(client.get("/countries/la/"))
    assert html.select(".country__narrative") == []
    assert "no profile of Lao PDR yet" in html.select_one(".lede").get_text()
    # The index then links the basic page and no longer marks a profile.
    index = soup(client.get("/countries/"))
    assert "profile" not in entries(index)["Lao PDR"]


def test_unknown_country_and_region_are_not_found(client, lao_site):
    assert client.get("/countries/xx/").status_code == 404
    assert client.get("/countries/regions/atlantis/").status_code == 404
    assert client.get("/countries/xx/csv/figures/").status_code == 404


def test_regional_flows_page(client, lao_site):
    html = soup(client.get("/countries/regions/east-asia-pacific/"))
    assert html.h1.get_text() == "Trafficking flows in East Asia and Pacific"
    assert len(html.select(".flow-table tbody tr")) == 6
    assert len(html.select("svg.flow-map__svg path.flow-map__arrow")) == 6
    assert len(html.select(".region-countries li")) == 33
    empty = soup(client.get("/countries/regions/europe/"))
    assert "No trafficking flows have been recorded yet." in empty.get_text()


def test_country_names_in_lao_and_thai(lao_site):
    laos = Country.objects.get(iso2="LA")
    assert laos.display_name == "Lao PDR"
    with translation.override("lo"):
        assert laos.display_name == "ລາວ"
    with translation.override("th"):
        assert Country.objects.get(iso2="MM").display_name == "พม่า"


def test_profiles_are_only_created_under_the_index(lao_site):
    assert CountryProfilePage.parent_page_types == ["countries.CountryIndexPage"]
    assert CountryProfilePage.objects.count() == 1
