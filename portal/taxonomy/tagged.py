"""Everything tagged with a country, a region or a topic, across every classified page type,
grouped by type (resources, organisations, updates, events, ...), each group paginated."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest
from wagtail.models import Locale, Page, get_page_models

from portal.core.requestmemo import memoized

from .listing import in_language_of
from .related import classified_page_models

GROUP_SIZE = 10


@dataclass
class TaggedGroup:
    key: str  # the model name, also the group's anchor and page parameter suffix
    label: str
    items: PaginatorPage
    page_parameter: str
    listing_url: str | None  # the section's own listing, filtered the same way


def _section_indexes() -> dict[tuple[int, int], Page]:
    """(content type id, locale id) -> the first live, public page of that type (by tree
    order), for every type that has page types under it: one query per request, shared by a
    country page's panels (portal.core.requestmemo)."""

    def find() -> dict[tuple[int, int], Page]:
        parent_models = {
            parent
            for model in get_page_models()
            for parent in model.allowed_parent_page_models()
            if parent is not Page and not parent._meta.abstract
        }
        types = ContentType.objects.get_for_models(*parent_models).values()
        found: dict[tuple[int, int], Page] = {}
        for page in Page.objects.live().public().filter(content_type__in=types).order_by("path"):
            found.setdefault((page.content_type_id, page.locale_id), page)
        return found

    return memoized("section_indexes", find)


def section_index_for(model: type[Page], locale: Locale) -> Page | None:
    """The live index page (in the locale, else the default one) under which `model` lives
    (a plain Page: its address is what callers need)."""
    indexes = _section_indexes()
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page or parent_model._meta.abstract:
            continue
        content_type = ContentType.objects.get_for_model(parent_model)
        for candidate_locale in (locale, Locale.get_default()):
            index = indexes.get((content_type.pk, candidate_locale.pk))
            if index is not None:
                return index
    return None


def tagged_groups(
    request: HttpRequest, conditions: list[Q], listing_params: dict[str, str]
) -> list[TaggedGroup]:
    """Each condition is applied by its own filter() so that two conditions on the same
    relation (two topics) mean "tagged with both", not "one topic that is both"."""
    locale = Locale.get_active()
    models = sorted(classified_page_models(), key=lambda m: getattr(m, "group_order", 100))
    groups = []
    for model in models:
        items = in_language_of(model.objects.live().public(), locale)
        for condition in conditions:
            items = items.filter(condition)
        ordering = getattr(model, "date_ordering", ("-first_published_at",))
        items = items.distinct().order_by(*ordering)
        if not items.exists():
            continue
        key = model._meta.model_name
        parameter = f"page-{key}"
        index = section_index_for(model, locale)
        listing_url = None
        if index is not None and listing_params:
            listing_url = f"{index.get_url(request)}?{urlencode(listing_params)}"
        groups.append(
            TaggedGroup(
                key=key,
                label=str(model._meta.verbose_name_plural),
                items=Paginator(items, GROUP_SIZE).get_page(request.GET.get(parameter)),
                page_parameter=parameter,
                listing_url=listing_url,
            )
        )
    return groups
