"""Each endpoint, its filters and its pages, on the demo site and on small sites built here."""

import uuid
from datetime import date

import pytest

from portal.testing import build

from .helpers import all_items, get_json, relative

pytestmark = pytest.mark.django_db

LISTS = [
    "countries",
    "figures",
    "flows",
    "sources",
    "resources",
    "organizations",
    "updates",
    "events",
    "topics",
]


@pytest.mark.smoke
def test_the_root_lists_every_endpoint(client, demo_site):
    index = get_json(client, "/api/v1/")
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["bulk_downloads"] == "http://testserver/data/"
    assert set(LISTS) | {"search"} <= set(index["endpoints"])
    for name, url in index["endpoints"].items():
        target = relative(url) + ("?q=labour" if name == "search" else "")
        assert get_json(client, target)["count"] > 0, name  # the demo has some of each


@pytest.mark.parametrize("name", LISTS)
def test_each_list_and_each_item(client, demo_site, name):
    page = get_json(client, f"/api/v1/{name}?limit=5")
    assert page["count"] > 0
    for item in page["items"]:
        assert item["id"] and item["api_url"].startswith("http://testserver/api/v1/")
        assert item["url"] is None or item["url"].startswith("http://testserver/")
        assert "last_modified" in item
        # The item's own address returns the same item.
        assert get_json(client, relative(item["api_url"])) == item


def test_identifiers_are_stable_never_database_ids(client, demo_site):
    for item in all_items(client, "/api/v1/figures?limit=100"):
        uuid.UUID(item["id"])
        uuid.UUID(item["source"]["id"])
    for item in all_items(client, "/api/v1/resources?limit=100"):
        uuid.UUID(item["id"])
    countries = all_items(client, "/api/v1/countries?limit=100")
    assert {c["id"] for c in countries} >= {"LA", "TH", "VN"}
    assert all(len(c["id"]) == 2 for c in countries)


def test_country_with_roles_forms_sectors_and_its_figures_by_year(client, demo_site):
    lao = get_json(client, "/api/v1/countries/la")
    assert lao["name"] == "Lao PDR" and lao["has_profile"] is True
    assert set(lao["roles"]) >= {"source", "destination"}
    assert "forced-labour" in lao["forms"] and "fishing" in lao["sectors"]
    assert lao["url"] == "http://testserver/countries/la/"
    figures = get_json(client, relative(lao["figures_api_url"]) + "?year=2006&limit=100")
    assert figures["count"] > 0
    assert {f["year"] for f in figures["items"]} == {2006}
    assert {f["country_iso2"] for f in figures["items"]} == {"LA"}


def test_every_figure_and_flow_carries_its_source(client, demo_site):
    for name in ("figures", "flows"):
        for item in all_items(client, f"/api/v1/{name}?limit=100"):
            source = item["source"]
            assert source["title"] and source["slug"]
            assert source["page"] == f"http://testserver/sources/{source['slug']}/"


def test_figure_and_flow_filters(client, demo_site):
    arrests = get_json(client, "/api/v1/figures?country=LA&indicator=arrests&limit=100")
    assert arrests["count"] >= 1
    assert {f["indicator"] for f in arrests["items"]} == {"arrests"}
    assert get_json(client, "/api/v1/figures?region=europe")["count"] == 0
    flows = all_items(client, "/api/v1/flows?country=th&limit=100")
    assert flows
    for flow in flows:
        route = {flow["origin_iso2"], flow["destination_iso2"], *flow["transit_iso2"]}
        assert "TH" in route
    assert get_json(client, "/api/v1/flows?region=western-hemisphere")["count"] == 0
    future = "2999-01-01T00:00:00Z"
    assert get_json(client, f"/api/v1/figures?updated_since={future}")["count"] == 0


def test_country_filters(client, demo_site):
    europe = all_items(client, "/api/v1/countries?region=europe&limit=100")
    assert europe and {c["region"] for c in europe} == {"europe"}
    sources = all_items(client, "/api/v1/countries?role=source&limit=100")
    assert "LA" in {c["id"] for c in sources}
    assert all("source" in c["roles"] for c in sources)
    fishing = get_json(client, "/api/v1/countries?sector=fishing&limit=100")
    assert "LA" in {c["id"] for c in fishing["items"]}


