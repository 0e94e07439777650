"""The engine over the embedded tantivy index (fulltext.py): the default.

Its cost does not grow with the number of matches the way a database's does: the match set is
intersected from posting lists, the best page of results is chosen by BM25 with block-max
pruning, and facet counts come from fast fields in one pass over the matches, all in Rust. A
phrase or compound of two words is one term of the pair field, of three or more the AND of its
pairs with the phrase checked only on the pages that have all of them.

The same query gives the same pages in the same order whatever the database: the index is a
directory on disk, filled from the SearchDocuments.
"""

import logging
from collections import Counter

import tantivy

from .. import fulltext
from ..models import SearchDocument
from ..query import ParsedQuery, Term
from ..segmentation import normalize_word
from . import NEWEST, OLDEST, Engine, Filters, Hit, Outcome

logger = logging.getLogger(__name__)
Occur = tantivy.Occur
TITLE_BOOST = 2.0
FACET_FIELDS = {
    "type": "content_type",
    "year": "year",
    "language": "language",
    "country": "country",
    "topic": "topic",
}
# Filters by the name of their facet.
FILTER_OF = {
    "type": "content_type_id",
    "year": "year",
    "language": "language",
    "country": "country",
    "topic": "topic",
}


def _term(field: str, value) -> tantivy.Query:
    return tantivy.Query.term_query(fulltext.SCHEMA, field, value)


def term_query(term: Term) -> tantivy.Query:
    """What must match for one word or phrase (words normalized as the index keeps them)."""
    items = [normalize_word(w) for w in term.words]
    if len(items) == 1:
        return _term("text", items[0])
    pairs = [(Occur.Must, _term("pairs", p)) for p in fulltext.pair_terms(items)]
    if len(items) > 2:
        pairs.append((Occur.Must, tantivy.Query.phrase_query(fulltext.SCHEMA, "text", items)))
    return tantivy.Query.boolean_query(pairs)


def match_query(query: ParsedQuery) -> tantivy.Query:
    clauses = [(Occur.Must, term_query(t)) for t in query.required]
    # Title words raise the score; they never decide whether a page matches.
    title_words = dict.fromkeys(normalize_word(w) for t in query.required for w in t.words)
    clauses += [
        (Occur.Should, tantivy.Query.boost_query(_term("title", w), TITLE_BOOST))
        for w in title_words
    ]
    clauses += [(Occur.MustNot, term_query(t)) for t in query.excluded]
    return tantivy.Query.boolean_query(clauses)


def filter_clauses(filters: Filters) -> list[tuple]:
    clauses = []
    if filters.content_type_id is not None:
        clauses.append(_term("content_type", int(filters.content_type_id)))
    if filters.year is not None:
        clauses.append(_term("year", int(filters.year)))
    for name in ("language", "country", "topic"):
        value = getattr(filters, name)
        if value:
            clauses.append(_term(name, value))
    return [(Occur.Must, tantivy.Query.const_score_query(c, 0.0)) for c in clauses]


def filtered(match: tantivy.Query, filters: Filters) -> tantivy.Query:
    clauses = filter_clauses(filters)
    if not clauses:
        return match
    return tantivy.Query.boolean_query([(Occur.Must, match), *clauses])


class TantivyEngine(Engine):
    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> Outcome:
        searcher = fulltext.searcher()
        if searcher.num_docs == 0 and SearchDocument.objects.exists():
            # A site upgraded to the embedded index before `rebuild_search --from-documents`
            # ran: answer from the database rather than find nothing.
            logger.warning("The search index is empty: run manage.py rebuild_search")
            from . import database_engine

            return database_engine().search(query, filters, sort, offset, limit)
        match = match_query(query)
        final = filtered(match, filters)
        window = max(limit, 1)  # tantivy wants at least one; with limit 0 only counts are read
        if sort in (NEWEST, OLDEST):
            result = searcher.search(
                final,
                limit=window,
                count=True,
                offset=offset,
                order_by_field="newest" if sort == NEWEST else "oldest",
                order=tantivy.Order.Desc,
            )
            scored = [(0.0, address) for _key, address in result.hits]
        else:
            result = searcher.search(final, limit=window, count=True, offset=offset)
            scored = result.hits
        scored = scored[: max(limit, 0)]
        hits = [
            Hit(page_id=searcher.doc(address)["page_id"][0], score=float(score))
            for score, address in scored
        ]
        facets = self.facets(searcher, match, filters)
        return Outcome(total=result.count or 0, hits=hits, facets=facets)

    def facets(self, searcher, match: tantivy.Query, filters: Filters) -> dict[str, Counter]:
        """Each facet counted with every filter but its own, so its counts say what choosing
        another of its values gives; facets whose filter is not set share one pass."""
        groups: dict[Filters, list[str]] = {}
        for name in FACET_FIELDS:
            own = FILTER_OF[name]
            group_filters = filters if getattr(filters, own) in (None, "") else filters.without(own)
            groups.setdefault(group_filters, []).append(name)
        facets: dict[str, Counter] = {name: Counter() for name in FACET_FIELDS}
        for group_filters, names in groups.items():
            request = {
                name: {"terms": {"field": FACET_FIELDS[name], "size": 10_000}} for name in names
            }
            answer = searcher.aggregate(filtered(match, group_filters), request)
            for name in names:
                for bucket in answer.get(name, {}).get("buckets", []):
                    key = bucket["key"]
                    if name in ("type", "year"):
                        key = int(key)
                    facets[name][key] = int(bucket["doc_count"])
        return facets
