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


def request_cache(request: HttpRequest | None) -> dict:
    """Per-request memo: the frame asks about the same pages several times per page view."""
    if request is None:
        return {}
    cache = getattr(request, "_portal_editions", None)
    if cache is None:
        cache = request._portal_editions = {}
    return cache


def language_of(page: Page, request: HttpRequest | None = None) -> str:
    """The language code of a page's locale, without a query per page: the frame asks it of
    every page it links, and those pages rarely come with their locale loaded."""
    if "locale" in page._state.fields_cache:
        return page.locale.language_code
    cache = request_cache(request)
    codes = cache.get("locale_codes")
    if codes is None or page.locale_id not in codes:
        codes = cache["locale_codes"] = dict(Locale.objects.values_list("pk", "language_code"))
    return codes.get(page.locale_id) or page.locale.language_code


# What translations_of() fetches of each translation.
_TRANSLATION_FIELDS = (
    "id",
    "title",
    "url_path",
    "live",
    "translation_key",
    "locale",
    "depth",
    "path",
)
# Pages this close to the root (the home pages and the sections and standard pages below them)
# are what the frame links on every page view: their translations are fetched in one query.
_FRAME_DEPTH = 3


def _store_translations(cache: dict, pages) -> None:
    for translated in pages:
        key = ("translations", translated.translation_key)
        cache.setdefault(key, {})[translated.locale.language_code] = translated


def translations_of(page: Page, request: HttpRequest | None = None) -> dict[str, Page]:
    """The page in each language it exists in (itself included), by language code."""
    cache = request_cache(request)
    if request is not None and "frame_translations" not in cache:
        cache["frame_translations"] = True
        _store_translations(
            cache,
            Page.objects.filter(depth__lte=_FRAME_DEPTH)
            .select_related("locale")
            .only(*_TRANSLATION_FIELDS),
        )
    key = ("translations", page.translation_key)
    if key not in cache:
        cache[key] = {}
        _store_translations(
            cache,
            Page.objects.filter(translation_key=page.translation_key)
            .select_related("locale")
            .only(*_TRANSLATION_FIELDS),
        )
    return cache[key]


def live_translation(
    page: Page, language_code: str, request: HttpRequest | None = None
) -> Page | None:
    """The page's published translation in a language (the page itself if it is in it)."""
    if language_of(page, request) == language_code:
        return page if page.live else None
    translated = translations_of(page, request).get(language_code)
    return translated if translated is not None and translated.live else None


def source_page(page: Page, request: HttpRequest | None = None) -> Page:
    """The page in the default language (the original that translations are made from)."""
    if language_of(page, request) == default_language():
        return page
    return translations_of(page, request).get(default_language(), page)


def _path_below_site_root(page: Page, request: HttpRequest | None) -> str | None:
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    if root.locale_id != page.locale_id:
        root = translations_of(root, request).get(language_of(page, request), root)
    if not page.url_path.startswith(root.url_path):
        return None
    return page.url_path[len(root.url_path) :]


def fallback_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """The address that shows the page's original under a language's prefix (/lo/about-us/)."""
    original = source_page(page, request)
    relative = _path_below_site_root(original, request)
    if relative is None:
        return None
    with translation.override(language_code):
        return reverse("wagtail_serve", args=(relative,))


def reader_url(page: Page, language_code: str, request: HttpRequest | None = None) -> str | None:
    """Where a reader of a language reads a page: its translation, or else the fallback."""
    translated = live_translation(page, language_code, request)
    if translated is not None:
        return translated.get_url(request=request)
    return fallback_url(page, language_code, request) or page.get_url(request=request)


def reader_page(page: Page, language_code: str, request: HttpRequest | None = None) -> Page:
    """The page a reader of a language is shown: the translation, or else the original."""
    return live_translation(page, language_code, request) or source_page(page, request)


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
