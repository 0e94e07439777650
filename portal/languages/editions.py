"""Where a reader finds a page in their language, and what they get when it is not translated.

Every page has an address in every language. /lo/about-us/ is the Lao translation of
/about-us/ when one is published; otherwise it serves the English page, with the interface in
Lao and a notice saying that the text is in English (the "fallback"). So links and the language
switcher always keep a reader in their language, and a translation appears at the same address
the day it is published.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site


def default_language() -> str:
    return settings.LANGUAGE_CODE


def live_translation(page: Page, language_code: str) -> Page | None:
    """The page's published translation in a language (the page itself if it is in it)."""
    if page.locale.language_code == language_code:
        return page if page.live else None
    try:
        locale = Locale.objects.get_for_language(language_code)
    except Locale.DoesNotExist:
        return None
    translation_ = page.get_translation_or_none(locale)
    return translation_ if translation_ is not None and translation_.live else None


def source_page(page: Page) -> Page:
    """The page in the default language (the original that translations are made from)."""
    if page.locale.language_code == default_language():
        return page
    try:
        return page.get_translation(Locale.get_default())
    except Page.DoesNotExist:
        return page


def _path_below_site_root(page: Page, request: HttpRequest | None) -> str | None:
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    if root.locale_id != page.locale_id:
        root = root.get_translation_or_none(page.locale) or root
    if not page.url_path.startswith(root.url_path):
        return None
    return page.url_path[len(root.url_path) :]


def fallback_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """The address that shows the page's original under a language's prefix (/lo/about-us/)."""
    original = source_page(page)
    relative = _path_below_site_root(original, request)
    if relative is None:
        return None
    with translation.override(language_code):
        return reverse("wagtail_serve", args=(relative,))


def reader_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """Where a reader of a language reads a page: its translation, or else the fallback."""
    translated = live_translation(page, language_code)
    if translated is not None:
        return translated.get_url(request=request)
    return fallback_url(page, language_code, request) or page.get_url(request=request)


def serve_fallback(request: HttpRequest, path: str, serve_view) -> HttpResponse | None:
    """For a path that has no page in the reader's language, serve the default-language page
    at the same path (through Wagtail's own view, so privacy restrictions and hooks apply).
    None when there is no such page either."""
    language = translation.get_language()
    if language == default_language():
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = site.root_page
    try:
        home = home.get_translation(Locale.get_default())
    except Page.DoesNotExist:
        return None
    components = [component for component in path.split("/") if component]
    try:
        route = home.specific.route(request, components)
    except Http404:
        return None
    # Wagtail's serve view reuses a route cached on the request.
    request._wagtail_route_for_request = route
    return serve_view(request, path)
