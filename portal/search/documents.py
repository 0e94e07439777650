"""Keeping SearchDocument (and the vocabulary) in step with the pages readers may find.

A page is findable when its type follows the search contract (it mixes in SegmentedSearchMixin),
it is live, not an alias, not behind a view restriction, and inside a site. Indexing a page writes
its document; anything else removes it. Removal is cheap and happens at once (unpublish, delete,
a new view restriction); indexing segments the text and runs on the task queue.
"""

import datetime
import functools
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page, PageViewRestriction, Site

from . import classification, fulltext
from .mixins import SegmentedSearchMixin
from .models import SearchDocument, SearchFacetValue, SearchTerm
from .segmentation import index_words

logger = logging.getLogger(__name__)

MIN_TERM_LENGTH = 2
MAX_TERM_LENGTH = 60


def is_searchable_type(model: type) -> bool:
    return issubclass(model, Page) and issubclass(model, SegmentedSearchMixin)


def searchable_page_models() -> list[type[Page]]:
    from django.apps import apps

    return [m for m in apps.get_models() if is_searchable_type(m) and not m._meta.abstract]


def vocabulary_terms(text: str) -> set[str]:
    # normalize_word() on the whole text at once: the same result, many times faster.
    return _vocabulary(index_words(text))


def _vocabulary(items: Iterable[str]) -> set[str]:
    return {
        word
        for word in set(items)
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()
    }


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


@dataclass
class DocumentData:
    page_id: int
    content_type_id: int
    title: str
    language: str
    date: datetime.date | None
    text: str
    facets: set[tuple[str, str]] = field(default_factory=set)

    @functools.cached_property
    def title_words(self) -> tuple[str, ...]:
        return index_words(self.title)

    @functools.cached_property
    def text_words(self) -> tuple[str, ...]:
        # Segmenting is most of the cost of indexing: done once, for the vocabulary and the
        # embedded index alike.
        return index_words(self.text)

    @property
    def terms(self) -> set[str]:
        return _vocabulary(self.title_words) | _vocabulary(self.text_words)


def document_data(page: Page) -> DocumentData:
    """What the search keeps about a (specific) page."""
    # A collection item is dated by what it says (a resource's publication year) or not at
    # all: its load date would pass for a publication date. Other pages by when they appeared.
    date = _as_date(getattr(page, "display_date", None))
    if date is None and not classification.is_classified(type(page)):
        date = _as_date(page.first_published_at)
    # Countries and topics, from the page types taxonomy classifies (search.classification).
    facets = classification.facets(page)
    return DocumentData(
        page_id=page.pk,
        content_type_id=ContentType.objects.get_for_model(type(page)).pk,
        title=page.title,
        language=page.locale.language_code,
        date=date,
        text=page.get_search_text() or "",
        facets=facets,
    )


class Visibility:
    """Answers "may readers find this page?" for many pages with two queries in all."""

    def __init__(self) -> None:
        self.restricted_paths = tuple(
            PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
        )
        # From the database rather than Site.get_site_root_paths(), whose cache may not have
        # been cleared yet while a Site is being saved. Translations of a root are roots too.
        self.site_root_paths = tuple(
            Page.objects.filter(
                translation_key__in=Site.objects.values("root_page__translation_key")
            ).values_list("url_path", flat=True)
        )

    def findable(self, page: Page) -> bool:
        return (
            is_searchable_type(type(page))
            and page.live
            and page.alias_of_id is None
            and not (self.restricted_paths and page.path.startswith(self.restricted_paths))
            and bool(page.url_path)
            and page.url_path.startswith(self.site_root_paths)
        )


def _add_terms(counts: Counter) -> None:
    if not counts:
        return
    table = SearchTerm._meta.db_table
    sql = (
        f"INSERT INTO {table} (term, documents) VALUES (%s, %s) "  # noqa: S608 (table name)
        f"ON CONFLICT (term) DO UPDATE SET documents = {table}.documents + excluded.documents"
    )
    items = sorted(counts.items())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement for the whole batch instead of one per word.
            cursor.execute(
                sql.replace("VALUES (%s, %s)", "SELECT * FROM unnest(%s::text[], %s::int[])"),
                [[t for t, _ in items], [n for _, n in items]],
            )
        else:
            cursor.executemany(sql, items)


def _remove_terms(terms: Iterable[str]) -> None:
    terms = list(terms)
    for start in range(0, len(terms), 500):
        chunk = terms[start : start + 500]
        SearchTerm.objects.filter(term__in=chunk).update(documents=F("documents") - 1)
    SearchTerm.objects.filter(documents__lte=0).delete()


def _write_facets(page_id: int, facets: set[tuple[str, str]]) -> None:
    SearchFacetValue.objects.filter(document_id=page_id).delete()
    SearchFacetValue.objects.bulk_create(
        SearchFacetValue(document_id=page_id, facet=f, value=v[:100]) for f, v in sorted(facets)
    )


def store(data: DocumentData) -> None:
    """Write one page's document, its facets and its share of the vocabulary."""
    with transaction.atomic():
        old = (
            SearchDocument.objects.select_for_update()
            .filter(pk=data.page_id)
            .only("title", "compressed_text")
            .first()
        )
        old_terms = (vocabulary_terms(old.title) | vocabulary_terms(old.text)) if old else set()
        new_terms = data.terms
        SearchDocument.objects.update_or_create(
            page_id=data.page_id,
            defaults={
                "content_type_id": data.content_type_id,
                "object_id": str(data.page_id),
                "title": data.title[:255],
                "language": data.language,
                "date": data.date,
                "year": data.date.year if data.date else None,
                "compressed_text": SearchDocument.compress(data.text),
            },
        )
        _write_facets(data.page_id, data.facets)
        _add_terms(Counter(new_terms - old_terms))
        _remove_terms(old_terms - new_terms)
        fulltext.replace([data])


