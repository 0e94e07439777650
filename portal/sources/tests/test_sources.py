"""The bibliography: slugs, title matching, the public pages and "cited by"."""

import pytest
from bs4 import BeautifulSoup

from portal.countries.models import CountryProfilePage
from portal.sources import views
from portal.sources.models import Source

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").main.get_text(" ").split())


def test_slugs_are_made_once_and_unique(db):
    first = Source.objects.create(title="Annual Report: Laos")
    second = Source.objects.create(title="Annual report — Laos")
    assert (first.slug, second.slug) == ("annual-report-laos", "annual-report-laos-2")
    first.title = "Renamed"
    first.save()
    assert first.slug == "annual-report-laos"
    assert Source.objects.create(title="ລາຍງານ").slug.startswith("source-")


def test_matching_by_title_or_alternative_title(site_tree):
    source = Source.objects.create(
        title="Trafficking in Persons Report 2007",
        alternative_titles="2007 US Department of State Trafficking in Persons Report\n",
    )
    assert Source.objects.matching_title("  trafficking in persons report 2007. ") == source
    assert (
        Source.objects.matching_title("2007 US Department of State Trafficking in Persons Report")
        == source
    )
    assert Source.objects.matching_title("Another report") is None


@pytest.mark.smoke
def test_index_and_uuid_address(client, cited_site):
    text = page_text(client.get("/sources/"))
    assert "US Department of State. Trafficking in Persons Report 2007 (2007)." in text
    source = Source.objects.get(slug="us-dos-tip-2007")
    response = client.get(f"/sources/{source.uuid}/")
    assert response.status_code == 301 and response["Location"] == "/sources/us-dos-tip-2007/"
    assert client.get("/sources/no-such-source/").status_code == 404


def test_cited_by_lists_pages_figures_flows_and_country_descriptions(client, cited_site):
    html = BeautifulSoup(client.get("/sources/us-dos-tip-2007/").content, "html.parser")
    cited = html.find(id="cited-by").find_all_next("h3")
    assert [h.get_text() for h in cited] == [
        "Pages",
        "Country descriptions (roles, forms of exploitation, sectors)",
        "Figures",
        "Trafficking flows",
    ]
    pages = html.find("h3", string="Pages").find_next("ul")
    assert [a["href"] for a in pages.select("a")] == ["/countries/la/"]
    figures = html.find("h3", string="Figures").find_next("ul").select("li")
    assert len(figures) == 8
    assert figures[0].a["href"] == "/countries/la/#figures"
    flows = html.find("h3", string="Trafficking flows").find_next("ul")
    assert [a.get_text() for a in flows.select("a")] == ["Lao PDR → Thailand"]


def test_unpublished_pages_are_not_listed_as_citing(client, cited_site):
    CountryProfilePage.objects.get(slug="la").unpublish()
    html = BeautifulSoup(
        client.get("/sources/world-vision-laos-trafficking/").content, "html.parser"
    )
    assert "Nothing on the portal cites this source yet." in html.get_text()


def test_library_record_is_linked_when_there_is_one(client, demo_site):
    from portal.library.models import ResourcePage

    resource = ResourcePage.objects.live().filter(source__isnull=False).first()
    source = resource.source
    html = BeautifulSoup(client.get(f"/sources/{source.slug}/").content, "html.parser")
    assert html.find("a", href=resource.url)
    assert views.library_resource_url(source, None) == resource.url
    resource.unpublish()
    source.refresh_from_db()
    assert views.library_resource_url(source, None) is None
    no_record = Source.objects.filter(library_resource__isnull=True).first()
    assert views.library_resource_url(no_record, None) is None
