"""The public forms: what a person sees, what is stored, and every rule that refuses a
submission (each with a clear message, nothing stored, the person's text kept)."""

import pytest

from portal.inquiries.models import ContactPage, Inquiry, InquiryCornerPage, Queue, Status
from portal.mailer.models import OutgoingEmail
from portal.testing.html import soup

from .conftest import contact_post, inquiry_post, started_ago

pytestmark = pytest.mark.django_db

CORNER = "/inquiry-corner/"
CONTACT = "/contact-us/"


def error_summary(response) -> str:
    summary = soup(response).select_one("#form-errors")
    return summary.get_text(" ", strip=True) if summary else ""


@pytest.mark.smoke
def test_the_corner_explains_the_desk_and_offers_the_form(client, desk_site):
    response = client.get(CORNER)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Inquiry Corner"
    assert "within 10 working days" in html.select_one(".inquiries-target").get_text(" ")
    form = html.select_one("form.inquiries-form")
    assert form["method"] == "post" and form["action"] == CORNER + "#form-errors"
    names = {field["name"] for field in form.select("input, select, textarea") if field.get("name")}
    assert {"name", "email", "organization", "role", "question", "preferred_language"} <= names
    assert {"consent", "website", "form_started", "csrfmiddlewaretoken"} <= names
    # No topics exist yet: the form leaves that question out rather than offering an empty
    # list. (The country list is reference data, always there.)
    assert "countries" in names and "topic" not in names
    # Consent links to the privacy policy.
    assert html.select_one("#id_consent_helptext a")["href"] == "/privacy-policy-and-disclaimer/"
    # The honeypot is hidden from people, including screen reader users.
    assert html.select_one(".trap")["aria-hidden"] == "true"
    assert html.select_one("#id_question")["maxlength"] == "5000"
    # Every visible field has a label.
    for field in form.select("input:not([type=hidden]), select, textarea"):
        if field.get("type") == "radio":
            continue
        assert html.select_one(f'label[for="{field["id"]}"]'), field["name"]


def test_countries_and_topics_are_offered_when_they_exist(client, desk_site, countries, topics):
    html = soup(client.get(CORNER))
    countries_select = html.select_one("select[name=countries]")
    assert countries_select.has_attr("multiple")
    groups = {group["label"]: group for group in countries_select.select("optgroup")}
    east_asia = [o.get_text() for o in groups["East Asia and Pacific"].select("option")]
    assert {"Cambodia", "Lao PDR", "Thailand"} <= set(east_asia)
    assert east_asia == sorted(east_asia)
    topic_options = [o.get_text() for o in html.select("select[name=topic] option")]
    assert topic_options == ["Not sure / several topics", "Forced labour", "Fishing"]


def test_a_submission_is_stored_confirmed_and_acknowledged(
    client, desk_site, countries, topics, smtp_server
):
    data = inquiry_post(
        countries=[countries["LA"].pk, countries["TH"].pk], topic=topics["fishing"].pk
    )
    response = client.post(CORNER, data)
    assert response.status_code == 302 and response["Location"] == CORNER + "thank-you/"

    inquiry = Inquiry.objects.get()
    assert inquiry.reference.startswith("INQ-") and len(inquiry.reference) == 14
    assert inquiry.queue == Queue.RESEARCH and inquiry.status == Status.NEW
    assert (inquiry.name, inquiry.email) == ("Dara Sok", "dara.sok@example.org")
    assert inquiry.organization == "Mekong Research Network" and inquiry.role == "researcher"
    assert set(inquiry.countries.values_list("iso2", flat=True)) == {"LA", "TH"}
    assert inquiry.topic == topics["fishing"]
    assert inquiry.consent_at is not None and inquiry.due_on > inquiry.submitted_at.date()

    thanks = client.get(response["Location"])
    html = soup(thanks)
    assert html.select_one(".inquiries-reference__number").get_text(strip=True) == inquiry.reference
    # The confirmation shows the reference, not the person's details.
    assert b"dara.sok@example.org" not in thanks.content and b"Dara Sok" not in thanks.content

    [message] = smtp_server.messages
    assert message.envelope_to == ["dara.sok@example.org"]
    assert message.subject == f"[{inquiry.reference}] We have received your inquiry"
    assert message.header("Reply-To") == "desk@localhost"
    assert inquiry.reference in message.text() and inquiry.reference in message.html()
    assert "Which studies estimate" in message.text()
    assert "Dear Dara Sok" in message.text()


