"""The offline copy opened from disk (file://) in a real browser, with no server running."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offline_copy_works_from_disk(small_site, tmp_path, page: BrowserPage):
    output = tmp_path / "copy"
    call_command("export_offline", "--output", str(output), "--no-progress")
    # Any request to a server would fail the test: the copy must need none.
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto((output / "index.html").as_uri())
    page.locator(".utility-nav").get_by_role("link", name="About Us").click()
    expect(page.locator("h1")).to_have_text("About Us")
    page.locator(".language-nav").get_by_role("link", name="ລາວ").click()
    expect(page.locator("h1")).to_have_text("ກ່ຽວກັບພວກເຮົາ")

    page.get_by_label("ຄົ້ນຫາໃນປະຕູຂໍ້ມູນ").fill("ພວກເຮົາ")  # "Search the portal": "we/us"
    page.get_by_label("ຄົ້ນຫາໃນປະຕູຂໍ້ມູນ").press("Enter")
    expect(page).to_have_url(re.compile(r"lo/search/index\.html\?q="))
    results = page.locator("#offline-search-results a")
    expect(results.first).to_be_visible()
    results.filter(has_text="ກ່ຽວກັບພວກເຮົາ").click()
    expect(page.locator("h1")).to_have_text("ກ່ຽວກັບພວກເຮົາ")
    assert all(url.startswith("file://") for url in requests), requests
