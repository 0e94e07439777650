"""The Wagtail Site follows PORTAL_BASE_URL, so every absolute link names the real address."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portal.home.site import site_address, sync_site_after_migrate, sync_site_with_base_url

pytestmark = pytest.mark.both_databases


def test_site_address_from_base_url():
    assert site_address("https://portal.example.org") == ("portal.example.org", 443)
    assert site_address("http://127.0.0.1:8080/") == ("127.0.0.1", 8080)
    assert site_address("http://portal.example.org") == ("portal.example.org", 80)
    with pytest.raises(ValueError):
        site_address("/no-host/")


@pytest.mark.django_db
def test_canonical_hreflang_sitemap_and_feed_name_the_base_url(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    assert sync_site_with_base_url() is True
    assert sync_site_with_base_url() is False  # nothing left to change
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "portal.example.org",
        443,
        "https://portal.example.org",
    )
    html = client.get("/countries/la/", HTTP_HOST="portal.example.org").content.decode()
    assert '<link rel="canonical" href="https://portal.example.org/countries/la/"' in html
    assert 'hreflang="lo" href="https://portal.example.org/lo/' in html
    assert "http://localhost" not in html
    sitemap = client.get("/sitemap.xml", HTTP_HOST="portal.example.org").content.decode()
    assert "<loc>https://portal.example.org/" in sitemap and "localhost" not in sitemap
    # Behind the proxy the request is https (X-Forwarded-Proto): secure=True stands for it.
    feed = client.get(
        "/feeds/updates.rss", HTTP_HOST="portal.example.org", secure=True
    ).content.decode()
    assert "https://portal.example.org/updates/" in feed and "localhost" not in feed


@pytest.mark.django_db
def test_migrate_and_the_command_apply_it(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8080"
    settings.PORTAL_SYNC_SITE_WITH_BASE_URL = False
    sync_site_after_migrate(sender=None)
    assert Site.objects.get(is_default_site=True).port == 80  # switched off: untouched
    settings.PORTAL_SYNC_SITE_WITH_BASE_URL = True
    sync_site_after_migrate(sender=None)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    call_command("sync_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(is_default_site=True).hostname == "portal.example.org"
