"""The frame's language-dependent pieces: where a page is for the current reader (its
translation, or the original under the reader's language), the language switcher, the home page
and the section pages in the reader's language. Load with {% load reader_tags %}."""

from django import template
from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from portal.core.conf import core_settings
from portal.languages import editions

register = template.Library()


def _live_section_pages(labels: list[str], language: str) -> dict[str, Page | None]:
    """The first live page (in tree order) of each type, in the language or else in English,
    as plain Pages: one query for all the types."""
    from django.contrib.contenttypes.models import ContentType

    models = {}
    for label in labels:
        try:
            models[label] = apps.get_model(label)
        except (LookupError, ValueError):
            continue
    content_types = ContentType.objects.get_for_models(*models.values(), for_concrete_models=False)
    by_type = {content_types[model].pk: label for label, model in models.items()}
    found: dict[str, Page | None] = dict.fromkeys(labels)
    candidates = (
        Page.objects.live()
        .public()
        .filter(
            content_type__in=by_type,
            locale__language_code__in={language, settings.LANGUAGE_CODE},
        )
        .select_related("locale")
        .order_by("path")
    )
    fallbacks: dict[str, Page] = {}
    for page in candidates:
        label = by_type[page.content_type_id]
        if page.locale.language_code == language:
            if found[label] is None:
                found[label] = page
        else:
            fallbacks.setdefault(label, page)
    return {label: found[label] or fallbacks.get(label) for label in labels}


@register.simple_tag(takes_context=True)
def section_page(context: template.Context, model_label: str) -> Page | None:
    """The live page of a section type ("countries.CountryIndexPage") in the reader's language,
    or in English when it has no translation; None when the section does not exist (yet).
    The header, the home page and the footer all ask: the sections are looked up once per
    request, in one query. A plain Page: the home page's
    cards get their intro through `section_intro`."""
    language = get_language()
    cache = editions.request_cache(context.get("request"))
    pages = cache.setdefault(("sections", language), {})
    if model_label not in pages:
        labels = [label for label in core_settings().sections if label not in pages]
        if model_label not in labels:
            labels.append(model_label)
        pages.update(_live_section_pages(labels, language))
    return pages[model_label]


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict]:
    """One entry per language: where the reader goes to read the current page in it. A page
    without a translation in a language leads to its original under that language's prefix
    (/lo/about-us/), which shows the original with a notice: the reader stays on the page."""
    page = context.get("page")
    request: HttpRequest | None = context.get("request")
    links = []
    current = get_language()
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            url = editions.reader_url(page, code, request)
        elif request is not None:
            # Views outside the page tree (search and the like) live under i18n_patterns.
            url = translate_url(request.get_full_path(), code)
        if url is None:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def reader_url(context: template.Context, page: Page | None) -> str:
    """The address of a page for the current reader: its translation in the reader's language,
    or the original shown under the reader's language (see portal.languages.editions)."""
    if page is None:
        return ""
    return editions.reader_url(page, get_language(), context.get("request")) or ""


@register.simple_tag(takes_context=True)
def reader_link(context: template.Context, page: Page | None) -> dict | None:
    """What the frame needs to link a page for the current reader: the address (translation or
    fallback), the title in the language shown there, and that language."""
    if page is None:
        return None
    request = context.get("request")
    shown = editions.reader_page(page, get_language(), request)
    return {
        "url": editions.reader_url(page, get_language(), request) or "",
        "title": shown.title,
        "lang": editions.language_of(shown, request),
        "page": shown,
    }


@register.simple_tag(takes_context=True)
def home_page(context: template.Context) -> Page | None:
    """The site's home page in the reader's language (or the default one)."""
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    return editions.reader_page(site.root_page, get_language(), request)


@register.simple_tag(takes_context=True)
def section_links(context: template.Context) -> list[dict]:
    """Links to the portal's sections that exist (PORTAL_SECTIONS), in order."""
    current = context.get("page")
    links = []
    for label in core_settings().sections:
        page = section_page(context, label)
        if page is None:
            continue
        is_current = isinstance(current, Page) and (
            current.pk == page.pk or current.path.startswith(page.path)
        )
        links.append(
            {
                "title": page.title,
                "url": reader_url(context, page),
                "page": page,
                "current": is_current,
            }
        )
    return links
