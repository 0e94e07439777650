"""In Debian's chromium: a shelter posts a need, a moderator approves it in the admin, and it
appears on the board; the board and a post page pass axe's WCAG A/AA checks."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts.models import Profile
from portal.countries.models import Country
from portal.needs.permissions import NEEDS_MODERATORS, ensure_needs_moderators_group
from portal.testing.axe import axe_violations
from portal.testing.security import sign_in_to_admin

from .conftest import in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Shelter-password-2026"


@pytest.fixture
def people(live_site, settings):
    settings.PORTAL_FORM_MIN_SECONDS = 0  # a script fills forms faster than a person
    ensure_needs_moderators_group(apps)  # the live server's flush removed it
    Country.objects.get_or_create(
        iso2="LA",
        defaults={
            "iso3": "LAO",
            "numeric": "418",
            "name": "Lao PDR",
            "region": "east-asia-pacific",
        },
    )
    shelter = User.objects.create_user(
        "shelter@example.org", email="shelter@example.org", password=PASSWORD
    )
    Profile.objects.create(
        user=shelter,
        public_name="Riverside Shelter",
        kind="shelter",
        email_verified_at=timezone.now(),
    )
    moderator = User.objects.create_user(
        "moderator", email="moderator@example.org", password="moderator-pass-1"
    )
    moderator.groups.add(Group.objects.get(name=NEEDS_MODERATORS))
    return live_site


def test_a_need_is_posted_approved_in_the_admin_and_shown_on_the_board(people, browser):
    base = people.url
    board = base + "/needs-and-resources/"

    # The shelter logs in and posts a need.
    poster = browser.new_context().new_page()
    poster.goto(board)
    poster.get_by_role("link", name="Post a need").click()
    expect(poster).to_have_url(re.compile(r"/accounts/login/\?next="))
    poster.locator("main").get_by_label("Email address").fill("shelter@example.org")
    poster.locator("main").get_by_label("Password").fill(PASSWORD)
    poster.get_by_role("button", name="Log in").click()
    expect(poster.locator("h1")).to_have_text("Post a need")
    poster.locator("main").get_by_label("What do you need?").fill(
        "Mattresses for a transit shelter"
    )
    poster.locator("main").get_by_label("Category").select_option("equipment")
    poster.locator("main").get_by_label("Description").fill(
        "Twenty mattresses with bedding for the transit shelter, which receives people "
        "returning across the border."
    )
    poster.locator("main").get_by_label("Country").select_option(label="Lao PDR")
    poster.locator("main").get_by_label("Province or region").fill("Savannakhet")
    poster.locator("main").get_by_label("Quantity or scale").fill("20 mattresses")
    poster.locator("main").get_by_label("Needed soon").check()
    poster.locator("main").get_by_label("Needed until").fill(in_days(45).isoformat())
    poster.get_by_role("button", name="Send for review").click()
    expect(poster.locator("h1")).to_have_text("Mattresses for a transit shelter")
    expect(poster.locator("main")).to_contain_text("Awaiting review")
    post_url = poster.url

    # Not public yet.
    reader = browser.new_context().new_page()
    reader.goto(board)
    expect(reader.locator("main")).not_to_contain_text("Mattresses for a transit shelter")
    assert reader.goto(post_url).status == 404

    # A moderator approves it in the admin.
    admin = browser.new_context().new_page()
    moderator = User.objects.get(username="moderator")
    sign_in_to_admin(admin, base, moderator, "moderator-pass-1")
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    expect(admin.locator("main")).to_contain_text("Needs and offers awaiting review")
    admin.goto(base + "/admin/needs/needs/")
    admin.get_by_role("link", name="Mattresses for a transit shelter").click()
    expect(admin.locator("main")).to_contain_text("Riverside Shelter")
    admin.get_by_label("Approve: publish it on the board").check()
    admin.get_by_role("button", name="Save decision").click()
    expect(admin.locator(".messages")).to_contain_text("is approved and on the board")

    # Now it is on the board, with its own page. Not in the first reader's browser yet: it
    # may keep the board and the 404 it was given for PORTAL_CACHE_MAX_AGE (public pages are
    # cacheable, issue 15); a reader arriving now gets the new ones.
    reader = browser.new_context().new_page()
    reader.goto(board)
    reader.get_by_role("link", name="Mattresses for a transit shelter").click()
    expect(reader).to_have_url(post_url)
    expect(reader.locator("main")).to_contain_text("Savannakhet, Lao PDR")
    expect(reader.locator("main")).to_contain_text("Riverside Shelter")
    assert axe_violations(reader) == []
    reader.goto(board)
    assert axe_violations(reader) == []


def test_forms_with_errors_are_accessible(people, browser):
    page = browser.new_context().new_page()
    page.goto(people.url + "/accounts/login/?next=/needs-and-resources/needs/new/")
    page.locator("main").get_by_label("Email address").fill("shelter@example.org")
    page.locator("main").get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("main").get_by_label("Description").fill(
        "Twenty mattresses for the shelter, call 020 5555 1234"
    )
    page.get_by_role("button", name="Send for review").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("phone number")
    expect(page.locator("main").get_by_label("Description")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert axe_violations(page) == []
    page.goto(people.url + "/accounts/register/")
    assert axe_violations(page) == []
