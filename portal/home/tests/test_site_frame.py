import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from portal.core.models import PortalSettings
from portal.standardpages.models import StandardPage
from portal.testing.html import soup

pytestmark = pytest.mark.django_db

STANDARD_PAGES = {
    "how-you-can-help": "How You Can Help",
    "about-us": "About Us",
    "contact-us": "Contact Us",
    "privacy-policy-and-disclaimer": "Privacy Policy and Disclaimer",
}


@pytest.mark.smoke
def test_home_page_has_the_portal_frame(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "en"
    skip = html.select_one("a.skip-link")
    assert skip["href"] == "#main" and html.select_one("main#main")
    header_links = {a.get_text(strip=True): a["href"] for a in html.select(".utility-nav a")}
    assert header_links == {
        "How You Can Help": "/how-you-can-help/",
        "About Us": "/about-us/",
        "Contact Us": "/contact-us/",
    }
    search = html.select_one("form[role=search]")
    assert search["action"] == "/search/" and search["method"] == "get"
    assert search.select_one("input[name=q]")
    footer = html.select_one("footer")
    assert footer.find("a", string="Privacy Policy and Disclaimer")
    assert "©" in footer.get_text()
    assert html.select_one("img.brand__logo")["src"].endswith("logo.svg")


@pytest.mark.parametrize("slug,title", STANDARD_PAGES.items())
def test_standard_pages_exist_with_real_content(client, demo_site, slug, title):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == title
    text = html.select_one("main").get_text(" ", strip=True)
    assert len(text.split()) > 80, "a standard page needs real content"
    assert "lorem" not in text.lower()


def test_pages_load_nothing_from_other_hosts(client, demo_site):
    for url in ["/", *[f"/{slug}/" for slug in STANDARD_PAGES]]:
        response = client.get(url)
        html = soup(response)
        # Canonical and hreflang links are absolute by definition; they load nothing.
        loaded_links = [
            link
            for link in html.find_all("link")
            if "alternate" not in link.get("rel", []) and "canonical" not in link.get("rel", [])
        ]
        elements = [*loaded_links, *html.find_all("script"), *html.find_all("img")]
        for element in elements:
            value = element.get("href") or element.get("src") or ""
            assert not value.startswith(("http:", "https:", "//")), (url, value)
        assert "default-src 'self'" in response["Content-Security-Policy"]
        # Nothing needs JavaScript to be read: the only script (quick exit) is deferred.
        assert all(script.has_attr("defer") for script in html.find_all("script"))
        assert len(html.find_all("link", rel="stylesheet")) == 1


def test_anonymous_readers_get_no_cookies(client, demo_site):
    for url in ["/", "/about-us/", "/search/?q=trafficking"]:
        response = client.get(url)
        assert not response.cookies, url


def test_unknown_address_gets_a_helpful_404(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_demo_loader_is_idempotent_and_keeps_editors_changes(demo_site):
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    about.title = "About the portal"
    about.save_revision().publish()
    counts = (Page.objects.count(), Revision.objects.count())

    call_command("load_demo", verbosity=0)

    assert (Page.objects.count(), Revision.objects.count()) == counts
    assert (
        StandardPage.objects.get(slug="about-us", locale__language_code="en").title
        == "About the portal"
    )


def test_settings_link_the_standard_pages(demo_site):
    portal_settings = PortalSettings.objects.get()
    assert portal_settings.about_page.slug == "about-us"
    assert portal_settings.privacy_page.slug == "privacy-policy-and-disclaimer"


def test_robots_and_sitemap(client, demo_site):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and b"Sitemap: http://testserver/sitemap.xml" in robots.content
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and b"/about-us/" in sitemap.content
