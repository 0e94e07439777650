"""Search: the site search's own parser and engine, as JSON."""

import html
from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, Query, Router
from ninja.errors import HttpError
from wagtail.models import Page

from portal.countries.models import CountryProfilePage
from portal.library.models import ResourcePage
from portal.organizations.models import OrganizationPage
from portal.search import documents
from portal.search.engines import RELEVANCE, Filters, get_engine
from portal.search.models import SearchDocument, SearchFacetValue
from portal.search.query import MAX_QUERY_LENGTH, QueryError, parse
from portal.search.snippets import snippet
from portal.updates.models import EventPage, UpdatePage

from ..pagination import base_url, page_link
from ..params import ISO2_PATTERN, SLUG_PATTERN, Language, ListQuery
from ..records.base import absolute, api_url
from ..schemas import ERRORS, SearchResultOut, paged

router = Router(tags=["Search"])


class SearchResultList(paged(SearchResultOut)):  # type: ignore[misc]
    count_is_approximate: bool = Field(
        False,
        description=N_(
            'True when "count" is an estimate ("about N"): there were too many matches to '
            "count them all."
        ),
    )


# The page types the API also serves as items, and the name of each item's endpoint.
API_ITEMS: dict[type[Page], str] = {
    ResourcePage: "resource",
    OrganizationPage: "organization",
    UpdatePage: "update",
    EventPage: "event",
}
TYPE_NAMES: dict[type[Page], str] = {
    **{model: name for model, name in API_ITEMS.items()},
    CountryProfilePage: "country-profile",
}


def type_name(model: type[Page]) -> str:
    return TYPE_NAMES.get(model, model._meta.model_name.removesuffix("page") or "page")


SEARCH_TYPES = {type_name(model): model for model in documents.searchable_page_models()}
SearchType = Literal[tuple(sorted(SEARCH_TYPES))]  # type: ignore[valid-type]


class SearchQuery(ListQuery):
    q: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description=N_('Words (all must match), "a phrase", -excluded.'),
    )
    type: SearchType | None = Field(None, description=N_("Kind of page."))
    country: str | None = Field(
        None, pattern=ISO2_PATTERN, description=N_("About this country (ISO alpha-2).")
    )
    topic: str | None = Field(None, pattern=SLUG_PATTERN, description=N_("On this topic."))
    year: int | None = Field(None, ge=1000, le=9999, description=N_("Dated this year."))
    lang: Language | None = Field(None, description=N_("Pages in this language only."))
    sort: Literal["relevance", "newest", "oldest"] = Field(
        RELEVANCE, description=N_("Order of results.")
    )


def _filters(query: SearchQuery) -> Filters:
    content_type = (
        ContentType.objects.get_for_model(SEARCH_TYPES[query.type]) if query.type else None
    )
    return Filters(
        content_type_id=content_type.pk if content_type else None,
        language=query.lang,
        year=query.year,
        country=query.country.lower() if query.country else None,
        topic=query.topic,
    )


@router.get(
    "/search",
    response={200: SearchResultList, **ERRORS},
    url_name="search",
    summary=N_("Search"),
    description=N_("Everything published, as the site's search finds it."),
)
def search(request: HttpRequest, query: Query[SearchQuery]):
    try:
        parsed = parse(query.q)
    except QueryError as error:
        raise HttpError(400, str(error)) from error
    try:
        outcome = get_engine().search(
            parsed, _filters(query), query.sort, query.offset, query.limit
        )
    except DatabaseError as error:
        raise HttpError(400, _("The search could not run this query.")) from error
    ids = [hit.page_id for hit in outcome.hits]
    docs = SearchDocument.objects.filter(pk__in=ids).in_bulk()
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    countries: dict[int, list[str]] = {}
    for page_id, value in SearchFacetValue.objects.filter(
        document_id__in=ids, facet=SearchFacetValue.COUNTRY
    ).values_list("document_id", "value"):
        countries.setdefault(page_id, []).append(value.upper())
    base = base_url(request)
    items = []
    for hit in outcome.hits:
        doc, page = docs.get(hit.page_id), pages.get(hit.page_id)
        url = absolute(base, page.get_url(request)) if page else None
        if doc is None or url is None:
            continue
        model = type(page)
        endpoint = API_ITEMS.get(model)
        items.append(
            {
                "id": str(page.translation_key),
                "type": type_name(model),
                "title": doc.title,
                "language": doc.language,
                "date": doc.date,
                "countries": sorted(countries.get(hit.page_id, [])),
                "snippet": html.unescape(strip_tags(snippet(doc.text, parsed.highlight_words))),
                "url": url,
                "api_url": (
                    api_url(base, endpoint, doc.language, item_id=page.translation_key)
                    if endpoint
                    else None
                ),
            }
        )
    end = query.offset + query.limit
    return {
        "count": outcome.total,
        "count_is_approximate": outcome.approximate,
        "next": page_link(request, end) if end < outcome.total else None,
        "previous": (
            page_link(request, max(0, query.offset - query.limit)) if query.offset else None
        ),
        "items": items,
    }
