"""/updates/: newest first, filters by country, topic and year; each update's page and metadata."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from portal.testing import build
from portal.testing.html import card_titles
from portal.updates.models import UpdatePage
from portal.updates.wagtail_hooks import new_updates, updates_about_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(site_tree):
    build.update("Law passed", date=date(2025, 12, 1), countries=["LA"], topics=["legislation"])
    build.update("Boats inspected", date=date(2026, 2, 1), countries=["TH"], topics=["fishing"])
    build.update(
        "Shelter opens",
        date=date(2026, 3, 1),
        countries=["LA"],
        topics=["protection"],
        source_publication="Vientiane Times",
        source_url="https://example.org/shelter",
    )


def titles(client, query: str = "") -> list[str]:
    return card_titles(client, f"/updates/{query}")


@pytest.mark.smoke
def test_newest_first_and_filters_combine(client, news):
    assert titles(client) == ["Shelter opens", "Boats inspected", "Law passed"]
    assert titles(client, "?country=la") == ["Shelter opens", "Law passed"]
    assert titles(client, "?country=la&year=2026") == ["Shelter opens"]
    assert titles(client, "?country=la&topic=fishing") == []
    assert titles(client, "?year=2025&topic=legislation") == ["Law passed"]
    assert titles(client, "?sort=title") == ["Boats inspected", "Law passed", "Shelter opens"]


def test_update_page_has_date_source_and_article_metadata(client, news):
    html = BeautifulSoup(client.get("/updates/shelter-opens/").content, "html.parser")
    assert html.select_one(".item__date time")["datetime"] == "2026-03-01"
    source = html.select_one(".item__source a")
    assert (
        source["href"] == "https://example.org/shelter" and source.get_text() == "Vientiane Times"
    )
    assert (
        html.select_one("link[rel=canonical]")["href"] == "http://localhost/updates/shelter-opens/"
    )
    og = {m["property"]: m["content"] for m in html.select("meta[property^='og:']")}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Shelter opens"
    assert og["og:url"] == "http://localhost/updates/shelter-opens/"
    assert og["og:description"] == "News: Shelter opens."
    assert html.select_one("meta[name=description]")["content"] == "News: Shelter opens."
    data = json.loads(html.select_one("script[type='application/ld+json']").string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Shelter opens"
    assert data["datePublished"] == "2026-03-01T00:00:00+00:00"
    assert data["isBasedOn"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/shelter",
        "publisher": "Vientiane Times",
    }


def test_json_ld_cannot_break_out_of_its_script(client, site_tree):
    build.update("Bad </script><script>alert(1)</script> title", summary="a & b")
    page = UpdatePage.objects.get()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["headline"] == "Bad </script><script>alert(1)</script> title"


def test_country_panel_and_digest(rf, news):
    html = BeautifulSoup(updates_about_country(build.country("LA"), rf.get("/")), "html.parser")
    assert [a.get_text() for a in html.select("li a")] == ["Shelter opens", "Law passed"]
    assert html.select_one("li time")["datetime"] == "2026-03-01"
    assert html.find("a", string="All updates about Lao PDR")["href"] == "/updates/?country=la"
    assert updates_about_country(build.country("KH"), rf.get("/")) is None

    now = datetime.now(UTC)
    UpdatePage.objects.filter(slug="law-passed").update(first_published_at=now - timedelta(days=9))
    items = list(new_updates(now - timedelta(days=7), now + timedelta(minutes=1)))
    assert sorted(i.title for i in items) == ["Boats inspected", "Shelter opens"]
    assert {i.kind for i in items} == {"update"}
