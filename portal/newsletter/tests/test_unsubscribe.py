"""Unsubscribing in one click (the page's button and RFC 8058's POST) and the preferences page."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from portal.newsletter import sending
from portal.newsletter.models import Subscriber
from portal.newsletter.subscriptions import manage_links

from .conftest import digest_item
from .helpers import link_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(smtp_server, digest_items, make_edition, make_subscriber, newsletter_page):
    """A subscriber and the edition email they received."""
    digest_items.append(digest_item("a"))
    subscriber = make_subscriber("reader@example.org")
    edition = make_edition()
    sending.start_sending(edition)
    sending.run(edition.pk)
    [message] = smtp_server.messages
    return subscriber, message


def test_mail_client_one_click_unsubscribe(received):
    subscriber, message = received
    url = message.header("List-Unsubscribe").strip().strip("<>")
    # What a mail client sends (RFC 8058): a POST without cookies or CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url.replace("http://testserver", ""),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at
    assert Subscriber.objects.receiving().count() == 0


def test_unsubscribe_link_in_the_email_takes_one_click(received):
    subscriber, message = received
    path = link_path(message.text(), "unsubscribe")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    # Opening the link (as link scanners do) changes nothing; the page has one button.
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED
    form = BeautifulSoup(page.content, "html.parser").select_one("main form")
    assert form["method"] == "post" and len(form.select("button")) == 1
    done = client.post(path)
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_tampered_unsubscribe_link_does_nothing(received):
    subscriber, message = received
    path = link_path(message.text(), "unsubscribe")
    unsigned = path.split(":")[0] + "/"  # the id without its signature
    response = Client().post(unsigned, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    forged = path[:-6] + "AAAAA/"
    assert Client().post(forged).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED


def test_preferences_change_interests_and_resubscribe(client, received, countries):
    subscriber, message = received
    path = link_path(message.text(), "preferences")
    page = client.get(path)
    assert page.status_code == 200 and "reader@example.org" in page.content.decode()
    response = client.post(
        path, {"name": "Dara", "language": "th", "countries": [countries["KH"].pk]}
    )
    assert "Your preferences are saved." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.name == "Dara" and subscriber.language == "th"
    assert list(subscriber.countries.values_list("iso2", flat=True)) == ["KH"]

    client.post(reverse("newsletter:unsubscribe", kwargs={"token": path.split("/")[-2]}))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    client.post(path, {"name": "Dara", "language": "th", "resubscribe": "1"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED


def test_links_of_an_erased_subscriber_lead_nowhere(client, make_subscriber, newsletter_page):
    from portal.newsletter.subscriptions import erase

    subscriber = make_subscriber("gone@example.org")
    links = manage_links(subscriber)
    erase(subscriber)
    for url in links.values():
        assert client.get(url.replace("http://testserver", "")).status_code == 400
