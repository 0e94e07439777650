"""The search page: /search/?q=…&type=…&country=…&topic=…&year=…&language=…&sort=…&page=…

Every state is in the URL, so a search can be bookmarked and shared. Unknown or malformed
filter values are ignored rather than refused; a query the engine cannot run gets a message.
"""

import logging
import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page

from portal.core.dates import display_date_html, format_partial_date

from . import classification, documents
from .engines import NEWEST, OLDEST, RELEVANCE, SORTS, Filters, Outcome, get_engine
from .models import SearchDocument, SearchFacetValue
from .query import ParsedQuery, QueryError, parse
from .snippets import snippet
from .suggestions import suggest

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
MAX_PAGE = 500
FACET_VALUES_SHOWN = 8
STATE_PARAMS = ("q", "type", "country", "topic", "year", "language", "sort", "page")
_SLUG = re.compile(r"^[-\w]{1,100}$")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    lang: str = ""


def _searchable_types() -> dict[str, ContentType]:
    return {
        f"{ct.app_label}.{ct.model}": ct
        for ct in ContentType.objects.get_for_models(*documents.searchable_page_models()).values()
    }


class SearchState:
    """The search as the URL describes it, with invalid parts dropped."""

    def __init__(self, params: QueryDict) -> None:
        self.q = params.get("q", "")
        types = _searchable_types()
        self.types = types
        self.type = params.get("type", "") if params.get("type", "") in types else ""
        country = params.get("country", "").lower()
        self.country = country if re.fullmatch(r"[a-z]{2}", country) else ""
        topic = params.get("topic", "")
        self.topic = topic if _SLUG.match(topic) else ""
        year = params.get("year", "")
        self.year = int(year) if year.isdigit() and 1000 <= int(year) <= 9999 else None
        language = params.get("language", "")
        self.language = language if language in dict(settings.LANGUAGES) else ""
        self.sort = params.get("sort", "") if params.get("sort", "") in SORTS else RELEVANCE
        page = params.get("page", "1")
        self.page = min(int(page), MAX_PAGE) if page.isdigit() and int(page) >= 1 else 1

    @property
    def filters(self) -> Filters:
        return Filters(
            content_type_id=self.types[self.type].pk if self.type else None,
            language=self.language or None,
            year=self.year,
            country=self.country or None,
            topic=self.topic or None,
        )

    @property
    def has_filters(self) -> bool:
        return bool(self.type or self.country or self.topic or self.year or self.language)

    def params(self, **changes) -> dict:
        values = {
            "q": self.q,
            "type": self.type,
            "country": self.country,
            "topic": self.topic,
            "year": self.year or "",
            "language": self.language,
            "sort": "" if self.sort == RELEVANCE else self.sort,
            "page": "" if self.page == 1 else self.page,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None, 1) or k == "q"}

    def url(self, **changes) -> str:
        changes.setdefault("page", "")
        return "?" + urlencode(self.params(**changes))


def _facet_values(state: SearchState, name: str, counts, labels: dict, langs=None) -> list:
    current = str(getattr(state, name) or "")
    values = []
    for value, count in counts.items():
        key = str(value)
        if key not in labels:
            continue
        selected = key == current
        values.append(
            FacetValue(
                value=key,
                label=labels[key],
                count=count,
                selected=selected,
                url=state.url(**{name: "" if selected else key}),
                lang=(langs or {}).get(key, ""),
            )
        )
    if name == "year":
        return sorted(values, key=lambda v: v.value, reverse=True)
    return sorted(values, key=lambda v: (-v.count, v.label.casefold()))


def _facets(state: SearchState, outcome: Outcome) -> list[dict]:
    type_labels = {
        key: capfirst(ct.model_class()._meta.verbose_name)
        for key, ct in state.types.items()
        if ct.model_class()
    }
    type_counts = {
        f"{ct.app_label}.{ct.model}": outcome.facets["type"].get(ct.pk, 0)
        for ct in state.types.values()
        if outcome.facets["type"].get(ct.pk)
    }
    # Labels from the apps that own the values (search.classification).
    countries = classification.labels(
        SearchFacetValue.COUNTRY, list(outcome.facets[SearchFacetValue.COUNTRY])
    )
    topics = classification.labels(
        SearchFacetValue.TOPIC, list(outcome.facets[SearchFacetValue.TOPIC])
    )
    languages = dict(settings.LANGUAGES)
    groups = [
        ("type", _("Type"), outcome.facets["type"] and type_counts, type_labels, None),
        ("country", _("Country"), outcome.facets["country"], countries, None),
        ("topic", _("Topic"), outcome.facets["topic"], topics, None),
        (
            "year",
            _("Year"),
            outcome.facets["year"],
            {str(y): str(y) for y in outcome.facets["year"]},
            None,
        ),
        (
            "language",
            _("Language"),
            outcome.facets["language"],
            languages,
            {k: k for k in languages},
        ),
    ]
    facets = []
    for name, title, counts, labels, langs in groups:
        values = _facet_values(state, name, counts or {}, labels, langs)
        if values:
            facets.append(
                {
                    "name": name,
                    "title": title,
                    "shown": values[:FACET_VALUES_SHOWN],
                    "more": values[FACET_VALUES_SHOWN:],
                    "selected": any(v.selected for v in values),
                }
            )
    return facets


