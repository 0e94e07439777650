"""Search engines: run a parsed query with filters, sorting and facets over the index.

The default (PORTAL_SEARCH_ENGINE = "tantivy") is the embedded index of embedded.py, the same on
SQLite and PostgreSQL. With PORTAL_SEARCH_ENGINE = "database", the engines below are used:
With Wagtail's database backend the engines query its index tables directly, in a
few SQL statements shaped for the portal: one for the page of results, one for the counts by
type, year and language, and one or two for countries and topics. With any other backend
(OpenSearch, Elasticsearch) the generic engine asks the backend for matching pages through
Wagtail's search API and counts facets in the database.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from wagtail.search.backends import get_search_backend

from ..query import ParsedQuery

RELEVANCE = "relevance"
NEWEST = "newest"
OLDEST = "oldest"
SORTS = (RELEVANCE, NEWEST, OLDEST)


@dataclass(frozen=True)
class Filters:
    content_type_id: int | None = None
    language: str | None = None
    year: int | None = None
    country: str | None = None
    topic: str | None = None

    def without(self, name: str) -> "Filters":
        return Filters(**{**self.__dict__, name: None})


@dataclass
class Hit:
    page_id: int
    score: float


@dataclass
class Outcome:
    total: int
    hits: list[Hit]
    facets: dict[str, Counter] = field(default_factory=dict)
    # True when `total` and the facet counts are estimates ("about N"): the database engine
    # stops counting at PORTAL_SEARCH_EXACT_COUNT_LIMIT matches.
    approximate: bool = False


class Engine:
    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> Outcome:
        raise NotImplementedError

    def count(self, query: ParsedQuery) -> int:
        return self.search(query, Filters(), RELEVANCE, 0, 0).total


def get_engine() -> Engine:
    from ..conf import search_settings

    if search_settings().engine == "tantivy":
        from .embedded import TantivyEngine

        return TantivyEngine()
    return database_engine()


def database_engine() -> Engine:
    """The engine over Wagtail's search backend (PORTAL_SEARCH_ENGINE = "database")."""
    backend = get_search_backend()
    name = type(backend).__name__
    if name == "SQLiteSearchBackend":
        from .database import SQLiteEngine

        return SQLiteEngine()
    if name == "PostgresSearchBackend" and connection.vendor == "postgresql":
        from .database import PostgresEngine

        return PostgresEngine(backend)
    from .generic import GenericEngine

    return GenericEngine(backend)
