"""The "Needs review" dashboard: what each person sees (only what they may act on), the
action each row links to, "Mark reviewed" recorded in the page's history, and its query
budget."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail_localize.models import TranslationSource

from portal.core.permissions import EDITORS, MODERATORS
from portal.countries.models import Country, CountryProfilePage
from portal.countries.review import REVIEWED_ACTION
from portal.needs.models import Need
from portal.needs.permissions import NEEDS_MODERATORS, ensure_needs_moderators_group
from portal.organizations.models import OrganizationPage
from portal.sources.models import Source
from portal.standardpages.models import StandardPage
from portal.taxonomy.models import RelatedLink
from portal.testing.security import login_staff

pytestmark = pytest.mark.django_db

URL = "/admin/needs-review/"


def person(group: str | None, name: str = "person") -> User:
    user = User.objects.create_user(name, password="pass-1-pass")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sections(client) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """Each section's rows: (title, [(action label, action url)])."""
    response = client.get(URL)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in html.select("section[aria-labelledby]"):
        rows = []
        for tr in section.select("tbody tr"):
            cells = tr.find_all("td")
            actions = [(a.get_text(strip=True), a["href"]) for a in cells[2].find_all("a")]
            actions += [
                (f.button.get_text(strip=True), f["action"]) for f in cells[2].find_all("form")
            ]
            rows.append((cells[0].get_text(strip=True), actions))
        found[section["aria-labelledby"].removeprefix("review-")] = rows
    return found


@pytest.fixture
def due(demo_site):
    """One of each thing the dashboard lists."""
    today = timezone.localdate()
    profile = CountryProfilePage.objects.get(country__iso2="LA", locale__language_code="en")
    CountryProfilePage.objects.filter(pk=profile.pk).update(
        last_reviewed=today - timedelta(days=400)
    )
    OrganizationPage.objects.update(last_verified=today)
    organisation = OrganizationPage.objects.filter(locale__language_code="en").first()
    OrganizationPage.objects.filter(pk=organisation.pk).update(
        last_verified=today - timedelta(days=800)
    )
    Source.objects.update(link_failures=0)
    source = Source.objects.first()
    Source.objects.filter(pk=source.pk).update(
        link_failures=2, link_status="404", link_failing_since=timezone.now()
    )
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    about.related_links.add(
        RelatedLink(
            title="Old report",
            url="https://example.org/old",
            link_failures=1,
            link_status="timeout",
            link_failing_since=timezone.now(),
        )
    )
    about.save_revision().publish()  # the Lao and Thai About Us are now behind it
    ensure_needs_moderators_group(apps)
    owner = User.objects.create_user("shelter@example.org", password="pass-1-pass")
    need = Need.objects.create(
        owner=owner,
        country=Country.objects.get(iso2="LA"),
        title="Interpreters for court hearings",
        category="interpreting",
        description="Lao and Thai interpreters to accompany people at court hearings.",
        until=today + timedelta(days=3),
        urgency="soon",
        moderation_status="approved",
    )
    Need.objects.create(
        owner=owner,
        country=Country.objects.get(iso2="LA"),
        title="Shelter beds next year",
        category=need.category,
        description=need.description,
        until=today + timedelta(days=200),
        urgency="soon",
        moderation_status="approved",
    )
    return {
        "profile": profile,
        "organisation": organisation,
        "source": source,
        "about": about,
        "need": need,
    }


@pytest.mark.smoke
def test_an_editor_sees_every_kind_of_page_and_source_row_with_its_action(client, due):
    login_staff(client, person(EDITORS))
    found = sections(client)
    profile = due["profile"]
    assert found["profiles"] == [
        (
            profile.title,
            [
                ("Edit", f"/admin/pages/{profile.pk}/edit/"),
                ("Mark reviewed", f"/admin/countries/profiles/{profile.pk}/reviewed/"),
            ],
        )
    ]
    organisation = due["organisation"]
    assert found["organisations"] == [
        (organisation.title, [("Verify and edit", f"/admin/pages/{organisation.pk}/edit/")])
    ]
    source = due["source"]
    about = due["about"]
    assert found["links"] == [
        (
            f"Source: {source.title}",
            [("Fix the address", f"/admin/snippets/sources/source/edit/{source.pk}/")],
        ),
        (
            "Related link “Old report” on “About Us”",
            [("Fix the link", f"/admin/pages/{about.pk}/edit/")],
        ),
    ]
    source_id = TranslationSource.objects.get(object_id=about.translation_key).pk
    update = reverse("wagtail_localize:update_translations", args=[source_id])
    assert found["translations"] == [
        ("About Us (ລາວ)", [("Update from the original", update)]),
        ("About Us (ไทย)", [("Update from the original", update)]),
    ]
    assert found["posts"] == []  # editors do not moderate the needs board


def test_a_needs_moderator_sees_only_needs_and_offers(client, due):
    login_staff(client, person(NEEDS_MODERATORS))
    found = sections(client)
    need = due["need"]
    assert found["posts"] == [
        (need.title, [("Extend its date", f"/admin/needs/needs/edit/{need.pk}/")])
    ]
    assert [found[key] for key in ("profiles", "organisations", "links", "translations")] == [
        [],
        [],
        [],
        [],
    ]


def test_people_who_can_act_on_nothing_are_refused(client, due):
    login_staff(client, User.objects.create_user("reader", password="pass-1-pass"))
    assert client.get(URL).status_code in (302, 403)


def test_mark_reviewed_dates_the_profile_logs_it_and_clears_the_row(client, due):
    moderator = person(MODERATORS)
    login_staff(client, moderator)
    profile = due["profile"]
    url = f"/admin/countries/profiles/{profile.pk}/reviewed/"
    assert client.get(url).status_code == 405  # only a form button (POST, with CSRF) does it
    response = client.post(url, {"next": URL})
    assert response.status_code == 302 and response["Location"] == URL
    profile.refresh_from_db()
    today = timezone.localdate()
    assert profile.last_reviewed == today and profile.next_review_due > today
    entry = PageLogEntry.objects.filter(page=profile, action=REVIEWED_ACTION).get()
    assert entry.user == moderator
    assert entry.data["last_reviewed"] == today.isoformat()
    # The draft keeps the date: publishing it later does not undo the review.
    assert profile.get_latest_revision_as_object().last_reviewed == today
    assert sections(client)["profiles"] == []


def test_the_dashboard_has_a_query_budget(client, due, django_assert_max_num_queries):
    login_staff(client, person(MODERATORS))
    client.get(URL)  # warm the caches the admin frame fills once
    with django_assert_max_num_queries(40):
        client.get(URL)
    # More rows of every kind cost no more queries.
    today = timezone.localdate()
    CountryProfilePage.objects.update(last_reviewed=today - timedelta(days=900))
    OrganizationPage.objects.update(last_verified=None)
    Source.objects.update(link_failures=1, link_failing_since=timezone.now(), link_status="500")
    with django_assert_max_num_queries(40):
        client.get(URL)


def test_only_people_who_may_edit_the_profile_mark_it_reviewed(client, due):
    login_staff(client, person(NEEDS_MODERATORS))
    profile = due["profile"]
    response = client.post(f"/admin/countries/profiles/{profile.pk}/reviewed/")
    assert response.status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.last_reviewed < timezone.localdate()
    assert not PageLogEntry.objects.filter(page=profile, action=REVIEWED_ACTION).exists()
