"""The low-bandwidth budget, checked on rendered pages: HTML plus CSS at most 30 KB compressed,
no script needed (any script deferred and small), no web fonts, images lazy and sized.

PAGE_WEIGHT_URLS lists one page of each kind: extend it when a new kind of page arrives.
"""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_HTML_AND_CSS = 30 * 1024  # bytes, gzip-compressed
BUDGET_SCRIPT = 10 * 1024  # bytes, uncompressed, per script

PAGE_WEIGHT_URLS = [
    "/",  # home
    "/about-us/",  # a long standard page
    "/countries/la/",  # a country profile: figures, charts, the flow map, footnotes
    "/countries/",  # the country index and its map
    "/resources/",  # a listing with filters
    "/updates/",  # a dated listing
    "/countries/la/everything/",  # everything about a country, grouped by type
    "/needs-and-resources/",  # the needs board
    "/lo/about-us/",  # a Lao translation
    "/th/contact-us/",  # a fallback page
    "/search/?q=trafficking",  # search results
]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def static_bytes(url: str) -> bytes:
    path = finders.find(urlsplit(url).path.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as handle:
        return handle.read()


@pytest.mark.parametrize("url", PAGE_WEIGHT_URLS)
def test_page_fits_the_budget(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    stylesheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    css = b"".join(static_bytes(href) for href in stylesheets)
    weight = gzip_size(response.content) + gzip_size(css)
    assert weight <= BUDGET_HTML_AND_CSS, f"{url}: {weight} bytes compressed"
    assert b"@font-face" not in css, "no web fonts: system fonts only"

    for script in html.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue  # a data block (JSON-LD), never executed: no weight of script, no CSP issue
        assert script.has_attr("defer") or script.has_attr("async"), script
        assert script.has_attr("src"), "no inline scripts (the CSP forbids them)"
        assert len(static_bytes(script["src"])) < BUDGET_SCRIPT

    for image in html.select("main img"):
        assert image.get("loading") == "lazy", image
        assert image.get("width") and image.get("height"), image
        if not re.search(r"\.svg($|\?)", image["src"]):
            assert image.get("srcset"), image


def test_images_in_body_text_are_lazy_sized_and_have_a_small_srcset(client, demo_site):
    from wagtail_factories import ImageFactory

    from portal.standardpages.models import StandardPage

    image = ImageFactory(file__width=1600, file__height=900, title="Meeting")
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    about.body.append(("image", {"image": image, "alt_text": "A meeting", "decorative": False}))
    about.save_revision().publish()
    html = BeautifulSoup(client.get("/about-us/").content, "html.parser")
    [img] = html.select("main img")
    assert img["loading"] == "lazy" and img["alt"] == "A meeting"
    assert (img["width"], img["height"]) == ("400", "225")
    widths = sorted(int(part.split()[-1].rstrip("w")) for part in img["srcset"].split(","))
    assert widths == [400, 800, 1200]
    assert img["sizes"]


def test_stylesheet_names_lao_and_thai_system_fonts_and_gives_them_room():
    css = static_bytes("/static/css/portal.css").decode()
    for font in ["Noto Sans Lao", "Phetsarath OT", "Noto Sans Thai", "Leelawadee UI", "Tahoma"]:
        assert font in css
    assert re.search(r":lang\(lo\), :lang\(th\) \{ line-height: 1\.[7-9]", css)
