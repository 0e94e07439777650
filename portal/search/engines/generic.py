"""The engine for search backends outside the database (OpenSearch, Elasticsearch).

The backend finds and ranks the pages through Wagtail's search API; the best MAX_HITS of them
are then filtered, counted and sorted in the database through their SearchDocuments.
"""

from collections import Counter

from django.db.models import Count
from modelsearch.query import And, Not, Phrase, PlainText
from wagtail.models import Page

from ..models import SearchDocument, SearchFacetValue
from ..query import ParsedQuery, Term
from . import NEWEST, OLDEST, Engine, Filters, Hit, Outcome

MAX_HITS = 1000


def _backend_query(term: Term):
    return Phrase(term.text) if term.is_phrase else PlainText(term.text)


class GenericEngine(Engine):
    def __init__(self, backend) -> None:
        self.backend = backend

    def ranked_ids(self, query: ParsedQuery) -> dict[int, float]:
        parts = [_backend_query(t) for t in query.required]
        parts += [Not(_backend_query(t)) for t in query.excluded]
        search_query = parts[0] if len(parts) == 1 else And(parts)
        pages = Page.objects.live().public().filter(pk__in=SearchDocument.objects.values("page_id"))
        results = self.backend.search(search_query, pages).annotate_score("_score")
        ranked = {}
        for rank, page in enumerate(results[:MAX_HITS]):
            ranked[page.pk] = float(getattr(page, "_score", None) or (MAX_HITS - rank))
        return ranked

    def _documents(self, ids, filters: Filters):
        documents = SearchDocument.objects.filter(page_id__in=ids)
        if filters.content_type_id is not None:
            documents = documents.filter(content_type_id=filters.content_type_id)
        if filters.language:
            documents = documents.filter(language=filters.language)
        if filters.year is not None:
            documents = documents.filter(year=filters.year)
        for facet, value in (("country", filters.country), ("topic", filters.topic)):
            if value:
                documents = documents.filter(facets__facet=facet, facets__value=value)
        return documents

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> Outcome:
        ranked = self.ranked_ids(query)
        ids = list(ranked)
        facets: dict[str, Counter] = {}
        for name, column in (
            ("type", "content_type_id"),
            ("year", "year"),
            ("language", "language"),
        ):
            rows = (
                self._documents(ids, filters.without(column)).values(column).annotate(n=Count("pk"))
            )
            facets[name] = Counter({r[column]: r["n"] for r in rows if r[column] is not None})
        for name in (SearchFacetValue.COUNTRY, SearchFacetValue.TOPIC):
            rows = (
                SearchFacetValue.objects.filter(
                    facet=name, document__in=self._documents(ids, filters.without(name))
                )
                .values("value")
                .annotate(n=Count("pk"))
            )
            facets[name] = Counter({r["value"]: r["n"] for r in rows})
        documents = self._documents(ids, filters)
        total = documents.count()
        if sort in (NEWEST, OLDEST):
            order = ["-date", "-page_id"] if sort == NEWEST else ["date", "page_id"]
            page_ids = list(documents.order_by(*order).values_list("page_id", flat=True))
        else:
            kept = set(documents.values_list("page_id", flat=True))
            page_ids = [pk for pk in ids if pk in kept]
        window = page_ids[offset : offset + limit]
        return Outcome(
            total=total, hits=[Hit(pk, ranked.get(pk, 0.0)) for pk in window], facets=facets
        )
