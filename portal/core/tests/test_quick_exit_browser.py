"""Quick exit in a real browser: it leaves for the neutral site and leaves no way back."""

import re

import pytest
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.core.conf import core_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Weather forecast</h1>"


@pytest.fixture
def neutral_site(page: BrowserPage):
    """No network here: the neutral site is answered by the browser itself."""
    page.route(
        re.compile("^" + re.escape(core_settings().quick_exit_url)),
        lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
    )
    return page


def test_quick_exit_button_replaces_the_page(live_site, neutral_site):
    page = neutral_site
    page.goto(live_site.url + "/")
    page.goto(live_site.url + "/lo/about-us/")
    button = page.get_by_role("link", name="ອອກດ່ວນ")  # "Quick exit" in Lao
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("h1")).to_have_text("Weather forecast")
    # The portal page it left is not in the history: Back goes to the page before it.
    page.go_back()
    expect(page).to_have_url(live_site.url + "/")


def test_escape_key_leaves_and_the_button_is_reachable_by_keyboard(live_site, neutral_site):
    page = neutral_site
    page.goto(live_site.url + "/about-us/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Quick exit")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("h1")).to_have_text("Weather forecast")
    assert page.evaluate("history.length") == 2  # about:blank, then the neutral site


def test_quick_exit_stays_in_view_when_scrolling(live_site, browser):
    phone = browser.new_context(viewport={"width": 320, "height": 560}).new_page()
    phone.goto(live_site.url + "/about-us/")
    phone.mouse.wheel(0, 3000)
    phone.wait_for_timeout(100)
    box = phone.locator("#quick-exit").bounding_box()
    assert box is not None and 0 <= box["y"] < 80
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.context.close()
