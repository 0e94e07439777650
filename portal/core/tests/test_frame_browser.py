"""The frame on a phone (360 by 740 px, a common cheap Android phone) and on a desktop (1280 by
800), in Debian's chromium: the page's own heading and first paragraph on the first screen, nothing
wider than the screen, charts whose text can be read, tables that scroll in a labelled region,
a menu that opens without JavaScript, a quick exit that never loses what is being typed, and
axe (WCAG 2.2 A/AA and best practice) on every main page type in all three languages.

One browser for the session (pytest-playwright's); each test opens one page and reuses it for
all its URLs."""

import re

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from portal.core.conf import core_settings
from portal.testing.axe import axe_violations
from portal.testing.pages import LANGUAGE_PREFIXES, main_page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><h1>Weather forecast</h1>"

# Where the page's own heading and first paragraph are, and how wide the widest element is.
FIRST_SCREEN = """() => {
  const h1 = document.querySelector("main h1");
  const after = [...document.querySelectorAll("main p")].find(p =>
    h1.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING
    && p.textContent.trim() && p.getClientRects().length);
  const box = el => el && el.getBoundingClientRect();
  return {h1: box(h1) && {top: box(h1).top, bottom: box(h1).bottom},
          paragraph: after ? box(after).top : null,
          height: innerHeight};
}"""
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  // Elements inside a scrolling or clipping box (a table's scroll region, an SVG) may be
  // wider than the screen: the box is what must fit.
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== "visible") return true;
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !el.checkVisibility({visibilityProperty: true}) || clipped(el)) continue;
    if (r.right > width + 0.5 || r.left < -0.5)
      found.push(`${el.tagName}.${el.className}: ${Math.round(r.left)} to ${Math.round(r.right)}`);
  }
  const scrollWidth = document.documentElement.scrollWidth;
  return {scrollWidth: scrollWidth, innerWidth: innerWidth, found: found.slice(0, 5)};
}"""
# The rendered size of each text of the server-drawn charts and maps: its font size in the
# drawing's units times the scale at which the drawing is shown.
SVG_TEXT_SIZES = """() => [...document.querySelectorAll(".chart__svg text, .flow-map__svg text")]
  .map(text => {
    const svg = text.ownerSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [text.textContent.trim(), parseFloat(getComputedStyle(text).fontSize) * scale];
  })"""


@pytest.fixture
def open_page(browser: Browser):
    """A fresh browser context of the given size (and JavaScript on or off); closed after."""
    contexts = []

    def open_page(viewport: dict, *, javascript: bool = True) -> BrowserPage:
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_each_page_type_starts_on_the_first_screen_and_fits_its_width(
    live_site, open_page, viewport
):
    page = open_page(viewport)
    problems = {}
    for language in LANGUAGE_PREFIXES:
        for kind, url in main_page_urls(language).items():
            page.goto(live_site.url + url)
            where = page.evaluate(FIRST_SCREEN)
            assert where["h1"], f"{url}: no h1 in main"
            if where["h1"]["bottom"] > where["height"]:
                problems[url] = f"h1 ends at {where['h1']['bottom']:.0f} px"
            elif viewport is PHONE and (
                where["paragraph"] is None or where["paragraph"] >= where["height"] - 20
            ):
                problems[url] = f"first paragraph starts at {where['paragraph']} px"
            width = page.evaluate(TOO_WIDE)
            if width["scrollWidth"] > width["innerWidth"] or width["found"]:
                problems[f"{url} ({kind})"] = width
    assert problems == {}


def test_section_links_fold_into_a_menu_on_a_phone_and_open_without_javascript(
    live_site, open_page
):
    phone = open_page(PHONE, javascript=False)
    phone.goto(live_site.url + "/countries/la/")
    sections = phone.get_by_role("navigation", name="Sections")
    expect(sections).to_be_hidden()
    expect(phone.get_by_role("link", name="Quick exit")).to_be_visible()
    expect(phone.get_by_label("Search the portal")).to_be_visible()
    toggle = phone.locator(".site-menu__toggle")
    expect(toggle).to_have_accessible_name("Menu")  # the icon is decoration
    toggle.click()  # a <details>: no script needed
    expect(sections).to_be_visible()
    sections.get_by_role("link", name="Resources", exact=True).click()
    expect(phone.locator("h1")).to_have_text("Resources")

    desktop = open_page(DESKTOP)
    desktop.goto(live_site.url + "/")
    sections = desktop.get_by_role("navigation", name="Sections")
    expect(sections).to_be_visible()
    expect(desktop.get_by_text("Menu", exact=True)).to_be_hidden()
    expect(desktop.get_by_role("navigation", name="Site")).to_be_visible()
    # The first section link is not flush against the edge of the window.
    first = sections.get_by_role("link").first.bounding_box()
    logo = desktop.locator(".brand").bounding_box()
    assert first["x"] >= 16 and first["x"] >= logo["x"]


def test_country_charts_and_map_text_is_at_least_12_px(live_site, open_page):
    for viewport in (PHONE, DESKTOP):
        page = open_page(viewport)
        for url in ("/countries/la/", "/countries/regions/east-asia-pacific/"):
            page.goto(live_site.url + url)
            sizes = page.evaluate(SVG_TEXT_SIZES)
            assert sizes, f"{url}: no chart or map text"
            small = [(text, round(size, 1)) for text, size in sizes if size < 12]
            assert small == [], f"{url} at {viewport['width']} px"


def test_country_tables_scroll_in_a_labelled_focusable_region_with_their_caption_whole(
    live_site, open_page
):
    page = open_page(PHONE)
    page.goto(live_site.url + "/countries/la/")
    regions = page.locator(".table-scroll")
    assert regions.count() >= 4
    wider = 0
    for index in range(regions.count()):
        region = regions.nth(index)
        caption = region.locator("caption")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-labelledby") == caption.get_attribute("id")
        expect(region).to_have_accessible_name(caption.inner_text().strip())
        region.focus()
        expect(region).to_be_focused()
        box = caption.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "caption cut off"
        if region.evaluate("r => r.scrollWidth > r.clientWidth"):
            wider += 1
            region.press("End")  # the keyboard scrolls the focused region
            page.keyboard.press("ArrowRight")
            expect(region).not_to_have_js_property("scrollLeft", 0)
            # The cue: a shadow painted at the edge where more of the table is hidden.
            assert "radial-gradient" in region.evaluate("r => getComputedStyle(r).backgroundImage")
    assert wider, "the law enforcement and flows tables are wider than a phone"


@pytest.fixture
def neutral_site(open_page):
    """No network here: the neutral site the quick exit leaves for is answered by the browser."""

    def open_with_neutral_site(viewport: dict) -> BrowserPage:
        page = open_page(viewport)
        page.route(
            re.compile("^" + re.escape(core_settings().quick_exit_url)),
            lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE),
        )
        return page

    return open_with_neutral_site


def test_escape_while_typing_keeps_the_text_and_escape_outside_a_field_leaves(
    live_site, neutral_site
):
    page = neutral_site(PHONE)
    page.goto(live_site.url + "/inquiry-corner/")
    question = page.locator("main").get_by_label("Your question")
    question.fill("Which studies estimate how many Lao workers migrate to Thailand?")
    question.press("Escape")
    page.wait_for_timeout(1100)  # not a double press
    question.press("Escape")
    expect(page.locator("h1")).to_have_text("Inquiry Corner")
    expect(question).to_have_value(
        "Which studies estimate how many Lao workers migrate to Thailand?"
    )
    expect(page.get_by_role("link", name="Quick exit")).to_be_in_viewport()
    # Twice in quick succession inside the field is a deliberate exit.
    page.wait_for_timeout(1100)
    question.press("Escape")
    question.press("Escape")
    expect(page.locator("h1")).to_have_text("Weather forecast")

    page.goto(live_site.url + "/inquiry-corner/")
    page.locator("main h1").click()
    page.keyboard.press("Escape")
    expect(page.locator("h1")).to_have_text("Weather forecast")


def test_the_error_summary_is_not_hidden_under_the_sticky_quick_exit_bar(live_site, open_page):
    for viewport in (PHONE, DESKTOP):
        page = open_page(viewport)
        page.goto(live_site.url + "/inquiry-corner/")
        page.get_by_role("button", name="Send inquiry").click()
        summary = page.locator("#form-errors")
        expect(summary).to_be_visible()
        assert page.evaluate("location.hash") == "#form-errors"
        bar = page.locator(".quick-exit").bounding_box()
        heading = summary.locator("h3").bounding_box()
        assert heading["y"] >= bar["y"] + bar["height"], viewport
        assert heading["y"] + heading["height"] <= viewport["height"]
        # A link in the summary brings its field into view below the bar, too.
        summary.get_by_role("link").first.click()
        field = page.locator(page.evaluate("location.hash")).bounding_box()
        assert field["y"] >= page.locator(".quick-exit").bounding_box()["height"]


@pytest.mark.parametrize("language", list(LANGUAGE_PREFIXES))
def test_main_page_types_pass_axe_with_best_practice(live_site, open_page, language):
    page = open_page(DESKTOP)
    found = {}
    for url in main_page_urls(language).values():
        page.goto(live_site.url + url)
        violations = axe_violations(page, best_practice=True)
        if violations:
            found[url] = violations
    assert found == {}
