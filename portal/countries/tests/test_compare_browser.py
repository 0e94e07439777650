"""The comparison page in a real browser (Debian's chromium): chosen with the form without
JavaScript, shareable by its address, free of WCAG A/AA violations (axe), and its small tier
charts readable on a 360 px phone."""

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.testing.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_form_works_without_javascript_and_the_address_shares_it(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site.url + "/countries/compare/")
    page.get_by_label("Country 1").select_option("la")
    page.get_by_label("Country 2").select_option("th")
    page.get_by_label("Region (all its countries)").select_option("east-asia-pacific")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(
        re.compile(r"/countries/compare/\?c=la&c=th&c=&c=&region=east-asia-pacific")
    )
    expect(page.locator("#compare-tier thead")).to_contain_text("Lao PDR")
    expect(page.locator(".compare__empty")).to_contain_text(
        "No figures have been recorded for Thailand"
    )
    shared = page.url
    again = context.new_page()
    again.goto(shared)
    expect(again.get_by_label("Country 2")).to_have_value("th")
    expect(again.locator("#compare-investigations")).to_contain_text("27")
    context.close()


@pytest.mark.parametrize(
    "query",
    ["", "?c=la&c=th", "?c=la&region=east-asia-pacific", "?c=la&c=zz"],
)
def test_no_wcag_a_or_aa_violations(live_site, page: BrowserPage, query):
    page.goto(live_site.url + "/countries/compare/" + query)
    assert axe_violations(page) == []


def test_chart_text_is_at_least_12px_on_a_360px_phone(live_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.goto(live_site.url + "/countries/compare/?c=la&region=east-asia-pacific")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll('.compare__charts svg text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert sizes and min(sizes) >= 12, sizes
    phone.goto(live_site.url + "/countries/la/")
    profile = phone.evaluate(
        """() => [...document.querySelectorAll('#tier-history svg text')].map(
            t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )
    assert profile and min(profile) >= 12, profile
    context.close()
