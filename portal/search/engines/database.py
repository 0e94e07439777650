"""SQL engines over Wagtail's database search backend (SQLite FTS5, PostgreSQL tsvector).

Each query joins a full-text hit to its SearchDocument on (content_type_id, object_id), the
index entry's own key, so only live, public pages of the searchable types are ever counted or
shown. The full-text condition is built from the parsed query only through parameters: quoted
FTS5 strings on SQLite, plainto_tsquery/phraseto_tsquery on PostgreSQL.
"""

from collections import Counter

from django.db import connection
from modelsearch.backends.database.postgres.weights import get_sql_weights

from ..models import SearchDocument, SearchFacetValue
from ..query import ParsedQuery, Term
from . import NEWEST, OLDEST, Engine, Filters, Hit, Outcome

DOC = SearchDocument._meta.db_table
FACET = SearchFacetValue._meta.db_table
ENTRY = "wagtailsearch_indexentry"


class DatabaseEngine(Engine):
    # FROM/JOIN clause with aliases d (SearchDocument) and the match condition.
    source_sql = ""
    join = "JOIN"

    def match(self, query: ParsedQuery) -> tuple[str, list]:
        raise NotImplementedError

    def score(self, query: ParsedQuery, total: int) -> tuple[str, list]:
        raise NotImplementedError

    def _where(self, query: ParsedQuery, filters: Filters) -> tuple[str, list]:
        clauses, params = [], []
        match_sql, match_params = self.match(query)
        clauses.append(match_sql)
        params += match_params
        if filters.content_type_id is not None:
            clauses.append("d.content_type_id = %s")
            params.append(filters.content_type_id)
        if filters.language:
            clauses.append("d.language = %s")
            params.append(filters.language)
        if filters.year is not None:
            clauses.append("d.year = %s")
            params.append(filters.year)
        for facet, value in (
            (SearchFacetValue.COUNTRY, filters.country),
            (SearchFacetValue.TOPIC, filters.topic),
        ):
            if value:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM {FACET} fv WHERE fv.facet = %s "  # noqa: S608
                    "AND fv.value = %s AND fv.document_id = d.page_id)"
                )
                params += [facet, value]
        return " AND ".join(clauses), params

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def hits(
        self,
        query: ParsedQuery,
        filters: Filters,
        sort: str,
        offset: int,
        limit: int,
        total: int = 0,
    ) -> list[Hit]:
        where, params = self._where(query, filters)
        if sort in (NEWEST, OLDEST):
            direction = "DESC" if sort == NEWEST else "ASC"
            select, select_params = "0", []
            order = f"d.date IS NULL, d.date {direction}, d.page_id {direction}"
        else:
            select, select_params = self.score(query, total)
            order = "score DESC, d.page_id DESC"
        sql = (
            f"SELECT d.page_id, {select} AS score {self.source_sql} WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        rows = self._rows(sql, [*select_params, *params, limit, offset])
        return [Hit(page_id=row[0], score=float(row[1] or 0)) for row in rows]

    def facets(self, query: ParsedQuery, filters: Filters) -> tuple[int, dict[str, Counter]]:
        facets: dict[str, Counter] = {
            name: Counter() for name in ("type", "year", "language", "country", "topic")
        }
        # Type, year and language with one grouped count; each facet's own filter is applied
        # here in Python, so its counts show what choosing another value would give.
        where, params = self._where(query, Filters(country=filters.country, topic=filters.topic))
        grid = self._rows(
            f"SELECT d.content_type_id, d.year, d.language, COUNT(*) {self.source_sql} "
            f"WHERE {where} GROUP BY d.content_type_id, d.year, d.language",
            params,
        )
        total = 0
        for content_type_id, year, language, count in grid:
            type_ok = filters.content_type_id in (None, content_type_id)
            year_ok = filters.year in (None, year)
            language_ok = filters.language in (None, language)
            if year_ok and language_ok:
                facets["type"][content_type_id] += count
            if type_ok and language_ok and year is not None:
                facets["year"][year] += count
            if type_ok and year_ok:
                facets["language"][language] += count
            if type_ok and year_ok and language_ok:
                total += count
        if total == 0:
            return 0, facets
        # Countries and topics: one query when neither is chosen, else one each.
        groups = (
            [((SearchFacetValue.COUNTRY, SearchFacetValue.TOPIC), filters)]
            if not (filters.country or filters.topic)
            else [
                ((SearchFacetValue.COUNTRY,), filters.without("country")),
                ((SearchFacetValue.TOPIC,), filters.without("topic")),
            ]
        )
        for names, group_filters in groups:
            where, params = self._where(query, group_filters)
            placeholders = ", ".join(["%s"] * len(names))
            rows = self._rows(
                f"SELECT fv.facet, fv.value, COUNT(*) {self.source_sql} "
                f"{self.join} {FACET} fv ON fv.document_id = d.page_id "
                f"AND fv.facet IN ({placeholders}) "
                f"WHERE {where} GROUP BY fv.facet, fv.value",
                [*names, *params],
            )
            for facet, value, count in rows:
                facets[facet][value] += count
        return total, facets

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> Outcome:
        total, facets = self.facets(query, filters)
        hits = self.hits(query, filters, sort, offset, limit, total) if total and limit else []
        return Outcome(total=total, hits=hits, facets=facets)

    def count(self, query: ParsedQuery) -> int:
        where, params = self._where(query, Filters())
        return self._rows(f"SELECT COUNT(*) {self.source_sql} WHERE {where}", params)[0][0]


def _fts5_string(term: Term) -> str:
    # Words hold only letters, numbers and marks (see query.py), never a double quote; quoting
    # makes FTS5 read them as text, and several words in one string as a phrase.
    return '"' + " ".join(term.words) + '"'


class SQLiteEngine(DatabaseEngine):
    # CROSS JOIN fixes the join order in SQLite: the full-text hits drive every query. Left to
    # itself the planner may scan a facet table and run the MATCH once per row.
    join = "CROSS JOIN"
    source_sql = (
        f"FROM {ENTRY}_fts CROSS JOIN {ENTRY} e ON e.id = {ENTRY}_fts.rowid CROSS JOIN {DOC} d "
        "ON d.content_type_id = e.content_type_id AND d.object_id = e.object_id"
    )

    def match_expression(self, query: ParsedQuery) -> str:
        required = " AND ".join(_fts5_string(t) for t in query.required)
        expression = f"({required})"
        if query.excluded:
            excluded = " OR ".join(_fts5_string(t) for t in query.excluded)
            expression = f"{expression} NOT ({excluded})"
        return f"{{title body}} : ({expression})"

    def match(self, query: ParsedQuery) -> tuple[str, list]:
        return f"{ENTRY}_fts MATCH %s", [self.match_expression(query)]

    def score(self, query: ParsedQuery, total: int) -> tuple[str, list]:
        # bm25 is lower for better matches; columns: autocomplete, body, title.
        return f"-bm25({ENTRY}_fts, 0.0, 1.0, 4.0)", []


class PostgresEngine(DatabaseEngine):
    source_sql = (
        f"FROM {ENTRY} e "
        f"JOIN {DOC} d ON d.content_type_id = e.content_type_id AND d.object_id = e.object_id"
    )

    def __init__(self, backend) -> None:
        self.config = backend.config  # None: the database's default_text_search_config

    def tsquery(self, query: ParsedQuery) -> tuple[str, list]:
        parts, params = [], []
        config = "%s::regconfig, " if self.config else ""

        def add(term: Term, negate: bool) -> None:
            function = "phraseto_tsquery" if term.is_phrase else "plainto_tsquery"
            parts.append(f"{'!!' if negate else ''}{function}({config}%s)")
            params.extend([self.config, term.text] if self.config else [term.text])

        for term in query.required:
            add(term, negate=False)
        for term in query.excluded:
            add(term, negate=True)
        return "(" + " && ".join(parts) + ")", params

    def match(self, query: ParsedQuery) -> tuple[str, list]:
        sql, params = self.tsquery(query)
        return f"(e.title || e.body) @@ {sql}", params

    # Ranking reads every match's whole tsvector (TOASTed for long pages): for queries that match
    # very many pages, rank on the title vector alone, which is small and stored inline.
    FULL_RANK_LIMIT = 3000

    def score(self, query: ParsedQuery, total: int) -> tuple[str, list]:
        sql, params = self.tsquery(query)
        vector = "e.title" if total > self.FULL_RANK_LIMIT else "e.title || e.body"
        return f"ts_rank(%s::float4[], {vector}, {sql})", [get_sql_weights(), *params]
