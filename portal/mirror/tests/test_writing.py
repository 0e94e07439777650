"""The mirror writes what every anonymous reader gets, atomically, with compressed copies, and
refuses what is made for one reader (forms, cookies)."""

import pytest
from wagtail.models import Locale, Page

from portal.core.rendering import NotShareable, RenderedResponse, SiteRenderer, file_path_for_url
from portal.mirror.models import MirroredUrl, MirrorLink

from .conftest import read, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.mark.parametrize(
    "url,media_type,path",
    [
        ("/", "text/html", "index.html"),
        ("/countries/la/json/", "application/json", "countries/la/json/index.json"),
        ("/countries/la/csv/figures/", "text/csv", "countries/la/csv/figures/index.csv"),
        ("/feeds/updates.rss", "application/rss+xml", "feeds/updates.rss"),
    ],
)
def test_file_names_follow_the_type_of_the_response(url, media_type, path):
    assert str(file_path_for_url(url, media_type)) == path


@pytest.mark.parametrize(
    "headers,cookies,body,reason",
    [
        ({}, ("csrftoken",), b"<p>x</p>", "sets cookies"),
        ({}, (), b'<form><input name="csrfmiddlewaretoken" value="x"></form>', "CSRF"),
        ({"Cache-Control": "private"}, (), b"<p>x</p>", "Cache-Control"),
        ({}, (), b"<p>x</p>", None),
    ],
)
def test_responses_made_for_one_reader_are_not_shareable(headers, cookies, body, reason):
    rendered = RenderedResponse(
        "/x/", 200, "text/html; charset=utf-8", body, headers=headers, cookies=cookies
    )
    found = rendered.not_shareable_reason()
    assert (found is None) if reason is None else (reason in found)


def test_the_renderer_refuses_to_write_a_form(demo_site, tmp_path):
    with pytest.raises(NotShareable):
        SiteRenderer().write("/contact-us/", tmp_path)
    assert not list(tmp_path.rglob("*"))
    written = SiteRenderer().write("/about-us/", tmp_path)
    assert [p.name for p in written.parent.iterdir()] == ["index.html"]  # no temporary left


def test_pages_feeds_and_downloads_with_compressed_copies(demo_site, mirror, mirror_root):
    urls = [
        "/",
        "/lo/about-us/",
        "/feeds/updates.rss",
        "/countries/la/csv/figures/",
        "/sitemap.xml",
    ]
    result = mirror.refresh(urls, follow_links=False)
    assert sorted(result.written) == sorted(urls)
    assert '<html lang="lo"' in read(mirror_root, "lo/about-us/index.html")
    assert "<rss" in read(mirror_root, "feeds/updates.rss")
    assert read(mirror_root, "countries/la/csv/figures/index.csv").count("\n") > 1
    assert "<urlset" in read(mirror_root, "sitemap.xml")
    home = MirroredUrl.objects.get(url="/")
    assert home.page_id == demo_site.pk
    assert MirrorLink.objects.filter(source=home, target="/about-us/").exists()

    # Rendering again what did not change keeps the files as they are.
    before = snapshot(mirror_root)
    again = mirror.refresh(urls, follow_links=False)
    assert again.written == [] and sorted(again.unchanged) == sorted(urls)
    assert snapshot(mirror_root) == before


def test_forms_and_per_reader_pages_never_enter_the_mirror(demo_site, mirror, mirror_root):
    result = mirror.refresh(
        ["/contact-us/", "/search/", "/accounts/login/", "/updates/?page=2", "/admin/"],
        follow_links=False,
    )
    assert result.written == []
    assert result.refused == ["/contact-us/"]
    assert not mirror_root.exists() or not [p for p in mirror_root.rglob("*") if p.is_file()]


def test_a_private_page_is_never_written(demo_site, mirror, mirror_root):
    # A private update, and its fallback copy under /lo/ (the demo does not translate updates).
    update = Page.objects.get(url_path="/home/updates/trafficking-in-persons-report-2007-lao-pdr/")
    # A translation is a page of its own, with its own restrictions (Wagtail's, and the live
    # site's): here the English page and its Lao translation are both private.
    page = Page.objects.get(url_path="/home/how-you-can-help/")
    lao = page.get_translation(Locale.objects.get(language_code="lo"))
    for private in (update, page, lao):
        private.view_restrictions.create(restriction_type="login")
    urls = [update.url, f"/lo{update.url}", page.url, "/lo/how-you-can-help/"]
    result = mirror.refresh(urls, follow_links=False)
    assert result.written == []
    assert not (mirror_root / "how-you-can-help").exists()
    assert not (mirror_root / "lo").exists() and not (mirror_root / "updates").exists()
