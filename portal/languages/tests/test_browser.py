"""The Lao and Thai editions in a real browser: switching language, accessibility."""

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.testing.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_language_keeps_the_reader_on_the_page(live_site, page: BrowserPage):
    page.goto(live_site.url + "/about-us/")
    page.locator(".language-nav").get_by_role("link", name="ລາວ").click()
    expect(page).to_have_url(live_site.url + "/lo/about-us/")
    expect(page.locator("h1")).to_have_text("ກ່ຽວກັບພວກເຮົາ")
    # An untranslated page (the demo translates the header's pages, not this organisation).
    page.goto(live_site.url + "/lo/organizations/lao-womens-union/")
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.locator(".languages-notice")).to_contain_text("ໜ້ານີ້ຍັງບໍ່ທັນໄດ້ແປ")
    page.locator(".language-nav").get_by_role("link", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator(".languages-notice")).to_contain_text("หน้านี้ยังไม่ได้แปล")


@pytest.mark.parametrize("path", ["/lo/", "/lo/about-us/", "/th/contact-us/", "/th/search/?q=x"])
def test_lao_and_thai_pages_have_no_wcag_a_or_aa_violations(live_site, page: BrowserPage, path):
    page.goto(live_site.url + path)
    assert axe_violations(page) == []
