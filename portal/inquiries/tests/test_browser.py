"""A person sends an inquiry in a real browser (Debian's chromium), and the pages pass axe."""

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.countries.models import Country
from portal.inquiries.models import Inquiry
from portal.testing.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person_site(live_site, settings):
    settings.PORTAL_FORM_MIN_SECONDS = 1
    for iso2, iso3, numeric, name in [
        ("LA", "LAO", "418", "Lao PDR"),
        ("TH", "THA", "764", "Thailand"),
    ]:
        Country.objects.get_or_create(
            iso2=iso2,
            defaults={
                "iso3": iso3,
                "numeric": numeric,
                "name": name,
                "region": "east-asia-pacific",
            },
        )
    return live_site


def test_a_person_sends_an_inquiry(person_site, page: BrowserPage, smtp_server):
    page.goto(person_site.url + "/")
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Inquiry Corner"
    ).click()
    expect(page.locator("h1")).to_have_text("Inquiry Corner")
    assert axe_violations(page) == []

    page.locator("main").get_by_label("Your name").fill("Dara Sok")
    page.locator("main").get_by_label("Email address").fill("dara.sok@example.org")
    page.locator("main").get_by_label("Organisation (optional)").fill("Mekong Research Network")
    page.locator("main").get_by_label("Researcher").check()
    page.locator("main").get_by_label("Countries of interest (optional)").select_option(
        ["Lao PDR", "Thailand"]
    )
    page.locator("main").get_by_label("Your question").fill(
        "Which studies estimate how many Lao workers migrate to Thailand each year?"
    )
    page.locator("main").get_by_label("Preferred language of the answer").select_option("th")
    page.locator("main").get_by_label("I agree that the portal stores these details").check()
    page.wait_for_timeout(1100)  # a person reads before sending (minimum fill time: 1 s)
    page.get_by_role("button", name="Send inquiry").click()

    expect(page.locator("h1")).to_have_text("Thank you: your inquiry has been received")
    reference = page.locator(".inquiries-reference__number").inner_text().strip()
    assert re.fullmatch(r"INQ-\d{4}-\d{5}", reference)
    assert axe_violations(page) == []

    inquiry = Inquiry.objects.get()
    assert inquiry.reference == reference and inquiry.preferred_language == "th"
    assert set(inquiry.countries.values_list("iso2", flat=True)) == {"LA", "TH"}
    [message] = smtp_server.messages
    assert reference in message.subject and message.envelope_to == ["dara.sok@example.org"]


def test_mistakes_are_explained_accessibly(person_site, page: BrowserPage):
    page.goto(person_site.url + "/inquiry-corner/")
    page.locator("main").get_by_label("Your name").fill("Dara Sok")
    page.locator("main").get_by_label("Email address").fill("not an address")
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Send inquiry").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Your form was not sent yet")
    expect(summary).to_be_in_viewport()  # no need to scroll past the explanation to find it
    expect(page).to_have_title(re.compile(r"^Error: Inquiry Corner"))
    expect(summary).to_contain_text("Please enter an email address in the form name@example.org.")
    expect(summary).to_contain_text("Please write your question.")
    expect(page.locator("main").get_by_label("Your name")).to_have_value("Dara Sok")
    # The summary's links lead to the fields.
    summary.get_by_role("link", name=re.compile("Email address")).click()
    expect(page.locator("main").get_by_label("Email address")).to_be_focused()
    assert axe_violations(page) == []
    assert not Inquiry.objects.exists()
