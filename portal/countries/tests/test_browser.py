"""The country pages and the citation workflow in a real browser (Debian's chromium)."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.countries.models import CountryProfilePage
from portal.testing.axe import axe_violations
from portal.testing.security import sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_footnote_mark_jumps_to_its_note_and_back(live_site, page: BrowserPage):
    page.goto(live_site.url + "/countries/la/")
    page.locator(".country__narrative").get_by_role("link", name="Note 4", exact=True).click()
    expect(page).to_have_url(re.compile(r"#note-4$"))
    note = page.locator("#note-4")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("World Vision Laos")
    note.get_by_role("link", name="Back to the text of note 4").click()
    expect(page).to_have_url(re.compile(r"#ref-4$"))
    expect(page.locator("#ref-4")).to_be_in_viewport()
    # A key figure leads to the note of its source, which leads back to it.
    page.locator("#key-figures").get_by_role("link", name="Note 21").first.click()
    expect(page.locator("#note-21")).to_be_in_viewport()
    expect(page.locator("#note-21")).to_contain_text("Trafficking in Persons Report 2007")


@pytest.mark.parametrize(
    "path",
    [
        "/countries/",
        "/countries/la/",
        "/countries/th/",
        "/countries/regions/east-asia-pacific/",
        "/sources/",
        "/sources/us-dos-tip-2007/",
    ],
)
def test_no_wcag_a_or_aa_violations(live_site, page: BrowserPage, path):
    page.goto(live_site.url + path)
    assert axe_violations(page) == []


def test_the_country_page_fits_a_320px_phone_and_prints_its_notes(live_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    phone = context.new_page()
    phone.goto(live_site.url + "/countries/la/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.emulate_media(media="print")
    assert phone.locator(".country__toc").is_hidden()
    after = phone.evaluate(
        "getComputedStyle(document.querySelector('#note-1 cite a'), '::after').content"
    )
    assert "/sources/us-dos-hrr-2006/" in after  # no address of its own: the portal page
    context.close()


def test_an_editor_cites_a_source_and_sees_it_numbered(live_site, browser):
    admin = User.objects.create_superuser("admin", "admin@example.org", "admin-pass-1")
    profile = CountryProfilePage.objects.get(slug="la", locale__language_code="en")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in_to_admin(page, live_site.url, admin, "admin-pass-1")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"{live_site.url}/admin/pages/{profile.pk}/edit/")
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+Home")
    for _ in range(4):  # select "Most": the citation goes right after the selection
        page.keyboard.press("Shift+ArrowRight")
    page.get_by_role("button", name="Citation: cite a source here").click()
    modal = page.locator(".modal")
    modal.get_by_role("link", name="Lao PDR: The Situation").click()
    modal.get_by_label("Where in the source (optional)").fill("Situation page")
    modal.get_by_role("button", name="Insert citation").click()
    expect(modal).to_be_hidden()
    expect(editor).to_contain_text("Most[Lao PDR: The Situation] trafficking")
    # Draftail writes its state to the form's hidden input after the change: wait for it.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes('Situation page'))"
    )

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=re.compile("^Publish")).click()
    expect(page.locator(".messages")).to_contain_text("has been published")
    context.close()

    reader = browser.new_context().new_page()
    reader.goto(live_site.url + "/countries/la/")
    first_mark = reader.locator(".country__narrative sup.note-ref a").first
    expect(first_mark).to_have_text("Note 1")
    expect(reader.locator(".country__narrative sup.note-ref a")).to_have_count(21)
    expect(reader.locator("#note-1")).to_contain_text("Lao PDR: The Situation")
    expect(reader.locator("#note-1")).to_contain_text("Situation page")
    expect(reader.locator("#note-5")).to_contain_text("World Vision Laos")  # was note 4