def test_the_thank_you_page_needs_a_submission(client, desk_site):
    response = client.get(CORNER + "thank-you/")
    assert response.status_code == 302 and response["Location"] == CORNER


def test_the_acknowledgement_is_written_in_the_preferred_language(client, desk_site, smtp_server):
    client.post(CORNER, inquiry_post(preferred_language="th"))
    [message] = smtp_server.messages
    assert message.header("Content-Language") == "th"
    # Not in the UI's languages (Khmer): the email falls back to the form's language.
    client.post(CORNER, inquiry_post(preferred_language="km", email="other@example.org"))
    assert smtp_server.messages[1].header("Content-Language") == "en"
    assert Inquiry.objects.get(email="other@example.org").preferred_language == "km"


def test_contact_messages_go_to_the_general_queue(client, desk_site, smtp_server):
    response = client.post(CONTACT, contact_post())
    assert response.status_code == 302 and response["Location"] == CONTACT + "thank-you/"
    message = Inquiry.objects.get()
    assert message.queue == Queue.GENERAL and message.reference.startswith("MSG-")
    assert message.subject == "A broken link on the about page"
    assert message.due_on is None
    thanks = soup(client.get(CONTACT + "thank-you/"))
    assert (
        thanks.select_one(".inquiries-reference__number").get_text(strip=True) == message.reference
    )
    [email] = smtp_server.messages
    assert email.subject == f"[{message.reference}] We have received your message"


def test_contact_page_replaces_the_standard_page(client, desk_site):
    page = ContactPage.objects.get(slug="contact-us", locale__language_code="en")
    from portal.core.models import PortalSettings

    assert PortalSettings.objects.get().contact_page_id == page.pk
    html = soup(client.get(CONTACT))
    assert html.h1.get_text(strip=True) == "Contact Us"
    assert html.select_one("form.inquiries-form input[name=subject]")
    assert InquiryCornerPage.objects.live().filter(locale__language_code="en").count() == 1


# --- Spam and abuse rules ---------------------------------------------------------------


def assert_refused(response, message_part: str, kept: str = "Which studies estimate"):
    assert response.status_code == 200
    assert message_part in error_summary(response)
    assert kept in response.content.decode()  # what the person typed is still there
    assert not Inquiry.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_honeypot_refuses(client, desk_site):
    response = client.post(CORNER, inquiry_post(website="http://cheap.example"))
    assert_refused(response, "hidden field was filled in")


def test_a_form_sent_too_fast_is_refused_then_accepted(client, desk_site, settings):
    settings.PORTAL_FORM_MIN_SECONDS = 3
    data = inquiry_post(form_started=started_ago(0.2))
    assert_refused(client.post(CORNER, data), "quicker than a person")
    data["form_started"] = started_ago(5)
    assert client.post(CORNER, data).status_code == 302
    assert Inquiry.objects.count() == 1


def test_rate_limit_per_email(client, desk_site, settings):
    settings.PORTAL_INQUIRY_RATE_PER_EMAIL = 2
    for n in range(2):
        question = f"Question number {n} about recruitment agencies in Vientiane."
        assert client.post(CORNER, inquiry_post(question=question)).status_code == 302
    response = client.post(CORNER, inquiry_post())
    assert "try again in" in error_summary(response)
    assert Inquiry.objects.count() == 2
    # Another person from the same address is still welcome.
    assert client.post(CORNER, inquiry_post(email="colleague@example.org")).status_code == 302


def test_rate_limit_per_ip(client, desk_site, settings):
    settings.PORTAL_INQUIRY_RATE_PER_IP = 2
    for n in range(2):
        assert client.post(CORNER, inquiry_post(email=f"p{n}@example.org")).status_code == 302
    response = client.post(CORNER, inquiry_post(email="p3@example.org"))
    assert "try again in" in error_summary(response)
    assert Inquiry.objects.count() == 2
    other_ip = client.post(CORNER, inquiry_post(email="p4@example.org"), REMOTE_ADDR="198.51.100.7")
    assert other_ip.status_code == 302


def test_invalid_submissions_do_not_count_towards_the_rate_limit(client, desk_site, settings):
    settings.PORTAL_INQUIRY_RATE_PER_EMAIL = 1
    for _ in range(3):
        client.post(CORNER, inquiry_post(question="too short"))
    assert client.post(CORNER, inquiry_post()).status_code == 302


