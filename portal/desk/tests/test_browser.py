"""The "Needs review" dashboard in Debian's chromium: a moderator marks a profile reviewed
from it; the dashboard passes axe's WCAG A/AA checks."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.core.permissions import MODERATORS
from portal.countries.models import CountryProfilePage
from portal.sources.models import Source
from portal.testing.axe import axe_violations
from portal.testing.security import sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_clears_a_profile_from_the_dashboard(live_site, page: BrowserPage):
    moderator = User.objects.create_user("moderator", password="moderator-pass-1")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    profile = CountryProfilePage.objects.get(country__iso2="LA", locale__language_code="en")
    CountryProfilePage.objects.filter(pk=profile.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=500)
    )
    Source.objects.filter(pk=Source.objects.first().pk).update(
        link_failures=2, link_status="404", link_failing_since=timezone.now()
    )

    sign_in_to_admin(page, live_site.url, moderator, "moderator-pass-1")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.get_by_role("link", name="Needs review").click()
    expect(page.locator("h1")).to_have_text("Needs review")
    assert axe_violations(page) == []

    profiles = page.locator("section[aria-labelledby=review-profiles]")
    row = profiles.get_by_role("row", name=re.compile(profile.title))
    expect(row).to_contain_text("Last reviewed")
    links = page.locator("section[aria-labelledby=review-links]")
    expect(links).to_contain_text("Link broken since")
    row.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".messages")).to_contain_text("is marked as reviewed today")
    expect(profiles).to_contain_text("Every profile was reviewed recently.")
    # Wagtail's own success message fades in (axe measured its contrast mid-animation).
    assert axe_violations(page, exclude=[".messages"]) == []
    profile.refresh_from_db()
    assert profile.last_reviewed == timezone.localdate()
