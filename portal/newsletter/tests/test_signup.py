"""Sign-up with double opt-in, through the real outbox and a real SMTP server."""

import time
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.urls import reverse

from portal.newsletter.models import Subscriber

from .helpers import form_data, link_path

pytestmark = pytest.mark.django_db


def test_footer_form_sends_the_address_to_the_sign_up_page_without_a_cookie(
    client, newsletter_page
):
    home = client.get("/")
    footer_form = BeautifulSoup(home.content, "html.parser").select_one(".footer-newsletter form")
    assert footer_form["method"] == "get"
    assert footer_form["action"] == reverse("newsletter:signup")
    assert "csrftoken" not in home.cookies and "Set-Cookie" not in home.headers

    page = client.get(footer_form["action"], {"email": "reader@example.org"})
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("input[name=email]")["value"] == "reader@example.org"
    assert soup.select_one("form.newsletter-form")["method"] == "post"


def test_newsletter_page_explains_and_links_the_archive(client, newsletter_page):
    response = client.get("/newsletter/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.text == "Newsletter"
    assert soup.select_one("form.newsletter-form")["action"] == reverse("newsletter:signup")
    assert soup.find("a", href="/newsletter/archive/")


@pytest.mark.smoke
def test_sign_up_confirm_and_receive(client, smtp_server, newsletter_page, countries, topics):
    response = client.post(
        reverse("newsletter:signup"),
        form_data(
            "Reader@Example.org",
            name="Noy",
            language="th",
            countries=[countries["LA"].pk],
            topics=[topics["fishing"].pk],
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_email")

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.status == Subscriber.Status.PENDING

    [message] = smtp_server.messages
    assert message.envelope_to == ["reader@example.org"]
    confirm_path = link_path(message.text(), "confirm")
    assert confirm_path.startswith("/th/newsletter/confirm/")  # in the language they chose
    assert confirm_path in message.html()

    page = client.get(confirm_path)
    assert page.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED and subscriber.confirmed_at
    assert subscriber.name == "Noy" and subscriber.language == "th"
    assert list(subscriber.countries.all()) == [countries["LA"]]
    assert list(subscriber.topics.all()) == [topics["fishing"]]


def test_signing_up_twice_makes_one_subscriber_and_reveals_nothing(
    client, smtp_server, newsletter_page
):
    first = client.post(reverse("newsletter:signup"), form_data("twice@example.org"))
    client.get(link_path(smtp_server.messages[0].text(), "confirm"))
    second = client.post(
        reverse("newsletter:signup"), form_data("twice@example.org", name="Changed")
    )
    unknown = client.post(reverse("newsletter:signup"), form_data("new@example.org"))

    assert Subscriber.objects.filter(email="twice@example.org").count() == 1
    # The same answer whether the address was new, pending or confirmed.
    assert first.status_code == second.status_code == unknown.status_code == 302
    assert first["Location"] == second["Location"] == unknown["Location"]
    # A confirmed subscriber's data changes only when the mailbox owner confirms it.
    subscriber = Subscriber.objects.get(email="twice@example.org")
    assert subscriber.name == "" and subscriber.status == Subscriber.Status.SUBSCRIBED
    notice = smtp_server.to("twice@example.org")[-1]
    assert "already subscribed" in notice.text()
    client.get(link_path(notice.text(), "confirm"))
    subscriber.refresh_from_db()
    assert subscriber.name == "Changed"


def test_expired_link_changes_nothing(client, smtp_server, newsletter_page):
    from portal.newsletter.subscriptions import send_confirmation
    from portal.newsletter.tokens import Choices

    client.post(reverse("newsletter:signup"), form_data("late@example.org"))
    subscriber = Subscriber.objects.get()
    four_days_ago = int(time.time()) - 4 * 24 * 3600  # links are valid for three days
    with mock.patch.object(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(four_days_ago)
    ):
        send_confirmation(subscriber, Choices(name="", language="en", countries=(), topics=()))
    old_link = link_path(smtp_server.messages[-1].text(), "confirm")
    response = client.get(old_link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    # The fresh link from the sign-up still works.
    assert client.get(link_path(smtp_server.messages[0].text(), "confirm")).status_code == 200


@pytest.mark.parametrize("tamper", ["flip", "truncate", "other-salt"])
def test_tampered_link_changes_nothing(client, smtp_server, newsletter_page, tamper):
    client.post(reverse("newsletter:signup"), form_data("victim@example.org"))
    path = link_path(smtp_server.messages[0].text(), "confirm")
    token = path.rstrip("/").rsplit("/", 1)[1]
    if tamper == "flip":
        token = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    elif tamper == "truncate":
        token = token[:-10]
    else:  # a validly signed token for another purpose
        token = signing.dumps({"s": Subscriber.objects.get().uuid.hex}, salt="other")
    response = client.get(reverse("newsletter:confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_bad_input_gets_a_message_tied_to_the_field(client, newsletter_page):
    response = client.post(reverse("newsletter:signup"), form_data("not-an-address"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one("input[name=email]")
    assert field["aria-invalid"] == "true"
    errors = soup.find(id=field["aria-describedby"].split()[-1])
    assert "valid email" in errors.text
    assert field["value"] == "not-an-address"
    assert not Subscriber.objects.exists()


def test_honeypot_and_rate_limit(client, smtp_server, newsletter_page):
    trapped = client.post(reverse("newsletter:signup"), form_data("bot@example.org", website="x"))
    assert trapped.status_code == 200 and not Subscriber.objects.exists()
    for _ in range(3):
        client.post(reverse("newsletter:signup"), form_data("many@example.org"))
    limited = client.post(reverse("newsletter:signup"), form_data("many@example.org"))
    assert limited.status_code == 429
    assert len(smtp_server.to("many@example.org")) == 3
