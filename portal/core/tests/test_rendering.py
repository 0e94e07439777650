import pytest
from wagtail.models import Page

from portal.core.rendering import SiteRenderer, file_path_for_url, published_pages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,path",
    [
        ("/", "index.html"),
        ("/about-us/", "about-us/index.html"),
        ("/lo/x/", "lo/x/index.html"),
        ("/feed.xml", "feed.xml"),
    ],
)
def test_file_path_for_url(url, path):
    assert str(file_path_for_url(url)) == path


def test_file_path_refuses_to_leave_the_tree():
    with pytest.raises(ValueError):
        file_path_for_url("/../etc/passwd")


def test_writes_pages_as_an_anonymous_reader(demo_site, tmp_path):
    renderer = SiteRenderer()
    written = renderer.write("/about-us/", tmp_path)
    assert written == tmp_path / "about-us" / "index.html"
    assert b"<h1>About Us</h1>" in written.read_bytes()


def test_published_pages_excludes_drafts(demo_site):
    draft = Page.objects.get(slug="contact-us", locale__language_code="en")
    draft.unpublish()
    urls = [p.url for p in published_pages()]
    assert "/about-us/" in urls and "/contact-us/" not in urls
