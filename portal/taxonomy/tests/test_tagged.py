"""Everything about a country, a region or a topic, grouped by type; the topic index."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from portal.testing import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    build.topic("fishing", "Fishing", "sector")
    build.topic("forced-labour", "Forced labour", "form")
    build.resource("Lao labour law", year=2019, countries=["LA"], topics=["forced-labour"])
    build.resource(
        "Thai fishing report", year=2020, countries=["TH"], topics=["forced-labour", "fishing"]
    )
    build.organization("Lao helpline", countries=["LA"], topics=["protection"])
    build.update("Lao boats news", countries=["LA"], topics=["fishing", "forced-labour"])
    build.event("Lao workshop", start_date=date(2026, 1, 5), countries=["LA"])


def groups(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = BeautifulSoup(response.content, "html.parser")
    return {
        section.h2.contents[0].strip(): [
            a.get_text() for a in section.select(".item-card__title a")
        ]
        for section in html.select("section.tagged-group")
    }


def test_everything_about_a_country_grouped_by_type(client, content):
    assert groups(client, "/countries/la/everything/") == {
        "Resources": ["Lao labour law"],
        "Organisations": ["Lao helpline"],
        "Updates": ["Lao boats news"],
        "Events": ["Lao workshop"],
    }
    html = BeautifulSoup(client.get("/countries/la/everything/").content, "html.parser")
    assert html.h1.get_text() == "Everything about Lao PDR"
    view_all = [a["href"] for a in html.select(".tagged-group p > a")]
    assert view_all == [
        "/resources/?country=la",
        "/organizations/?country=la",
        "/updates/?country=la",
        "/events/?country=la",
    ]
    assert client.get("/countries/LA/everything/").status_code == 404
    assert client.get("/countries/zz/everything/").status_code == 404


def test_narrowing_a_country_by_topic(client, content):
    assert groups(client, "/countries/la/everything/?topic=forced-labour") == {
        "Resources": ["Lao labour law"],
        "Updates": ["Lao boats news"],
    }
    html = BeautifulSoup(
        client.get("/countries/la/everything/?topic=forced-labour").content, "html.parser"
    )
    assert html.select_one("meta[name=robots]")["content"] == "noindex, follow"
    assert html.select_one(".tagged-group p > a")["href"] == (
        "/resources/?country=la&topic=forced-labour"
    )


def test_everything_on_a_topic_and_a_region(client, content):
    assert groups(client, "/topics/forced-labour/") == {
        "Resources": ["Thai fishing report", "Lao labour law"],
        "Updates": ["Lao boats news"],
    }
    # "Forced labour in fishing": a topic narrowed by another topic.
    html = BeautifulSoup(client.get("/topics/forced-labour/").content, "html.parser")
    assert html.select_one("select[name=topic]") and html.select_one("select[name=country]")
    assert groups(client, "/topics/forced-labour/?topic=fishing") == {
        "Resources": ["Thai fishing report"],
        "Updates": ["Lao boats news"],
    }
    assert groups(client, "/topics/fishing/?country=la") == {"Updates": ["Lao boats news"]}
    assert client.get("/topics/no-such-topic/").status_code == 404
    region = groups(client, "/regions/east-asia-pacific/")
    assert region["Resources"] == ["Thai fishing report", "Lao labour law"]
    assert client.get("/regions/atlantis/").status_code == 404


def test_groups_are_paginated_separately(client, site_tree):
    for i in range(12):
        build.resource(f"Report {i:02d}", year=2000 + i, countries=["VN"])
    build.update("Only update", countries=["VN"])
    html = BeautifulSoup(client.get("/countries/vn/everything/").content, "html.parser")
    resources = html.select_one("#group-resourcepage")
    assert len(resources.select(".item-card")) == 10
    assert "(12)" in resources.h2.get_text()
    next_link = resources.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?page-resourcepage=2"
    second = groups(client, "/countries/vn/everything/" + next_link)
    assert second == {"Resources": ["Report 01", "Report 00"], "Updates": ["Only update"]}


def test_topic_index_counts_items_by_kind(client, content):
    html = BeautifulSoup(client.get("/topics/").content, "html.parser")
    sections = {s.h2.get_text(): s for s in html.select("main section")}
    forms = sections["Form of exploitation"].select("li")
    assert [li.get_text(" ", strip=True) for li in forms] == ["Forced labour (3 items)"]
    sectors = sections["Sector"].get_text(" ", strip=True)
    assert "Fishing (2 items)" in sectors
    assert sections["Regions"].find("a", string="East Asia and Pacific")["href"] == (
        "/regions/east-asia-pacific/"
    )


def test_item_pages_link_their_countries_and_topics(client, content):
    html = BeautifulSoup(client.get("/updates/lao-boats-news/").content, "html.parser")
    links = {a.get_text(): a["href"] for a in html.select(".classification a")}
    assert links == {
        "Lao PDR": "/countries/la/everything/",
        "Fishing": "/topics/fishing/",
        "Forced labour": "/topics/forced-labour/",
    }