LINKY_NAMES = [
    "Visit https://cheap-pills.example",
    "www.casino.example",
    "Best offers cheap.ru",
    '<a href="x">me</a>',
]


def test_links_are_not_allowed_in_the_name(client, desk_site):
    for name in LINKY_NAMES:
        response = client.post(CORNER, inquiry_post(name=name))
        assert_refused(response, "Your name:")


# --- Bad input on every field -------------------------------------------------------------

BAD_INPUT = [
    ("name", "", "Please enter your name."),
    ("name", "x" * 201, "at most 200 characters"),
    ("email", "", "Please enter your email address"),
    ("email", "not-an-address", "name@example.org"),
    ("email", "a" * 250 + "@example.org", "Email address:"),
    ("organization", "o" * 201, "at most 200 characters"),
    ("role", "", "Please choose the description"),
    ("role", "astronaut", "Please choose one of the descriptions"),
    ("question", "", "Please write your question."),
    ("question", "Too short", "at least 20 characters"),
    ("question", "q" * 5001, "at most 5000 characters"),
    ("preferred_language", "xx", "Please choose a language"),
    ("consent", None, "Please agree to the storage"),
    ("countries", ["999999"], "Please choose countries from the list"),
    ("countries", ["abc"], "Please choose countries from the list"),
    ("topic", "999999", "Please choose a topic from the list"),
]


def test_bad_input_on_every_field_is_explained_and_nothing_is_stored(
    client, desk_site, countries, topics
):
    # One site for all cases (building it is the slow part); each case is independent.
    for field, value, message in BAD_INPUT:
        case = f"{field}={value!r:.40}"
        data = inquiry_post(**{field: value})
        response = client.post(CORNER, data)
        assert response.status_code == 200, case
        assert message in error_summary(response), case
        assert not Inquiry.objects.exists() and not OutgoingEmail.objects.exists(), case
        html = soup(response)
        if field not in ("countries", "topic", "role", "consent", "preferred_language"):
            widget = html.select_one(f"[name={field}]")
            assert widget["aria-invalid"] == "true", case
            assert f"id_{field}_error" in widget["aria-describedby"].split(), case
            assert html.select_one(f"#id_{field}_error"), case
        if field != "name":  # the other answers are kept
            assert html.select_one("#id_name")["value"] == "Dara Sok", case


CONTACT_BAD_INPUT = [
    ("subject", "", "Please give your message a subject."),
    ("subject", "s" * 201, "at most 200 characters"),
    ("message", "", "Please write your message."),
    ("message", "m" * 5001, "at most 5000 characters"),
    ("name", "http://spam.example", "without web addresses"),
    ("email", "nope", "name@example.org"),
]


def test_bad_contact_input_is_explained_and_nothing_is_stored(client, desk_site):
    for field, value, message in CONTACT_BAD_INPUT:
        response = client.post(CONTACT, contact_post(**{field: value}))
        assert response.status_code == 200, field
        assert message in error_summary(response), (field, value)
        assert not Inquiry.objects.exists()


def test_names_and_emails_never_appear_on_public_pages(client, desk_site):
    client.post(CORNER, inquiry_post())
    for url in (CORNER, CORNER + "questions-answered/", CONTACT, "/", "/search/?q=Dara"):
        body = client.get(url).content
        assert b"Dara Sok" not in body and b"dara.sok@example.org" not in body, url


def test_the_desk_pages_can_be_found_by_search(client, desk_site):
    html = soup(client.get("/search/?q=emergency+service"))
    links = [a["href"] for a in html.select("main a[href]")]
    assert CORNER in links


def test_each_form_confirms_only_its_own_submission(client, desk_site):
    client.post(CONTACT, contact_post())
    assert client.get(CORNER + "thank-you/").status_code == 302
    assert client.get(CONTACT + "thank-you/").status_code == 200


def test_sending_the_same_text_twice_gives_one_inquiry_and_one_email(
    client, desk_site, smtp_server
):
    data = inquiry_post()
    first = client.post(CORNER, data)
    second = client.post(CORNER, data)  # a double click, or the browser's "resend"
    assert first.status_code == second.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.reference in client.get(CORNER + "thank-you/").content.decode()
    assert len(smtp_server.messages) == 1
    # A different question from the same person is a new inquiry.
    client.post(CORNER, inquiry_post(question="And what about Cambodian workers in Thailand?"))
    assert Inquiry.objects.count() == 2
