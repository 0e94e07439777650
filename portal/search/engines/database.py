"""SQL engines over Wagtail's database search backend (SQLite FTS5, PostgreSQL tsvector).

Each query joins a full-text hit to its SearchDocument on (content_type_id, object_id), the
index entry's own key, so only live, public pages of the searchable types are ever counted or
shown. The full-text condition is built from the parsed query only through parameters: quoted
FTS5 strings on SQLite, plainto_tsquery/phraseto_tsquery on PostgreSQL.

A search is one statement. The full-text match, by far the costliest part (for a segmented Thai
or Lao word on PostgreSQL, a phrase check on every candidate page), runs once into the
materialized set `m`; the counts for the total and every facet, and the page of results, are
then read from `m` and returned together with UNION ALL.
"""

from collections import Counter

from django.db import connection
from modelsearch.backends.database.postgres.weights import get_sql_weights

from ..conf import search_settings
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

    def _filters(self, filters: Filters, alias: str) -> tuple[list[str], list]:
        """Conditions for the filters over `alias`, a SearchDocument or a row of matches."""
        clauses, params = [], []
        for column in ("content_type_id", "language", "year"):
            value = getattr(filters, column)
            if value is not None and value != "":
                clauses.append(f"{alias}.{column} = %s")
                params.append(value)
        for facet, value in (
            (SearchFacetValue.COUNTRY, filters.country),
            (SearchFacetValue.TOPIC, filters.topic),
        ):
            if value:
                clauses.append(
                    f"EXISTS (SELECT 1 FROM {FACET} fx WHERE fx.facet = %s "  # noqa: S608
                    f"AND fx.value = %s AND fx.document_id = {alias}.page_id)"
                )
                params += [facet, value]
        return clauses, params

    def _where_clause(self, filters: Filters, alias: str) -> tuple[str, list]:
        clauses, params = self._filters(filters, alias)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _where(self, query: ParsedQuery, filters: Filters) -> tuple[str, list]:
        match_sql, params = self.match(query)
        clauses, filter_params = self._filters(filters, "d")
        return " AND ".join([match_sql, *clauses]), [*params, *filter_params]

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # What the match keeps of each hit beyond the document's own columns, and how a hit of `m`
    # is scored for relevance (see the engines below).
    def match_columns(self, query: ParsedQuery, relevance: bool) -> tuple[str, list]:
        raise NotImplementedError

    def hit_score(self, query: ParsedQuery) -> tuple[str, str, list]:
        """(joins, score expression, parameters) over `m`."""
        raise NotImplementedError

    def search(
        self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int
    ) -> Outcome:
        relevance = sort not in (NEWEST, OLDEST)
        match_sql, match_params = self.match(query)
        columns, column_params = self.match_columns(query, relevance and limit > 0)
        params = [*column_params, *match_params]
        # Only fixed names and placeholders are put into the SQL; every value is a parameter.
        # Every row is (kind, key, ordinal, value, number).
        # Type, year and language: one grouped count; each one's own filter is applied in
        # Python below, so a facet's counts show what choosing another of its values gives.
        where, where_params = self._where_clause(
            Filters(country=filters.country, topic=filters.topic), "m"
        )
        parts = [
            f"SELECT 'grid', m.content_type_id, m.year, m.language, COUNT(*) FROM m {where} "  # noqa: S608
            "GROUP BY m.content_type_id, m.year, m.language"
        ]
        params += where_params
        # Countries and topics: one count when neither is chosen, else one each.
        groups = (
            [((SearchFacetValue.COUNTRY, SearchFacetValue.TOPIC), filters)]
            if not (filters.country or filters.topic)
            else [
                ((SearchFacetValue.COUNTRY,), filters.without("country")),
                ((SearchFacetValue.TOPIC,), filters.without("topic")),
            ]
        )
        for names, group_filters in groups:
            where, where_params = self._where_clause(group_filters, "m")
            placeholders = ", ".join(["%s"] * len(names))
            parts.append(
                f"SELECT fv.facet, NULL, NULL, fv.value, COUNT(*) FROM m {self.join} {FACET} fv "  # noqa: S608
                f"ON fv.document_id = m.page_id AND fv.facet IN ({placeholders}) {where} "
                "GROUP BY fv.facet, fv.value"
            )
            params += [*names, *where_params]
        if limit > 0:
            where, where_params = self._where_clause(filters, "m")
            if relevance:
                joins, score, score_params = self.hit_score(query)
                order = "score DESC, page_id DESC"
            else:
                direction = "DESC" if sort == NEWEST else "ASC"
                joins, score, score_params = "", "0", []
                order = f"date IS NULL, date {direction}, page_id {direction}"
            parts.append(
                "SELECT 'hit', page_id, ROW_NUMBER() OVER (ORDER BY "  # noqa: S608
                f"{order}), NULL, CAST(score AS DOUBLE PRECISION) FROM (SELECT m.page_id, "
                f"m.date, {score} AS score FROM m {joins} {where} ORDER BY {order} "
                "LIMIT %s OFFSET %s) h"
            )
            params += [*score_params, *where_params, limit, offset]
        # At most `cap` matches are counted and ranked: above it, the counts are estimates
        # from that sample (see below) and the page says "about N".
        cap = search_settings().exact_count_limit
        head = len(column_params) + len(match_params)  # the CTE's parameters come first
        parts.append("SELECT 'sample', NULL, NULL, NULL, COUNT(*) FROM m")
        rows = self._rows(
            "WITH m AS MATERIALIZED (SELECT d.page_id, d.content_type_id, d.year, d.language, "
            f"d.date{columns} {self.source_sql} WHERE {match_sql} LIMIT %s) "
            + " UNION ALL ".join(parts),
            [*params[:head], cap + 1, *params[head:]],
        )
        facets: dict[str, Counter] = {
            name: Counter() for name in ("type", "year", "language", "country", "topic")
        }
        total, hits, sample = 0, [], 0
        for kind, key, ordinal, value, number in rows:
            if kind == "sample":
                sample = int(number)
            elif kind == "hit":
                hits.append((ordinal, Hit(page_id=key, score=float(number or 0))))
            elif kind != "grid":
                facets[kind][value] += int(number)
            else:
                count = int(number)
                type_ok = filters.content_type_id in (None, key)
                year_ok = filters.year in (None, ordinal)
                language_ok = filters.language in (None, value)
                if year_ok and language_ok:
                    facets["type"][key] += count
                if type_ok and language_ok and ordinal is not None:
                    facets["year"][ordinal] += count
                if type_ok and year_ok:
                    facets["language"][value] += count
                if type_ok and year_ok and language_ok:
                    total += count
        outcome = Outcome(total=total, hits=[hit for _, hit in sorted(hits)], facets=facets)
        if sample > cap:
            # Scale what the sample counted by how many entries match in all (the full-text
            # index alone, without the joins that make counting every match slow).
            scale = self.entry_count(query) / sample
            outcome.approximate = True
            outcome.total = max(total, round(total * scale))
            for counts in facets.values():
                for key in counts:
                    counts[key] = round(counts[key] * scale)
        return outcome

    def entry_count(self, query: ParsedQuery) -> int:
        """Index entries that match (any page, draft or live): a cheap upper bound."""
        match_sql, params = self.match(query)
        return self._rows(f"SELECT COUNT(*) {self.entry_sql} WHERE {match_sql}", params)[0][0]

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
    entry_sql = f"FROM {ENTRY}_fts"
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

    def match_columns(self, query: ParsedQuery, relevance: bool) -> tuple[str, list]:
        # bm25 can only be computed inside the full-text query: it is lower for better
        # matches; columns: autocomplete, body, title.
        return (f", -bm25({ENTRY}_fts, 0.0, 1.0, 4.0) AS rank" if relevance else ""), []

    def hit_score(self, query: ParsedQuery) -> tuple[str, str, list]:
        return "", "m.rank", []


