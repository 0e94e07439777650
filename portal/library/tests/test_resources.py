"""A resource's page, its bibliography record (one Source, not two), and what it gives other
apps (country panel, newsletter digest)."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.library.models import ResourceIndexPage, ResourcePage
from portal.library.wagtail_hooks import new_resources, resources_about_country
from portal.sources.models import Source
from portal.testing import build

pytestmark = pytest.mark.django_db


def test_saving_a_resource_creates_and_then_updates_its_source(site_tree):
    page = build.resource(
        "Trafficking in Persons Report 2008",
        publisher="US Department of State",
        year=2008,
        link_url="https://example.org/tip-2008",
    )
    source = page.source
    assert (source.title, source.author, source.year, source.url) == (
        "Trafficking in Persons Report 2008",
        "US Department of State",
        2008,
        "https://example.org/tip-2008",
    )
    assert source.library_resource.pk == page.pk

    # A draft does not touch the bibliography; publishing it does.
    page.publisher = "Office to Monitor and Combat Trafficking in Persons"
    revision = page.save_revision()
    source.refresh_from_db()
    assert source.author == "US Department of State"
    revision.publish()
    source.refresh_from_db()
    assert source.author == "Office to Monitor and Combat Trafficking in Persons"
    assert Source.objects.count() == 1


def test_choosing_an_existing_source_fills_empty_fields_and_keeps_one_record(site_tree):
    imported = Source.objects.create(
        title="Lao PDR: The Situation", author="ILO-IPEC", year=2004, url="https://example.org/ilo"
    )
    page = build.resource("Lao PDR: The Situation", source=imported)
    assert (page.publisher, page.year, page.link_url) == (
        "ILO-IPEC",
        2004,
        "https://example.org/ilo",
    )
    assert page.source_id == imported.pk
    assert Source.objects.count() == 1
    assert page.citation_line == (
        "ILO-IPEC (2004). Lao PDR: The Situation. https://example.org/ilo"
    )
    with pytest.raises(ProtectedError):
        imported.delete()
    # Another resource cannot take the same record: the form says so (no database error).
    with pytest.raises(ValidationError) as caught:
        build.resource("Copy of the situation", source=imported)
    assert "source" in caught.value.message_dict


def test_a_translation_shares_the_original_source(site_tree):
    page = build.resource("Regional agreement", resource_type="agreement", year=2004)
    lao = Locale.objects.get(language_code="lo")
    home = page.get_parent().get_parent()
    lao_home = home.copy_for_translation(lao)
    page.get_parent().copy_for_translation(lao)
    translation = page.copy_for_translation(lao)
    assert lao_home.locale == lao
    assert translation.source_id is None
    assert translation.bibliographic_source == page.source
    translation.save_revision().publish()
    assert Source.objects.count() == 1


def test_citation_line_with_missing_parts_and_an_editors_own(site_tree):
    page = build.resource("Untitled notes")
    assert page.citation_line == "Untitled notes"
    page = build.resource("Field guide", publisher="World Vision Laos")
    assert page.citation_line == "World Vision Laos. Field guide"
    page = build.resource("Old plan", citation="Government of Lao PDR, National Plan, 2006")
    assert page.citation_line == "Government of Lao PDR, National Plan, 2006"


def test_resource_page_shows_what_a_reader_needs(client, site_tree):
    build.resource(
        "Mekong labour study",
        resource_type="research",
        publisher="Mekong Institute",
        year=2011,
        link_url="https://example.org/study",
        countries=["LA"],
        topics=["labour-migration"],
        languages=[build.language("lo", "Lao")],
    )
    html = BeautifulSoup(client.get("/resources/mekong-labour-study/").content, "html.parser")
    facts = {
        dt.get_text(): dt.find_next("dd").get_text(" ", strip=True)
        for dt in html.select(".facts dt")
    }
    assert facts["Type"] == "Research paper"
    assert facts["Year"] == "2011"
    assert facts["Languages"] == "Lao"
    assert facts["How to cite"].startswith("Mekong Institute (2011). Mekong labour study.")
    assert html.select_one(".classification a[href='/countries/la/everything/']")
    assert html.select_one(".classification a[href='/topics/labour-migration/']")


def test_editor_adds_a_resource_in_the_admin(client, site_tree):
    index = build.index_page(ResourceIndexPage, "resources")
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = f"/admin/pages/add/library/resourcepage/{index.pk}/"
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "National Plan of Action 2007",
            "slug": "national-plan-2007",
            "resource_type": "action-plan",
            "summary": "The government's plan against trafficking.",
            "publisher": "Government of Lao PDR",
            "year": "2007",
            "link_url": "",
            "citation": "",
            "body": streamfield([]),
            "related_pages": inline_formset([]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "action-submit": "Submit to Moderators approval",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    page = ResourcePage.objects.get(slug="national-plan-2007")
    assert not page.live
    assert page.source.title == "National Plan of Action 2007"
    assert page.source.author == "Government of Lao PDR"


def test_country_panel_lists_recent_resources_with_a_filtered_view_all(rf, site_tree):
    lao = build.country("LA")
    for year in range(2001, 2008):
        build.resource(f"Report {year}", year=year, countries=["LA"])
    build.resource("About Thailand", year=2010, countries=["TH"])
    html = BeautifulSoup(resources_about_country(lao, rf.get("/countries/la/")), "html.parser")
    assert html.section.h2.get_text() == "Recent resources about Lao PDR"
    assert [a.get_text() for a in html.select("li a")] == [
        f"Report {y}" for y in range(2007, 2002, -1)
    ]
    assert html.find("a", string="All resources about Lao PDR")["href"] == "/resources/?country=la"
    assert resources_about_country(build.country("KH"), rf.get("/")) is None


def test_digest_lists_resources_first_published_in_the_window(site_tree):
    now = datetime.now(UTC)
    old = build.resource("Old report", countries=["LA"], topics=["prevention"])
    new = build.resource("New report", countries=["LA", "TH"], topics=["prevention"])
    ResourcePage.objects.filter(pk=old.pk).update(first_published_at=now - timedelta(days=40))
    items = list(new_resources(now - timedelta(days=30), now + timedelta(minutes=1)))
    assert [i.title for i in items] == ["New report"]
    item = items[0]
    assert item.kind == "resource"
    assert item.url == "/resources/new-report/"
    assert item.key == f"wagtailcore.page:{new.translation_key}"
    assert set(item.countries) == {"LA", "TH"} and item.topics == ("prevention",)
    assert item.summary == "About New report." and item.language == "en"
    assert len(list(new_resources(None, now + timedelta(minutes=1)))) == 2
