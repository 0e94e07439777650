"""Bad input on the Inquiry Corner and Contact Us forms: whatever arrives, the answer is a page
with a clear message or the thank-you redirect, never a server error; a refused submission
stores nothing; names and subjects reach the stored record and every email on one line."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from portal.countries.models import Country
from portal.inquiries.models import Inquiry
from portal.mailer.models import OutgoingEmail
from portal.testing.badinput import (
    FORM_SETTINGS,
    HUGE_IDS,
    hostile_id,
    hostile_ids,
    hostile_text,
    post_hostile,
    single_line,
)

from .conftest import contact_post, inquiry_post

pytestmark = pytest.mark.django_db

CORNER = "/inquiry-corner/"
CONTACT = "/contact-us/"


def assert_emails_single_line(since_pk: int) -> None:
    for email in OutgoingEmail.objects.filter(pk__gt=since_pk):
        assert single_line(email.subject)
        for line in email.body_text.splitlines():
            assert not line.lower().startswith(("bcc:", "subject:")), email.body_text


def last_email_pk() -> int:
    return OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@FORM_SETTINGS
@given(
    name=hostile_text,
    organization=hostile_text,
    countries=hostile_ids,
    topic=hostile_id,
    role=st.one_of(st.just("researcher"), hostile_text),
    preferred_language=st.one_of(st.just("lo"), hostile_text),
)
def test_the_inquiry_form_survives_any_input(
    client, demo_site, name, organization, countries, topic, role, preferred_language
):
    since = last_email_pk()
    data = inquiry_post(
        name=name,
        organization=organization,
        countries=countries,
        topic=topic,
        role=role,
        preferred_language=preferred_language,
    )
    _status, accepted = post_hostile(client, CORNER, data, [Inquiry, OutgoingEmail])
    if accepted:
        inquiry = Inquiry.objects.order_by("-pk").first()
        assert single_line(inquiry.name) and single_line(inquiry.organization)
        assert_emails_single_line(since)


@FORM_SETTINGS
@given(
    name=hostile_text, subject=hostile_text, email=st.one_of(st.just("a@example.org"), hostile_text)
)
def test_the_contact_form_survives_any_input(client, demo_site, name, subject, email):
    since = last_email_pk()
    data = contact_post(name=name, subject=subject, email=email)
    _status, accepted = post_hostile(client, CONTACT, data, [Inquiry, OutgoingEmail])
    if accepted:
        inquiry = Inquiry.objects.order_by("-pk").first()
        assert single_line(inquiry.name) and single_line(inquiry.subject)
        assert_emails_single_line(since)


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_a_country_id_past_any_integer_is_an_invalid_choice(client, demo_site, huge):
    laos = Country.objects.get(iso2="LA")
    response = client.post(CORNER, inquiry_post(countries=[laos.pk, huge]))
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select_one("#form-errors")
    assert errors is not None and "choose countries from the list" in errors.get_text()
    assert not Inquiry.objects.filter(name="Dara Sok").exists()


def test_line_breaks_in_a_name_and_subject_never_reach_the_email(client, demo_site):
    since = last_email_pk()
    response = client.post(
        CONTACT,
        contact_post(name="Malee\r\nBcc: someone", subject="Hello\r\nBcc: x@example.org"),
    )
    assert response.status_code == 302
    inquiry = Inquiry.objects.order_by("-pk").first()
    assert inquiry.name == "Malee Bcc: someone"
    assert inquiry.subject == "Hello Bcc: x@example.org"
    emails = list(OutgoingEmail.objects.filter(pk__gt=since))
    assert emails
    assert_emails_single_line(since)