class PostgresEngine(DatabaseEngine):
    entry_sql = f"FROM {ENTRY} e"
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

    # Ranking reads every match's body tsvector (TOASTed for long pages): for queries that match
    # very many pages, rank on the title vector alone, which is small and stored inline.
    FULL_RANK_LIMIT = 3000

    def rank_tsquery(self, query: ParsedQuery) -> tuple[str, list]:
        """Any of the query's words, for ranking only (matching is done by `match`).

        ts_rank is linear in a vector's positions for an OR query but pairs the positions of
        every two words for an AND or phrase query: on a long page with common words (a
        segmented Thai compound is several very common words) that made one query's ranking
        take half a second. Ranking by the words' weighted frequencies is as good for order."""
        words = list(dict.fromkeys(w for term in query.required for w in term.words))
        config = "%s::regconfig, " if self.config else ""
        sql = " || ".join([f"plainto_tsquery({config}%s)"] * len(words))
        params = [p for w in words for p in ([self.config, w] if self.config else [w])]
        return f"({sql})", params

    def match_columns(self, query: ParsedQuery, relevance: bool) -> tuple[str, list]:
        return (", e.id AS entry_id" if relevance else ""), []

    def hit_score(self, query: ParsedQuery) -> tuple[str, str, list]:
        # The title and body are ranked separately: `title || body` would build a new vector
        # for every match. The body is ranked only when the matches are few enough.
        sql, params = self.rank_tsquery(query)
        weights = get_sql_weights()
        score = (
            f"ts_rank(%s::float4[], e.title, {sql}) + CASE WHEN (SELECT COUNT(*) FROM m) <= %s "  # noqa: S608
            f"THEN ts_rank(%s::float4[], e.body, {sql}) ELSE 0 END"
        )
        params = [weights, *params, self.FULL_RANK_LIMIT, weights, *params]
        return f"JOIN {ENTRY} e ON e.id = m.entry_id", score, params
