"""The collections in Debian's chromium: filtering the library without JavaScript, and axe
(WCAG 2.2 A/AA) on every listing and on an item page of each type."""

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.testing import build
from portal.testing.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def with_update(live_site):
    build.update("Shelter opens in Savannakhet", countries=["LA"], topics=["protection"])
    return live_site


def test_reader_filters_the_library_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site.url + "/resources/")
    cards = page.locator(".item-card")
    expect(cards).to_have_count(5)
    page.get_by_label("Topic").select_option(label="Child labour")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"/resources/\?.*topic=child-labour"))
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Lao PDR: The Situation")
    expect(page.locator(".listing__count")).to_contain_text("1 item")
    # The selection is kept, and a second filter combines with the first.
    expect(page.get_by_label("Topic")).to_have_value("child-labour")
    page.get_by_label("Year").select_option("2007")
    page.get_by_role("button", name="Apply").click()
    expect(cards).to_have_count(0)
    expect(page.locator(".notice")).to_contain_text("Nothing matches")
    page.get_by_role("link", name="Clear all filters").click()
    expect(cards).to_have_count(5)
    page.get_by_label("Sort by").select_option(label="Title (A to Z)")
    page.get_by_role("button", name="Apply").click()
    expect(cards.first).to_contain_text("Country Reports on Human Rights Practices 2006")
    cards.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Country Reports on Human Rights Practices 2006: Laos")
    expect(page.locator(".citation")).to_contain_text("US Department of State (2007)")
    context.close()


AXE_PATHS = [
    "/resources/",
    "/resources/?country=zz",
    "/resources/trafficking-in-persons-report-2007/",
    "/organizations/",
    "/organizations/lao-womens-union/",
    "/updates/",
    "/updates/shelter-opens-in-savannakhet/",
    "/events/?when=past",
    "/events/commit-meeting-lao-pdr-2006/",
    "/countries/la/everything/",
    "/topics/",
]


def test_no_wcag_a_or_aa_violations(with_update, page: BrowserPage):
    """Every listing and an item page of each type (one live site for all: it is rebuilt per
    test)."""
    found = {}
    for path in AXE_PATHS:
        page.goto(with_update.url + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in AXE_PATHS}


def test_listing_works_on_a_320px_phone(live_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    phone = context.new_page()
    for path in ("/resources/", "/organizations/lao-womens-union/"):
        phone.goto(live_site.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()
