"""Bad input on the newsletter sign-up: never a server error, nothing stored when refused, and
the name (which greets the reader in the confirmation email) always on one line."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from portal.mailer.models import OutgoingEmail
from portal.newsletter.models import Subscriber
from portal.testing.badinput import (
    FORM_SETTINGS,
    HUGE_IDS,
    hostile_ids,
    hostile_text,
    post_hostile,
    single_line,
)

from .helpers import form_data

pytestmark = pytest.mark.django_db


@FORM_SETTINGS
@given(
    email=st.one_of(st.just("reader@example.org"), hostile_text),
    name=hostile_text,
    language=st.one_of(st.just("lo"), hostile_text),
    countries=hostile_ids,
    topics=hostile_ids,
)
def test_the_sign_up_survives_any_input(
    client, newsletter_page, email, name, language, countries, topics
):
    data = form_data(email, name=name, language=language, countries=countries, topics=topics)
    _status, accepted = post_hostile(
        client, reverse("newsletter:signup"), data, [Subscriber, OutgoingEmail]
    )
    if accepted and Subscriber.objects.exists():
        for message in OutgoingEmail.objects.all():
            assert single_line(message.subject)
            assert "\nBcc:" not in message.body_text and "\nSubject:" not in message.body_text


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_an_id_past_any_integer_is_refused_with_a_message(client, newsletter_page, huge):
    response = client.post(
        reverse("newsletter:signup"), form_data("huge@example.org", countries=[huge])
    )
    assert response.status_code == 200
    assert "valid choice" in response.content.decode()
    assert not Subscriber.objects.exists() and not OutgoingEmail.objects.exists()


def test_line_breaks_in_the_name_never_reach_the_confirmation(client, newsletter_page):
    response = client.post(
        reverse("newsletter:signup"),
        form_data("noy@example.org", name="Noy\r\nBcc: victim@example.org\r\n\r\nClick here"),
    )
    assert response.status_code == 302
    [message] = OutgoingEmail.objects.all()
    assert "Noy Bcc: victim@example.org Click here" in message.body_text
    assert "\nBcc:" not in message.body_text and "\nClick here" not in message.body_text
