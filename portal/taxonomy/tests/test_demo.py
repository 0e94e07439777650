"""The collections' demo content: only what the seed page states, linked to the shared sources,
with no invented contacts or dates."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.countries.models import Country
from portal.library.models import ResourcePage
from portal.organizations.models import OrganizationPage
from portal.sources.models import Source
from portal.updates.models import EventPage, UpdatePage

pytestmark = pytest.mark.django_db

SOURCES = Path(__file__).parents[2] / "sources" / "demo_data" / "sources.json"


@pytest.mark.smoke
def test_demo_collections(client, demo_site):
    lao = Country.objects.get(iso2="LA")
    assert (lao.iso3, lao.numeric, lao.name, lao.region) == (
        "LAO",
        "418",
        "Lao PDR",
        "east-asia-pacific",
    )

    # The five sources of the seed page, each one resource and one Source (not two).
    titles = {s["title"] for s in json.loads(SOURCES.read_text())["sources"]}
    resources = ResourcePage.objects.live()
    assert {r.title for r in resources} == titles
    assert Source.objects.count() == len(titles)
    for resource in resources:
        assert resource.source.title == resource.title
        assert resource.publisher == resource.source.author
        assert list(resource.countries.all()) == [lao]
    tip = resources.get(title="Trafficking in Persons Report 2007")
    assert tip.year == 2007 and tip.link_url.startswith("https://")

    organizations = {o.acronym or o.title: o for o in OrganizationPage.objects.live()}
    assert set(organizations) == {"LWU", "MLSW", "IOM", "UNIAP", "World Vision Laos"}
    for organization in organizations.values():
        assert not organization.has_contact, organization.title  # nothing invented
        assert organization.last_verified is None
    lwu_services = {s.code for s in organizations["LWU"].services.all()}
    assert {"shelter", "legal-aid", "medical", "counselling"} <= lwu_services
    assert "17" in organizations["LWU"].summary and "259" in organizations["MLSW"].summary

    events = {e.slug: e for e in EventPage.objects.live()}
    commit = events["commit-meeting-lao-pdr-2006"]
    assert (commit.start_date, commit.date_precision) == (date(2006, 8, 1), "month")
    workshop = events["first-national-anti-trafficking-workshop-lao-pdr"]
    assert (workshop.start_date, workshop.date_precision) == (date(2006, 1, 1), "year")
    assert commit.information_source.title == "Country Reports on Human Rights Practices 2006: Laos"
    # Updates report the release of the cited reports; each figure is the report's own.
    updates = {u.slug: u for u in UpdatePage.objects.live()}
    tip_update = updates["trafficking-in-persons-report-2007-lao-pdr"]
    assert tip_update.date == date(2007, 6, 12)
    assert tip_update.source_url == Source.objects.get(title=tip.title).url
    text = str(tip_update.body)
    for figure in ("27 trafficking investigations", "15 arrests", "12 prosecutions", "259"):
        assert figure in text
    assert {c.iso2 for c in tip_update.countries.all()} == {"LA", "TH"}
    rss = client.get("/feeds/updates.rss").content.decode()
    assert "Trafficking in Persons Report 2007: Lao PDR placed in Tier 2" in rss

    for url in ("/resources/", "/organizations/", "/updates/", "/events/?when=past"):
        assert client.get(url).status_code == 200
    page = client.get("/events/?when=past").content.decode()
    assert "August 2006" in page and "2006" in page

    counts = Page.objects.count(), Source.objects.count()
    call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), Source.objects.count()) == counts
