"""The site tree every install needs: locales, one home page per site root, the default Site.

Used by the demo loader and by test fixtures (a live-server test flushes the database, which
removes what Wagtail's migrations created).
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .conf import home_settings
from .models import HomePage

HOME_TITLE = "Anti-Trafficking Portal"
HOME_TAGLINE = "Sources, figures and help for everyone working against human trafficking"
HOME_INTRO = (
    "<p>The portal gathers what is known about human trafficking in each country, with every "
    "claim traced to its source, together with laws, reports, organisations and news. It "
    "answers research questions, connects organisations with people who can help them, and "
    "works on slow connections and offline.</p>"
)


@transaction.atomic
def ensure_site(hostname: str = "localhost", port: int = 80) -> HomePage:
    """Create what is missing of locales, root, home page and default site; return the home."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=default_locale)

    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    if home is None:
        # Wagtail's migrations leave a placeholder "Welcome" page (a plain Page, slug "home");
        # it is replaced, and the Site that pointed at it is recreated below.
        for placeholder in Page.objects.filter(depth=2, slug="home"):
            if type(placeholder.specific) is Page and not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title=HOME_TITLE,
            slug="home",
            tagline=HOME_TAGLINE,
            intro=HOME_INTRO,
            locale=default_locale,
        )
        root.add_child(instance=home)
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if home_settings().sync_site_with_base_url:
            hostname, port = site_address(settings.WAGTAILADMIN_BASE_URL)
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def site_address(base_url: str) -> tuple[str, int]:
    """Wagtail's (hostname, port) for a public address. Wagtail derives the scheme from the
    port (443: https, anything else: http), so https on another port cannot be expressed."""
    from urllib.parse import urlsplit

    parts = urlsplit(base_url)
    if not parts.hostname:
        raise ValueError(f"PORTAL_BASE_URL has no host name: {base_url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname, port


def sync_site_with_base_url(base_url: str | None = None) -> bool:
    """Make the default Site name the public address (PORTAL_BASE_URL), so canonical links,
    hreflang, sitemaps, feeds and emails do. True when it changed anything."""
    hostname, port = site_address(base_url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save()  # Site.save clears Wagtail's cached site root paths
    return True


def sync_site_after_migrate(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """post_migrate: every `migrate` (the deploy runs one) brings the Site up to date."""
    if home_settings().sync_site_with_base_url:
        sync_site_with_base_url()