def test_page_filters_mean_what_the_site_listings_mean(client, site_tree):
    build.resource(
        "Anti-Trafficking Law",
        resource_type="law",
        year=2015,
        countries=["LA"],
        topics=["legislation"],
        languages=[build.language("lo", "Lao")],
    )
    build.resource("Mekong report", resource_type="report", year=2010, countries=["TH"])
    build.update("Raid in Bangkok", countries=["TH"], date=date(2024, 3, 1))
    build.event("Regional workshop", start_date=date(2001, 5, 1), countries=["VN"])

    def titles(url):
        return [i["title"] for i in all_items(client, url)]

    assert titles("/api/v1/resources") == ["Anti-Trafficking Law", "Mekong report"]
    assert titles("/api/v1/resources?type=law") == ["Anti-Trafficking Law"]
    assert titles("/api/v1/resources?country=th") == ["Mekong report"]
    assert titles("/api/v1/resources?topic=legislation") == ["Anti-Trafficking Law"]
    assert titles("/api/v1/resources?year=2010") == ["Mekong report"]
    assert titles("/api/v1/resources?language=lo") == ["Anti-Trafficking Law"]
    assert titles("/api/v1/resources?region=east-asia-pacific") == [
        "Anti-Trafficking Law",
        "Mekong report",
    ]
    assert titles("/api/v1/updates?year=2024&country=TH") == ["Raid in Bangkok"]
    assert titles("/api/v1/updates?year=2023") == []
    assert titles("/api/v1/events?when=past") == ["Regional workshop"]
    assert titles("/api/v1/events?when=upcoming") == []
    assert titles("/api/v1/resources?updated_since=2999-01-01T00:00:00") == []
    assert len(titles("/api/v1/resources?updated_since=2000-01-01T00:00:00")) == 2


def test_pages_in_another_language_fall_back_to_english(client, demo_site):
    english = get_json(client, "/api/v1/resources?limit=100")
    lao = get_json(client, "/api/v1/resources?lang=lo&limit=100")
    assert {i["id"] for i in lao["items"]} == {i["id"] for i in english["items"]}
    assert {i["language"] for i in english["items"]} == {"en"}


def test_pagination_is_stable_and_complete(client, demo_site):
    everything = get_json(client, "/api/v1/countries?limit=100&offset=0")
    walked = all_items(client, "/api/v1/countries?limit=7")
    assert len(walked) == everything["count"]
    assert [c["id"] for c in walked] == sorted(c["id"] for c in walked)
    assert len({c["id"] for c in walked}) == len(walked)
    second = get_json(client, "/api/v1/countries?limit=7&offset=7")
    assert second["previous"] == "http://testserver/api/v1/countries?limit=7"
    assert second["next"] == "http://testserver/api/v1/countries?limit=7&offset=14"
    assert [c["id"] for c in second["items"]] == [c["id"] for c in walked[7:14]]
    beyond = get_json(client, "/api/v1/countries?offset=100000")
    assert beyond["items"] == [] and beyond["next"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=ten"])
def test_page_size_is_bounded(client, demo_site, query):
    response = client.get(f"/api/v1/countries?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Invalid request:")
    assert body["errors"][0]["parameter"] in ("limit", "offset")


def test_topics(client, demo_site):
    forms = get_json(client, "/api/v1/topics?kind=form&limit=100")
    assert forms["count"] > 0 and {t["kind"] for t in forms["items"]} == {"form"}
    topic = get_json(client, "/api/v1/topics/forced-labour")
    assert topic["name"] == "Forced labour"
    assert topic["url"] == "http://testserver/topics/forced-labour/"


def test_search_uses_the_site_search(client, demo_site):
    results = get_json(client, "/api/v1/search?q=labour&limit=5")
    assert results["count"] > 0
    for item in results["items"]:
        assert item["url"].startswith("http://testserver/")
    resources = get_json(client, "/api/v1/search?q=labour&type=resource")
    assert {i["type"] for i in resources["items"]} == {"resource"}
    for item in resources["items"]:
        assert get_json(client, relative(item["api_url"]))["id"] == item["id"]
    response = client.get("/api/v1/search?q=-only")
    assert response.status_code == 400
    assert "only excludes" in response.json()["detail"]
