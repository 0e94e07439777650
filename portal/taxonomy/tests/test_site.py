"""Site-wide pieces: sitemap in every language, robots.txt, page metadata, the admin forms for
every item type, and the related-content boxes on every item type."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from defusedxml.ElementTree import fromstring
from django.contrib.auth.models import Group, User
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.library.models import ResourceIndexPage
from portal.organizations.models import OrganizationIndexPage
from portal.taxonomy.models import RelatedLink
from portal.testing import build
from portal.updates.models import EventIndexPage, UpdateIndexPage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_every_language_with_alternates(client, site_tree):
    page = build.resource("Lao law", countries=["LA"], topics=["legislation"])
    lao = Locale.objects.get(language_code="lo")
    site_tree.copy_for_translation(lao).save_revision().publish()
    page.get_parent().copy_for_translation(lao).save_revision().publish()
    translation = page.copy_for_translation(lao)
    translation.title = "ກົດໝາຍ"
    translation.save_revision().publish()
    draft = build.resource("Unpublished plan")
    draft.unpublish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = fromstring(response.content)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.iter(f"{SITEMAP}url")}
    assert "http://localhost/resources/lao-law/" in urls
    assert "http://localhost/lo/resources/lao-law/" in urls
    assert "http://localhost/lo/" in urls
    assert not any("unpublished-plan" in loc for loc in urls)
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://localhost/resources/lao-law/"].iter(f"{XHTML}link")
    }
    assert alternates == {
        "en": "http://localhost/resources/lao-law/",
        "lo": "http://localhost/lo/resources/lao-law/",
    }
    # The topic and country listings, in each language.
    for path in ("/topics/", "/topics/legislation/", "/countries/la/everything/"):
        assert f"http://testserver{path}" in urls, path
        assert f"http://testserver/th{path}" in urls, path
    assert "http://testserver/regions/east-asia-pacific/" in urls


def test_robots_keeps_crawlers_out_of_search_in_every_language(client, site_tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    for path in ("/admin/", "/search/", "/lo/search/", "/th/search/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_listing_pages_have_meta_and_canonical(client, site_tree):
    build.index_page(ResourceIndexPage, "resources")
    ResourceIndexPage.objects.update(intro="Reports and laws.")
    html = BeautifulSoup(client.get("/resources/?country=la").content, "html.parser")
    assert html.select_one("link[rel=canonical]")["href"] == "http://localhost/resources/"
    assert html.select_one("meta[name=description]")["content"] == "Reports and laws."
    assert html.select_one("meta[property='og:type']")["content"] == "website"
    topics = BeautifulSoup(client.get("/topics/").content, "html.parser")
    assert topics.select_one("link[rel=canonical]")["href"] == "http://testserver/topics/"
    assert topics.select_one("meta[property='og:title']")["content"] == "Topics"


@pytest.mark.parametrize(
    "index_model,slug,item",
    [
        (ResourceIndexPage, "resources", "resourcepage"),
        (OrganizationIndexPage, "organizations", "organizationpage"),
        (UpdateIndexPage, "updates", "updatepage"),
        (EventIndexPage, "events", "eventpage"),
    ],
)
def test_editors_get_the_add_form_of_each_item_type(client, site_tree, index_model, slug, item):
    index = build.index_page(index_model, slug)
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    app = index_model._meta.app_label
    response = client.get(f"/admin/pages/add/{app}/{item}/{index.pk}/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    for field in ("title", "summary", "countries", "topics"):
        assert html.select_one(f"[name={field}]"), field
    assert "related_pages-TOTAL_FORMS" in response.content.decode()


def _form_as_rendered(html: BeautifulSoup) -> dict[str, str]:
    """The values a browser would send for the page form as the admin rendered it
    (formset management forms included)."""
    form = html.select_one("form#page-edit-form") or html.select_one("form[method=POST]")
    data: dict[str, str] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "input" and field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "input" and field.get("type") in ("submit", "button", "file"):
            continue
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            if chosen is not None:
                data[name] = chosen.get("value", "")
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize(
    ("index_model", "slug", "item", "extra"),
    [
        (OrganizationIndexPage, "organizations", "organizationpage", {"organization_type": "ngo"}),
        (UpdateIndexPage, "updates", "updatepage", {"date": "2007-06-12"}),
        (EventIndexPage, "events", "eventpage", {"start_date": "2006-08-01"}),
    ],
)
def test_editors_add_each_item_type_for_review(client, site_tree, index_model, slug, item, extra):
    """Filled in and submitted through the admin as an editor would: saved as a draft in
    moderation, with its country."""
    index = build.index_page(index_model, slug)
    lao = build.country("LA")
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = f"/admin/pages/add/{index_model._meta.app_label}/{item}/{index.pk}/"
    data = _form_as_rendered(BeautifulSoup(client.get(url).content, "html.parser"))
    data.update(
        {
            "title": "Submitted by an editor",
            "slug": "submitted-by-an-editor",
            "summary": "A summary written in the admin.",
            "countries": str(lao.pk),
            "action-submit": "Submit to Moderators approval",
            **extra,
        }
    )
    data.pop("body", None)  # the stream field's editor is drawn by script: post it empty
    data.update(nested_form_data({"body": streamfield([])}))
    response = client.post(url, data)
    errors = [
        (e.get("id", ""), e.get_text(" ", strip=True))
        for e in BeautifulSoup(response.content, "html.parser").select(
            ".w-field__errors, .help-critical, .messages"
        )
        if e.get_text(strip=True)
    ]
    assert response.status_code == 302, errors
    index.refresh_from_db()  # its child count changed
    page = index.get_children().get(slug="submitted-by-an-editor").specific
    assert not page.live
    assert page.workflow_in_progress  # waiting for a moderator
    assert [c.iso2 for c in page.countries.all()] == ["LA"]


def test_editors_maintain_the_vocabulary(client, site_tree):
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/snippets/taxonomy/topic/add/").status_code == 200
    assert client.get("/admin/snippets/taxonomy/language/").status_code == 200
    response = client.post(
        "/admin/snippets/taxonomy/language/add/",
        {"code": "kjg", "name": "Khmu", "native_name": ""},
    )
    assert response.status_code == 302
    assert str(build.language("kjg", "?")) == "Khmu"


@pytest.mark.parametrize("kind", ["resource", "organization", "update", "event"])
def test_every_item_type_shows_related_boxes(client, site_tree, kind):
    make = getattr(build, kind)
    extra = {"start_date": date(2026, 5, 1)} if kind == "event" else {}
    page = make("Subject item", countries=["LA"], topics=["prevention"], **extra)
    build.resource("Shares a country", countries=["LA"])
    build.update("Shares a topic", topics=["prevention"])
    build.organization("Shares nothing", countries=["TH"])
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    box = html.select_one(".related__box")
    assert box.h2.get_text() == "Related pages on this site"
    assert {a.get_text() for a in box.select("li a")} == {"Shares a country", "Shares a topic"}

    page.related_links.add(
        RelatedLink(title="ILO page", url="https://example.org/ilo", language="en")
    )
    page.save_revision().publish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = html.select(".related__box")[1]
    assert links.h2.get_text() == "Related external links"
    assert links.select_one("a[hreflang=en]").get_text() == "ILO page"
