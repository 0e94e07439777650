"""The frame's language pieces: canonical and hreflang links, the notice above a page that is
shown in another language or is a machine-made translation, and the interface's own status."""

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from portal.languages.conf import language_settings
from portal.languages.editions import default_language, language_of, live_translation, source_page
from portal.languages.status import state_of_translation

register = template.Library()


def _page(context: template.Context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def content_language(context: template.Context) -> str:
    """The language the page's text is written in (English on a fallback page)."""
    page = _page(context)
    return language_of(page, context.get("request")) if page is not None else get_language()


@register.inclusion_tag("languages/head_links.html", takes_context=True)
def language_head_links(context: template.Context) -> dict:
    """One hreflang alternate per published translation, plus x-default. (The canonical link,
    the page's own address so that a fallback points to the original, is page_meta's.)"""
    page = _page(context)
    request: HttpRequest | None = context.get("request")
    if request is None:
        return {"canonical": None, "alternates": []}
    if page is None:
        return {"canonical": None, "alternates": view_alternates(request)}
    alternates = []
    for code, _name in settings.LANGUAGES:
        translated = live_translation(page, code, request)
        if translated is not None:
            alternates.append({"code": code, "url": translated.get_full_url(request)})
    original = live_translation(source_page(page, request), default_language(), request)
    if original is not None:
        alternates.append({"code": "x-default", "url": original.get_full_url(request)})
    return {"canonical": page.get_full_url(request), "alternates": alternates}


def view_alternates(request: HttpRequest) -> list[dict]:
    """A view outside the page tree (topics, regions, search, sources) answers in every language
    at its own prefix (i18n_patterns): one alternate per language, x-default the English one.
    None for addresses that are not translated (they have a single edition)."""
    if getattr(request, "resolver_match", None) is None:
        return []
    urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        return []
    # The site's own address, as the pages' alternates have it.
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    alternates = [{"code": code, "url": root + url} for code, url in urls.items()]
    return [*alternates, {"code": "x-default", "url": root + urls[default_language()]}]


@register.inclusion_tag("languages/notice.html", takes_context=True)
def translation_notice(context: template.Context) -> dict:
    """What a reader must know about the language of the text below: it is the original shown in
    place of a missing translation, or a translation that is machine-made, unreviewed or older
    than the original."""
    page = _page(context)
    reader_language = get_language()
    result = {"kind": None, "reader_language": reader_language}
    if page is None:
        return result
    request = context.get("request")
    page_language = language_of(page, request)
    if page_language != reader_language:
        return {**result, "kind": "fallback"}
    if page_language == default_language():
        return result  # an original: no translation state to tell
    state = state_of_translation(page)
    if state is None:
        return result
    original = live_translation(state.source, default_language(), request)
    return {
        **result,
        "kind": "translation",
        "state": state,
        "original_url": original.get_url(request=request) if original else None,
        "original_language": default_language(),
    }


@register.simple_tag
def interface_is_machine_translated() -> bool:
    """True when the interface's catalogue for the current language has not been reviewed."""
    language = get_language()
    return language != default_language() and language not in (
        language_settings().reviewed_interface_languages
    )
