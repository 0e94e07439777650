"""Editions: gathering from the hook, editors' choices, interest matching, the email itself and
the archive."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from portal.newsletter import sending
from portal.newsletter.gathering import gather
from portal.newsletter.models import Edition, EditionTranslation

from .conftest import digest_item

pytestmark = pytest.mark.django_db


def send_all(edition: Edition) -> sending.RunResult:
    sending.start_sending(edition)
    return sending.run(edition.pk)


def titles(message) -> list[str]:
    soup = BeautifulSoup(message.html(), "html.parser")
    return [a.text for a in soup.select("h2 ~ p > a, p > a") if a.text.startswith("Item")]


def test_gathering_merges_languages_and_keeps_editors_choices(digest_items, site_tree):
    digest_items += [
        digest_item("a", countries=("la",), topics=("fishing",)),
        digest_item("a", language="lo", title="ລາວ a", url="/lo/updates/a/"),
        digest_item("b", kind="event"),
        digest_item("old", published_at=timezone.now() - timedelta(days=60)),
    ]
    edition = Edition.objects.create(subject="One", intro="<p>Hi</p>")
    assert gather(edition) == 2
    item_a, item_b = edition.items.order_by("sort_order")
    assert item_a.countries == ["LA"] and item_a.topics == ["fishing"]
    assert item_a.in_language("lo")["title"] == "ລາວ a"
    assert item_a.in_language("th")["title"] == "Item a"  # no Thai version: the English one
    assert not item_a.for_everyone
    assert item_b.for_everyone  # unclassified: nothing to match, so everyone gets it

    item_b.delete()  # the editor removed it
    digest_items.append(digest_item("c", published_at=timezone.now()))
    assert gather(edition) == 1
    assert sorted(edition.items.values_list("key", flat=True)) == ["a", "c"]


def test_next_edition_starts_where_the_previous_window_ended(digest_items, make_edition):
    digest_items.append(digest_item("first"))
    first = make_edition()
    send_all(first)
    digest_items.append(digest_item("second", published_at=timezone.now()))
    second = make_edition()
    assert list(second.items.values_list("key", flat=True)) == ["second"]


def test_a_failing_provider_does_not_stop_gathering(digest_items, site_tree):
    from wagtail import hooks

    from portal.core.hooks import DIGEST_ITEMS_HOOK

    def broken(since, until):
        raise RuntimeError("provider bug")

    digest_items.append(digest_item("ok"))
    with hooks.register_temporarily(DIGEST_ITEMS_HOOK, broken):
        edition = Edition.objects.create(subject="S", intro="<p>x</p>")
        assert gather(edition) == 1


def test_interest_matching(
    smtp_server, digest_items, make_edition, make_subscriber, countries, topics
):
    digest_items += [
        digest_item("lao", countries=("LA",)),
        digest_item("fish", topics=("fishing",)),
        digest_item("kids", topics=("children",)),
        digest_item("all", countries=("KH",)),
    ]
    edition = make_edition()
    edition.items.filter(key="all").update(for_everyone=True)
    make_subscriber("everything@example.org")
    make_subscriber("laos@example.org", countries=[countries["LA"]])
    make_subscriber("fish@example.org", topics=[topics["fishing"]])
    make_subscriber("thai@example.org", countries=[countries["TH"]])
    # A Lao reader who chose "children": matches the English slug through the translation key.
    lao_topic = topics["children"].get_translation(
        __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code="lo")
    )
    make_subscriber("kids@example.org", topics=[lao_topic], language="lo")

    assert send_all(edition).outcome == sending.Outcome.FINISHED
    got = {m.envelope_to[0]: set(titles(m)) for m in smtp_server.messages}
    assert got == {
        "everything@example.org": {"Item lao", "Item fish", "Item kids", "Item all"},
        "laos@example.org": {"Item lao", "Item all"},
        "fish@example.org": {"Item fish", "Item all"},
        "thai@example.org": {"Item all"},
        "kids@example.org": {"Item kids", "Item all"},
    }
    thai = smtp_server.to("thai@example.org")[0]
    assert "web version has all 4 items" in thai.text()


def test_the_email_html_text_headers_and_size(
    smtp_server, digest_items, make_edition, make_subscriber, newsletter_page
):
    digest_items += [digest_item("a", summary="A <b>bold</b> claim & more")]
    edition = make_edition(
        intro='<p>Read <a href="/about-us/">about us</a>.</p><p>.NET lines keep their dot</p>'
    )
    subscriber = make_subscriber("reader@example.org")
    send_all(edition)
    [message] = smtp_server.messages
    assert message.subject == "November news"
    html = message.html()
    text = message.text()
    assert len(message.raw) < 30_000, "the whole message stays small"
    assert "<table" in html and 'style="' in html and "<style" not in html
    assert "<link" not in html and "<script" not in html
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; more" in html  # escaped, never injected
    assert 'href="http://testserver/about-us/"' in html  # absolute links
    assert "about us (http://testserver/about-us/)" in text
    assert "\n.NET lines keep their dot" in text.replace("\r\n", "\n")  # dot-stuffing
    assert "A <b>bold</b> claim & more" in text
    assert "http://testserver/updates/a/" in text
    # The web version and the personal links.
    assert f"http://testserver/newsletter/archive/{edition.number}/" in text
    unsubscribe = message.header("List-Unsubscribe").strip()
    assert unsubscribe.startswith("<http://testserver/newsletter/unsubscribe/")
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html
    assert message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert message.header("List-Id") == "<newsletter.testserver>"
    assert subscriber.email == "reader@example.org"


def test_subscribers_get_the_translation_in_their_language(
    smtp_server, digest_items, make_edition, make_subscriber
):
    digest_items += [
        digest_item("a"),
        digest_item("a", language="th", title="ข่าว a", url="/th/updates/a/"),
    ]
    edition = make_edition()
    EditionTranslation.objects.create(
        edition=edition, language="th", subject="ข่าวเดือนพฤศจิกายน", intro="<p>สวัสดี</p>"
    )
    make_subscriber("en@example.org")
    make_subscriber("th@example.org", language="th")
    make_subscriber("lo@example.org", language="lo")
    send_all(edition)
    thai = smtp_server.to("th@example.org")[0]
    assert thai.subject.strip() == "ข่าวเดือนพฤศจิกายน"
    assert "ข่าว a" in thai.html() and "สวัสดี" in thai.html()
    assert "http://testserver/th/updates/a/" in thai.text()
    assert smtp_server.to("en@example.org")[0].subject == "November news"
    # No Lao translation: the English subject, and the chrome in Lao where translated.
    assert smtp_server.to("lo@example.org")[0].subject == "November news"


def test_archive_lists_sent_editions_only(client, newsletter_page, digest_items, make_edition):
    digest_items.append(digest_item("a", title="Workshop in Vientiane"))
    sent = make_edition(subject="October")
    send_all(sent)  # no subscribers: finished at once
    draft = make_edition(subject="Draft in progress")
    archive = client.get("/newsletter/archive/")
    assert archive.status_code == 200
    body = archive.content.decode()
    assert "October" in body and "Draft in progress" not in body
    page = client.get(f"/newsletter/archive/{sent.number}/")
    assert page.status_code == 200
    assert "Workshop in Vientiane" in page.content.decode()
    assert client.get(f"/newsletter/archive/{draft.number}/").status_code == 404
    assert "Set-Cookie" not in page.headers  # readers of the archive get no cookie


def test_n_subscribers_get_exactly_n_messages(
    smtp_server, digest_items, make_edition, make_subscriber
):
    digest_items.append(digest_item("a"))
    edition = make_edition()
    for n in range(11):  # three batches of four
        make_subscriber(f"reader{n}@example.org")
    make_subscriber("pending@example.org", status="pending")
    make_subscriber("left@example.org", status="unsubscribed")
    assert send_all(edition).outcome == sending.Outcome.FINISHED
    recipients = [m.envelope_to[0] for m in smtp_server.messages]
    assert sorted(recipients) == sorted(f"reader{n}@example.org" for n in range(11))
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert edition.progress() == {
        "total": 11,
        "sent": 11,
        "failed": 0,
        "uncertain": 0,
        "skipped": 0,
        "remaining": 0,
    }
    # Running again sends nothing.
    assert sending.run(edition.pk).outcome == sending.Outcome.NOT_SENDING
    assert len(smtp_server.messages) == 11


def test_addresses_with_international_domains(
    smtp_server, digest_items, make_edition, make_subscriber
):
    digest_items.append(digest_item("a"))
    make_subscriber("reader@exämple.org")
    make_subscriber("plain@example.org")
    assert send_all(make_edition()).outcome == sending.Outcome.FINISHED
    idn = smtp_server.to("reader@xn--exmple-cua.org")
    assert len(idn) == 1 and "Item a" in idn[0].text()
    assert len(smtp_server.to("plain@example.org")) == 1


def test_messages_come_from_the_group_template(digest_items, make_edition, make_subscriber):
    """Every ASCII address takes the fast path (template and byte replacement), whatever
    characters its signed token has; the result is a complete, personal message."""
    import email

    from portal.newsletter.rendering import NO_INTERESTS
    from portal.newsletter.sending import MessageFactory

    digest_items.append(digest_item("a"))
    edition = make_edition()
    readers = [make_subscriber(f"reader{n}@example.org") for n in range(40)]
    factory = MessageFactory(edition)
    factory.build(readers[0], NO_INTERESTS, 1)  # renders the group's template

    def no_full_build(*args, **kwargs):
        raise AssertionError("a message was built in full")

    factory.full_message = no_full_build
    for n, reader in enumerate(readers):
        message = email.message_from_bytes(factory.build(reader, NO_INTERESTS, n))
        assert message["To"] == reader.email
        links = factory.links(reader)
        assert message["List-Unsubscribe"] == f"<{links['unsubscribe_url']}>"
        assert links["preferences_url"].encode() in message.as_bytes()


def test_items_from_the_portals_own_providers(smtp_server, site_tree, make_subscriber):
    """Updates and resources register DIGEST_ITEMS_HOOK providers: an edition gathers what was
    published since the previous one and each reader gets what matches."""
    from portal.testing import build

    build.update("Shelter opens in Savannakhet", countries=["LA"], topics=["protection"])
    build.resource("Fishing fleet inspection report", countries=["TH"], topics=["fishing"])
    edition = Edition.objects.create(subject="December", intro="<p>News.</p>")
    gather(edition)
    gathered = {item.title: item for item in edition.items.all()}
    assert set(gathered) >= {"Shelter opens in Savannakhet", "Fishing fleet inspection report"}
    shelter = gathered["Shelter opens in Savannakhet"]
    assert shelter.kind == "update" and shelter.countries == ["LA"]
    assert shelter.url.startswith("/updates/")

    make_subscriber("laos@example.org", countries=[build.country("LA")])
    make_subscriber("fish@example.org", topics=[build.topic("fishing")])
    send_all(edition)
    laos = smtp_server.to("laos@example.org")[0].text()
    fish = smtp_server.to("fish@example.org")[0].text()
    assert "Shelter opens in Savannakhet" in laos and "Fishing fleet" not in laos
    assert "Fishing fleet inspection report" in fish and "Shelter opens" not in fish
    assert "http://testserver/updates/shelter-opens-in-savannakhet/" in laos
