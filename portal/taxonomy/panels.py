"""Building blocks for the contributions each collection makes to other apps: a panel on a
country's page (core.hooks.COUNTRY_PANELS_HOOK) and newsletter digest items (DIGEST_ITEMS_HOOK)."""

from collections.abc import Callable, Iterator
from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from wagtail.models import Locale, Page

from portal.core.hooks import DigestItem

from .listing import in_language_of
from .tagged import section_index_for

PANEL_SIZE = 5


def country_panel(
    country,
    request: HttpRequest | None,
    *,
    model: type[Page],
    title: str,
    view_all_label: str,
    order: Callable[[QuerySet], QuerySet] | None = None,
    template: str = "taxonomy/includes/country_panel.html",
    extra_filter: Callable[[QuerySet], QuerySet] | None = None,
) -> str | None:
    """A <section> listing the latest items of `model` about a country, with a link to the
    section's listing filtered by that country; None when there is nothing to show."""
    locale = Locale.get_active()
    items = in_language_of(model.objects.live().public(), locale).filter(countries=country)
    if extra_filter is not None:
        items = extra_filter(items)
    items = order(items) if order else items.order_by(*model.date_ordering)
    shown = list(items[: PANEL_SIZE + 1])
    if not shown:
        return None
    index = section_index_for(model, locale)
    view_all_url = f"{index.get_url(request)}?country={country.slug}" if index else None
    return render_to_string(
        template,
        {
            "country": country,
            "title": title,
            "items": shown[:PANEL_SIZE],
            "more": len(shown) > PANEL_SIZE,
            "view_all_url": view_all_url,
            "view_all_label": view_all_label,
            "panel_id": f"country-panel-{model._meta.model_name}",
        },
        request=request,
    )


def digest_items(
    model: type[Page], kind: str, since: datetime | None, until: datetime
) -> Iterator[DigestItem]:
    """Live, public pages of `model` first published in (since, until]."""
    pages = model.objects.live().public().filter(first_published_at__lte=until)
    if since is not None:
        pages = pages.filter(first_published_at__gt=since)
    pages = pages.select_related("locale").prefetch_related("countries", "topics")
    for page in pages.order_by("first_published_at"):
        url_parts = page.get_url_parts()
        yield DigestItem(
            key=f"wagtailcore.page:{page.translation_key}",
            kind=kind,
            title=page.title,
            url=url_parts[2] if url_parts else page.url_path,
            summary=page.summary,
            published_at=page.first_published_at,
            language=page.locale.language_code,
            countries=tuple(c.iso2 for c in page.countries.all()),
            topics=tuple(t.slug for t in page.topics.all()),
        )
