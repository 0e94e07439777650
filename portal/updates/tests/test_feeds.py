"""RSS 2.0 and Atom feeds of updates: all, per country, per topic. Parsed with feedparser, the
way a reader's feed software would, checking every required element."""

from datetime import UTC, date, datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from portal.testing import build

pytestmark = pytest.mark.django_db

TRICKY_TITLE = 'Fish & ships: "<b>bold</b>" claims'


@pytest.fixture
def news(site_tree):
    build.update(
        "Lao court convicts recruiters",
        date=date(2026, 10, 20),
        countries=["LA"],
        topics=["prosecution"],
        source_publication="Vientiane Times",
        source_url="https://example.org/vt",
        first_published_at=datetime(2026, 10, 20, 8, 30, tzinfo=UTC),
    )
    build.update(
        TRICKY_TITLE,
        summary="Boats <script>alert(1)</script> & crews",
        date=date(2026, 11, 2),
        countries=["TH"],
        topics=["fishing", "forced-labour"],
        first_published_at=datetime(2026, 11, 5, 9, 0, tzinfo=UTC),
    )
    build.update(
        "Regional meeting", date=date(2026, 9, 1), countries=["LA", "TH"], topics=["fishing"]
    )


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # well-formed XML
    return response, feed


def test_rss_feed_has_every_required_element(client, news):
    response, feed = parse(client, "/feeds/updates.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Anti-Trafficking Portal: updates"
    assert feed.feed.link == "http://testserver/updates/"
    assert feed.feed.description
    assert feed.feed.language == "en"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://testserver/feeds/updates.rss"]
    assert [e.title for e in feed.entries] == [
        TRICKY_TITLE,
        "Lao court convicts recruiters",
        "Regional meeting",
    ]
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/updates/")
        assert entry.id.startswith("urn:uuid:") and entry.guidislink is False
        assert entry.published_parsed and entry.summary
    assert len({e.id for e in feed.entries}) == 3
    tricky = feed.entries[0]
    # The update's own date; the moment of publication when it was published that same day.
    assert tricky.published == "Mon, 02 Nov 2026 00:00:00 +0000"
    assert feed.entries[1].published == "Tue, 20 Oct 2026 08:30:00 +0000"
    assert {t.term for t in tricky.tags} == {"Fishing", "Forced labour"}
    # Escaped, never interpreted: the markup in the title and summary comes back as text.
    raw = response.content.decode()
    assert "<script>" not in raw and "&amp;lt;script&amp;gt;" in raw
    assert BeautifulSoup(tricky.summary, "html.parser").get_text() == (
        "Boats <script>alert(1)</script> & crews"
    )


def test_atom_feed_has_every_required_element(client, news):
    response, feed = parse(client, "/feeds/updates.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    assert feed.feed.id and feed.feed.updated_parsed
    assert feed.feed.title == "Anti-Trafficking Portal: updates"
    assert feed.feed.author == "Anti-Trafficking Portal"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "alternate": "http://testserver/updates/",
        "self": "http://testserver/feeds/updates.atom",
    }
    assert feed.feed.subtitle
    rss_ids = [e.id for e in parse(client, "/feeds/updates.rss")[1].entries]
    assert [e.id for e in feed.entries] == rss_ids  # same item, same id in both formats
    for entry in feed.entries:
        assert entry.title and entry.link and entry.summary
        assert entry.updated_parsed and entry.published_parsed
    assert feed.entries[0].title == TRICKY_TITLE
    summary = BeautifulSoup(feed.entries[0].summary, "html.parser").get_text()
    assert summary == "Boats <script>alert(1)</script> & crews"


def test_country_and_topic_feeds_select_their_updates(client, news):
    _, lao = parse(client, "/feeds/countries/la/updates.rss")
    assert lao.feed.title == "Anti-Trafficking Portal: updates about Lao PDR"
    assert lao.feed.link == "http://testserver/updates/?country=la"
    assert [e.title for e in lao.entries] == ["Lao court convicts recruiters", "Regional meeting"]
    _, fishing = parse(client, "/feeds/topics/fishing/updates.atom")
    assert fishing.feed.title == "Anti-Trafficking Portal: updates on Fishing"
    assert [e.title for e in fishing.entries] == [TRICKY_TITLE, "Regional meeting"]
    self_link = [link.href for link in fishing.feed.links if link.rel == "self"]
    assert self_link == ["http://testserver/feeds/topics/fishing/updates.atom"]
    build.country("KH")  # a country with no updates has a valid, empty feed
    _, empty = parse(client, "/feeds/countries/kh/updates.rss")
    assert empty.entries == []
    assert client.get("/feeds/countries/zz/updates.rss").status_code == 404
    assert client.get("/feeds/countries/LA/updates.rss").status_code == 404
    assert client.get("/feeds/topics/no-such-topic/updates.atom").status_code == 404


def test_unpublished_updates_stay_out_of_feeds(client, news):
    from portal.updates.models import UpdatePage

    UpdatePage.objects.get(slug="regional-meeting").unpublish()
    _, feed = parse(client, "/feeds/updates.rss")
    assert "Regional meeting" not in [e.title for e in feed.entries]


def test_pages_advertise_their_feeds(client, news):
    def alternates(url: str) -> dict:
        html = BeautifulSoup(client.get(url).content, "html.parser")
        # Feeds only: the other alternates are the page's translations (hreflang).
        return {link["href"]: link["type"] for link in html.select("link[rel=alternate][type]")}

    everything = {
        "/feeds/updates.rss": "application/rss+xml",
        "/feeds/updates.atom": "application/atom+xml",
    }
    assert alternates("/updates/") == everything
    assert alternates("/updates/regional-meeting/") == everything
    assert alternates("/updates/?country=la") == {
        "/feeds/countries/la/updates.rss": "application/rss+xml",
        "/feeds/countries/la/updates.atom": "application/atom+xml",
        **everything,
    }
    assert alternates("/countries/la/everything/") == {
        "/feeds/countries/la/updates.rss": "application/rss+xml",
        "/feeds/countries/la/updates.atom": "application/atom+xml",
    }
    assert "/feeds/topics/fishing/updates.rss" in alternates("/topics/fishing/")
    # The footer links the feed on every page.
    html = BeautifulSoup(client.get("/").content, "html.parser")
    assert html.select_one("footer a.rss-link")["href"] == "/feeds/updates.rss"
