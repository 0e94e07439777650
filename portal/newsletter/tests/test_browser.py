"""Signing up as a reader does it, in Debian's chromium: from the footer to a confirmed
subscription, with accessibility checks on the way."""

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.newsletter.models import Subscriber
from portal.testing.axe import axe_violations

from .helpers import link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_from_the_footer(live_site, smtp_server, page: BrowserPage):
    page.goto(live_site.url + "/about-us/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("Email address").fill("reader@example.org")
    footer.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/newsletter/signup/\?email=reader%40example.org"))
    expect(page.locator("h1")).to_have_text("Sign up for the newsletter")
    main = page.get_by_role("main")
    expect(main.get_by_label("Email address")).to_have_value("reader@example.org")
    assert axe_violations(page) == []
    main.get_by_role("textbox", name="Name (optional)").fill("Noy")
    main.get_by_role("button", name="Sign up").click()

    expect(page.locator("h1")).to_have_text("Check your email")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    [message] = smtp_server.messages
    page.goto(live_site.url + link_path(message.text(), "confirm"))

    expect(page.locator("h1")).to_have_text("You are subscribed")
    expect(page.get_by_role("status")).to_contain_text("reader@example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED and subscriber.name == "Noy"


def test_newsletter_page_and_errors_are_accessible(live_site, page: BrowserPage):
    page.goto(live_site.url + "/newsletter/")
    expect(page.locator("h1")).to_have_text("Newsletter")
    assert axe_violations(page) == []
    main = page.get_by_role("main")
    main.get_by_label("Email address").fill("not an address")
    main.get_by_role("button", name="Sign up").click()
    field = page.get_by_role("main").get_by_label("Email address")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("valid email"))
    assert axe_violations(page) == []
