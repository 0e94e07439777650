"""The site as a person uses it, in Debian's chromium."""

import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.standardpages.models import StandardPage
from portal.testing.axe import axe_violations
from portal.testing.security import sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STANDARD_PAGE_LINKS = ["How You Can Help", "About Us", "Contact Us"]


def test_home_page_renders_and_navigation_reaches_each_page(live_site, page: BrowserPage):
    page.goto(live_site.url + "/")
    expect(page).to_have_title(re.compile("Anti-Trafficking Portal"))
    expect(page.locator("h1")).to_contain_text("human trafficking")
    for name in STANDARD_PAGE_LINKS:
        page.goto(live_site.url + "/")
        page.locator(".utility-nav").get_by_role("link", name=name).click()
        expect(page.locator("h1")).to_have_text(name)
    page.goto(live_site.url + "/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Privacy Policy and Disclaimer"
    ).click()
    expect(page.locator("h1")).to_have_text("Privacy Policy and Disclaimer")


def test_skip_link_is_first_and_moves_focus_to_content(live_site, page: BrowserPage):
    page.goto(live_site.url + "/about-us/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_box_submits(live_site, page: BrowserPage):
    page.goto(live_site.url + "/")
    page.get_by_label("Search the portal").fill("privacy")
    page.get_by_label("Search the portal").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=privacy"))
    expect(page.locator("h1")).to_have_text("Search")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/how-you-can-help/",
        "/about-us/",
        "/contact-us/",
        "/privacy-policy-and-disclaimer/",
        "/search/?q=help",
    ],
)
def test_no_wcag_a_or_aa_violations(live_site, page: BrowserPage, path):
    page.goto(live_site.url + path)
    assert axe_violations(page) == []


def test_page_works_on_a_320px_phone(live_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    phone = context.new_page()
    phone.goto(live_site.url + "/about-us/")
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, "no horizontal scrolling on a small phone"
    context.close()


def login(page: BrowserPage, base_url: str, username: str, password: str) -> None:
    sign_in_to_admin(page, base_url, User.objects.get(username=username), password)
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_submits_a_change_and_a_moderator_publishes_it(live_site, browser):
    editor = User.objects.create_user("editor", password="editor-pass-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = User.objects.create_user("moderator", password="moderator-pass-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    new_intro = "Reviewed text from the editorial workflow test."

    editor_context = browser.new_context()
    page = editor_context.new_page()
    login(page, live_site.url, "editor", "editor-pass-1")
    page.goto(f"{live_site.url}/admin/pages/{about.pk}/edit/")
    page.locator("#id_intro").fill(new_intro)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("Submit to Moderators approval")).click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    editor_context.close()

    # Not public yet: the change waits for review.
    about.refresh_from_db()
    assert about.intro != new_intro

    moderator_context = browser.new_context()
    page = moderator_context.new_page()
    login(page, live_site.url, "moderator", "moderator-pass-1")
    page.goto(f"{live_site.url}/admin/pages/{about.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    moderator_context.close()

    reader = browser.new_context().new_page()
    reader.goto(live_site.url + "/about-us/")
    expect(reader.locator(".lede")).to_have_text(new_intro)
