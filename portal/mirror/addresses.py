"""Which addresses the mirror may hold, and every one it holds after a full rebuild.

Only what every anonymous reader gets alike: no query strings (search, filters, pages of a
listing), nothing of the admin, accounts or search, no uploads or static files (the front web
server serves those itself). Forms, private and unpublished pages are refused when rendered
(see mirror.py), whatever their address."""

import contextlib
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Page, Site

from portal.core.rendering import published_pages
from portal.languages.editions import reader_url
from portal.offline import links

# Below these (after any language prefix) nothing is mirrored.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/api/v1/",
    "/accounts/",
    "/search/",
    "/newsletter/",
)
# Addresses outside the page tree that are the same for every reader, by URL name (each in
# every language). Listings found by following links are added by the crawl.
NAMED_URLS = (
    "updates:rss",
    "updates:atom",
    "updates:events_ics",
    "taxonomy:topic_index",
    "sources:index",
    "opendata:index",
    "api_reference",
)
UNPREFIXED_URLS = ("/sitemap.xml", "/robots.txt")


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def strip_language(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    if first in languages() and first != settings.LANGUAGE_CODE:
        return path[len(first) + 1 :] or "/"
    return path


def is_mirrorable(url: str) -> bool:
    if not url.startswith("/") or "?" in url or "#" in url or "//" in url:
        return False
    path = strip_language(url)
    if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return False
    return not any(
        path.startswith(prefix) or url.startswith(prefix) for prefix in EXCLUDED_PREFIXES
    )


def in_every_language(name: str, *args) -> set[str]:
    urls = set()
    for code in languages():
        with translation.override(code), contextlib.suppress(NoReverseMatch):
            urls.add(reverse(name, args=args))
    return urls


def page_urls(page: Page) -> set[str]:
    """Where readers find a page, in every language: its translations, or the original under
    each language's prefix (the fallback)."""
    urls = set()
    for code in languages():
        url = reader_url(page, code)
        if url:
            urls.add(url)
    return {url for url in urls if url.startswith("/")}


def site_hosts(site: Site) -> set[str]:
    hosts = {
        site.hostname,
        f"{site.hostname}:{site.port}",
        urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
    }
    return {host for host in hosts if host}


def links_in(html: str, base: str, hosts: set[str]) -> set[str]:
    """The site-absolute addresses (no fragment) an HTML page links to on this site."""
    found = set()
    for candidate in links.html_urls(html):
        candidate = candidate.strip()
        if not candidate or candidate.startswith(links.SKIPPED_SCHEMES):
            continue
        parts = urlsplit(urljoin("http://mirror.invalid" + base, candidate))
        if parts.netloc not in hosts | {"mirror.invalid"}:
            continue
        found.add((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
    return found


def seed_urls(site: Site | None = None) -> list[str]:
    """The starting points of a full rebuild: every public page in every language and the
    addresses outside the tree; the crawl adds what they link to (country downloads, topic,
    region and source pages, /data/ files)."""
    urls: dict[str, None] = {}
    for code in languages():
        urls["/" if code == settings.LANGUAGE_CODE else f"/{code}/"] = None
    for page in published_pages(site).specific(defer=True):
        for url in sorted(page_urls(page)):
            urls[url] = None
    for name in NAMED_URLS:
        for url in sorted(in_every_language(name)):
            urls[url] = None
    for url in UNPREFIXED_URLS:
        urls[url] = None
    return [url for url in urls if is_mirrorable(url)]