def _results(request: HttpRequest, outcome: Outcome, query: ParsedQuery) -> list[dict]:
    ids = [hit.page_id for hit in outcome.hits]
    docs = SearchDocument.objects.filter(pk__in=ids).in_bulk()
    # Without their StreamFields: parsing a long page's body costs more than the whole search.
    pages = {
        page.pk: page for page in Page.objects.filter(pk__in=ids).defer_streamfields().specific()
    }
    country_values = list(
        SearchFacetValue.objects.filter(
            document_id__in=ids, facet=SearchFacetValue.COUNTRY
        ).values_list("document_id", "value")
    )
    country_names = classification.labels(
        SearchFacetValue.COUNTRY, {value for _id, value in country_values}
    )
    countries: dict[int, list[str]] = {}
    for page_id, value in country_values:
        countries.setdefault(page_id, []).append(country_names.get(value, value.upper()))
    words = query.highlight_words
    results = []
    for hit in outcome.hits:
        doc, page = docs.get(hit.page_id), pages.get(hit.page_id)
        url = page.get_url(request) if page else None
        if doc is None or url is None:
            continue
        model = ContentType.objects.get_for_id(doc.content_type_id).model_class()
        results.append(
            {
                "title": doc.title,
                "url": url,
                "type": capfirst(model._meta.verbose_name) if model else "",
                "date": _result_date(page, doc),
                "language": doc.language,
                "countries": sorted(countries.get(hit.page_id, [])),
                "snippet": snippet(doc.text, words),
            }
        )
    return results


def _result_date(page: Page, doc: SearchDocument) -> str:
    """As precise as it is known ("2007", "August 2006"), as on the page itself."""
    if getattr(page, "display_date", None) is not None:
        return display_date_html(page)
    if doc.date is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', doc.date.isoformat(), format_partial_date(doc.date)
    )


def _pagination(state: SearchState, total: int) -> dict | None:
    pages = math.ceil(total / RESULTS_PER_PAGE)
    if pages <= 1:
        return None
    current = min(state.page, pages)
    window = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    links, previous = [], 0
    for number in window:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": state.url(page=number), "current": number == current}
        )
        previous = number
    return {
        "links": links,
        "previous": state.url(page=current - 1) if current > 1 else None,
        "next": state.url(page=current + 1) if current < pages else None,
        "current": current,
        "pages": pages,
    }


def search(request: HttpRequest) -> HttpResponse:
    state = SearchState(request.GET)
    context = {"state": state, "query": state.q[:200], "searched": "q" in request.GET}
    if not context["searched"]:
        return TemplateResponse(request, "portal_search/search.html", context)
    try:
        query = parse(state.q)
    except QueryError as error:
        context["message"] = str(error)
        return TemplateResponse(request, "portal_search/search.html", context, status=200)

    engine = get_engine()
    offset = (state.page - 1) * RESULTS_PER_PAGE
    try:
        outcome = engine.search(query, state.filters, state.sort, offset, RESULTS_PER_PAGE)
        if outcome.total and not outcome.hits and state.page > 1:
            # Past the last page (an old link): show the last page instead.
            state.page = math.ceil(outcome.total / RESULTS_PER_PAGE)
            offset = (state.page - 1) * RESULTS_PER_PAGE
            outcome = engine.search(query, state.filters, state.sort, offset, RESULTS_PER_PAGE)
        suggestion = None
        if outcome.total == 0:
            suggestion = suggest(query, engine)
    except DatabaseError:
        logger.exception("Search failed for %r", state.q)
        context["message"] = _("The search could not run this query. Please try other words.")
        return TemplateResponse(request, "portal_search/search.html", context)

    context.update(
        {
            "parsed": query,
            "notices": query.notices,
            "total": outcome.total,
            "approximate": outcome.approximate,
            "results": _results(request, outcome, query),
            "facets": _facets(state, outcome),
            "pagination": _pagination(state, outcome.total),
            "first": offset + 1,
            "last": offset + len(outcome.hits),
            "sorts": [
                {
                    "value": value,
                    "label": label,
                    "url": state.url(sort="" if value == RELEVANCE else value),
                    "current": state.sort == value,
                }
                for value, label in (
                    (RELEVANCE, _("Relevance")),
                    (NEWEST, _("Newest first")),
                    (OLDEST, _("Oldest first")),
                )
            ],
            "suggestion": suggestion,
            "suggestion_url": state.url(q=suggestion) if suggestion else None,
            "clear_filters_url": state.url(type="", country="", topic="", year="", language=""),
            "hidden_filters": [
                (name, value) for name, value in state.params().items() if name not in ("q", "page")
            ],
        }
    )
    return TemplateResponse(request, "portal_search/search.html", context)