def remove(page_ids: Iterable[int]) -> None:
    """Forget pages at once: they can no longer be found."""
    page_ids = list(page_ids)
    removed = []
    with transaction.atomic():
        for document in SearchDocument.objects.filter(pk__in=page_ids).only(
            "title", "compressed_text"
        ):
            _remove_terms(vocabulary_terms(document.title) | vocabulary_terms(document.text))
            removed.append(document.pk)
            document.delete()
    page_ids = removed  # a page without a document is not in the index: no writer needed
    # The embedded index forgets them now, unless the worker holds its writer: then the
    # deletion is queued, and meanwhile the page cannot be shown (results are read through
    # their SearchDocument, deleted above).
    if page_ids and not fulltext.delete(page_ids):
        from .tasks import delete_from_index_task

        delete_from_index_task.enqueue(page_ids)


def index_page(page_id: int) -> bool:
    """Bring one page's document up to date. Returns whether the page is findable."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None or not Visibility().findable(page):
        remove([page_id])
        return False
    store(document_data(page))
    return True


def refresh_facets(page: Page) -> None:
    """Countries or topics of an indexed page changed: update its facets at once."""
    document = SearchDocument.objects.filter(pk=page.pk).first()
    if document is not None:
        facets = document_data(page).facets
        _write_facets(page.pk, facets)
        fulltext.replace([data_from_document(document, facets)])


def data_from_document(document: SearchDocument, facets: set[tuple[str, str]]) -> DocumentData:
    """What was stored for a page, back as DocumentData (to refill the embedded index)."""
    return DocumentData(
        page_id=document.page_id,
        content_type_id=document.content_type_id,
        title=document.title,
        language=document.language,
        date=document.date,
        text=document.text,
        facets=facets,
    )


def remove_subtree(page: Page) -> None:
    remove(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def rebuild(batch_size: int = 200, log=None, progress=None) -> int:
    """Recreate every document, the vocabulary and the embedded index from the pages (after
    restoring a backup, or when the rules of what is findable changed). Returns the number of
    documents. `progress(done, total)` is called after each batch."""
    visibility = Visibility()
    with transaction.atomic():
        SearchFacetValue.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
    fulltext.clear()
    models = searchable_page_models()
    expected = sum(m.objects.live().filter(alias_of__isnull=True).count() for m in models)
    total = seen = 0
    bulk = fulltext.BulkWriter()
    try:
        for model in models:
            pages = model.objects.live().filter(alias_of__isnull=True).order_by("pk")
            batch: list[DocumentData] = []
            for page in pages.iterator(chunk_size=batch_size):
                seen += 1
                if visibility.findable(page):
                    batch.append(document_data(page))
                if len(batch) >= batch_size:
                    total += store_many(batch, bulk)
                    batch = []
                    if progress:
                        progress(seen, expected)
            total += store_many(batch, bulk)
            if progress:
                progress(seen, expected)
            if log:
                log(f"{model._meta.label}: indexed, {total} documents so far")
    finally:
        bulk.close()
    return total


def refill_index(batch_size: int = 500, progress=None) -> int:
    """Refill the embedded index from the stored documents alone (no page is read again): the
    quick repair after the index directory was lost or the engine was switched on."""
    fulltext.clear()
    expected = SearchDocument.objects.count()
    done = 0
    bulk = fulltext.BulkWriter()
    try:
        ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            facets: dict[int, set] = {}
            for page_id, facet, value in SearchFacetValue.objects.filter(
                document_id__in=chunk
            ).values_list("document_id", "facet", "value"):
                facets.setdefault(page_id, set()).add((facet, value))
            bulk.add(
                [
                    data_from_document(document, facets.get(document.pk, set()))
                    for document in SearchDocument.objects.filter(pk__in=chunk).order_by("pk")
                ]
            )
            done += len(chunk)
            if progress:
                progress(done, expected)
    finally:
        bulk.close()
    return done


def store_many(batch: list[DocumentData], bulk: "fulltext.BulkWriter | None" = None) -> int:
    """Write new documents in bulk (no earlier document may exist for these pages). With
    `bulk`, the embedded index is written through that writer (committed by its owner)."""
    if not batch:
        return 0
    counts: Counter = Counter()
    for data in batch:
        counts.update(data.terms)
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            SearchDocument(
                page_id=d.page_id,
                content_type_id=d.content_type_id,
                object_id=str(d.page_id),
                title=d.title[:255],
                language=d.language,
                date=d.date,
                year=d.date.year if d.date else None,
                compressed_text=SearchDocument.compress(d.text),
            )
            for d in batch
        )
        SearchFacetValue.objects.bulk_create(
            SearchFacetValue(document_id=d.page_id, facet=f, value=v[:100])
            for d in batch
            for f, v in sorted(d.facets)
        )
        _add_terms(counts)
        if bulk is not None:
            bulk.add(batch)
        else:
            fulltext.replace(batch, new=True)
    return len(batch)
