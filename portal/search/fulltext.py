"""The embedded full-text index (tantivy): one directory on disk, the same for SQLite and
PostgreSQL sites, so a query finds the same pages in the same order on both.

What goes in: for every SearchDocument (a live, public, findable page) its words, already
segmented and case-folded here in Python with the same ICU segmentation as the query
(segmentation.py), so tantivy only splits at spaces and never cuts a Thai or Lao word at a vowel
or tone mark. Beside the words, the pairs of adjacent words ("w1_w2", never across title and
body): a two-word phrase or compound is then one term, and a three-word one the AND of two
terms checked as a phrase only on the pages that have both, instead of a position check on every
page with the common words. Facet values (type, year, language, countries, topics) are fast
fields, counted in one pass over the matches by tantivy's aggregations.

No stop words and no stemming: `the` finds the pages that contain "the", on either database.

Writers: one at a time (tantivy's lock in the directory). The task worker writes; a web worker
writes only to delete (unpublish, delete, restriction), waiting briefly for the lock and else
leaving the deletion to the queue. Readers (every web worker) reload to the newest commit before
each search, which costs a stat of the index's meta file.
"""

import contextlib
import datetime
import itertools
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import tantivy
from django.conf import settings

from .conf import search_settings
from .segmentation import index_words

logger = logging.getLogger(__name__)

PAIR_SEPARATOR = "_"  # never part of a word (segmentation.word_pattern excludes "_")
WRITER_HEAP = 64_000_000
_EPOCH = datetime.date(1970, 1, 1)
_NO_DATE = -(2**62)

_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


def enabled() -> bool:
    return search_settings().engine == "tantivy"


def index_dir() -> Path:
    configured = search_settings().index_dir
    return Path(configured) if configured else Path(settings.VAR_DIR) / "search-index"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("page_id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("content_type", indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    # Sort keys: date and page id in one number, so "newest" orders as the database does
    # (undated last, then by page id).
    builder.add_integer_field("newest", fast=True)
    builder.add_integer_field("oldest", fast=True)
    for name in ("language", "country", "topic"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("pairs", tokenizer_name="whitespace", index_option="freq")
    return builder.build()


SCHEMA = _schema()


def get_index() -> tantivy.Index:
    path = index_dir()
    key = str(path)
    with _lock:
        index = _indexes.get(key)
        if index is None:
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(SCHEMA, key, reuse=True)
            _indexes[key] = index
    return index


def forget_open_indexes() -> None:
    """Drop the handles (after the directory was replaced, and between tests)."""
    with _lock:
        _indexes.clear()


def searcher() -> tantivy.Searcher:
    index = get_index()
    index.reload()
    return index.searcher()


def tokens(text: str) -> list[str]:
    """The words of a text as the index keeps them (the vocabulary's form, see documents.py)."""
    return list(index_words(text))


def pair_terms(items: list[str]) -> list[str]:
    return list(map(PAIR_SEPARATOR.join, itertools.pairwise(items)))


def _sort_keys(date: datetime.date | None, page_id: int) -> tuple[int, int]:
    if date is None:
        return _NO_DATE + page_id, _NO_DATE - page_id
    key = (date - _EPOCH).days * 2**32 + page_id
    return key, -key


def make_document(data) -> tantivy.Document:
    """A tantivy document from a documents.DocumentData."""
    title, body = list(data.title_words), list(data.text_words)
    newest, oldest = _sort_keys(data.date, data.page_id)
    fields = {
        "page_id": data.page_id,
        "content_type": data.content_type_id,
        "newest": newest,
        "oldest": oldest,
        "language": data.language,
        "country": sorted(v for f, v in data.facets if f == "country"),
        "topic": sorted(v for f, v in data.facets if f == "topic"),
        "title": " ".join(title),
        "text": " ".join(title) + " " + " ".join(body),
        "pairs": " ".join(pair_terms(title) + pair_terms(body)),
    }
    if data.date is not None:
        fields["year"] = data.date.year
    return tantivy.Document(**fields)


@contextlib.contextmanager
def writer(wait: float = 30.0) -> Iterator[tantivy.IndexWriter]:
    """The index's one writer; committed at the end, and the lock released at once."""
    index = get_index()
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = index.writer(WRITER_HEAP, 1)
            break
        except ValueError:  # LockBusy: another process writes
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)
    try:
        yield handle
        handle.commit()
    except BaseException:
        handle.rollback()
        raise
    finally:
        handle.wait_merging_threads()


def _delete(handle: tantivy.IndexWriter, page_ids: Iterable[int]) -> None:
    for page_id in page_ids:
        handle.delete_documents_by_term("page_id", page_id)


def replace(batch: list, new: bool = False) -> None:
    """Write these documents (documents.DocumentData), replacing any earlier version."""
    if not batch or not enabled():
        return
    with writer() as handle:
        if not new:
            _delete(handle, [d.page_id for d in batch])
        for data in batch:
            handle.add_document(make_document(data))


def delete(page_ids: Iterable[int], wait: float = 2.0) -> bool:
    """Remove pages from the index; False if the writer stayed busy (the caller queues it)."""
    page_ids = list(page_ids)
    if not page_ids or not enabled():
        return True
    try:
        with writer(wait=wait) as handle:
            _delete(handle, page_ids)
    except ValueError:
        logger.warning("Search index busy: deleting %d pages through the queue", len(page_ids))
        return False
    return True


def clear() -> None:
    if enabled():
        with writer() as handle:
            handle.delete_all_documents()


class BulkWriter:
    """One writer held over many batches (a rebuild): committed every `commit_every` documents
    so readers see progress and memory stays bounded."""

    def __init__(self, commit_every: int = 20_000) -> None:
        self.commit_every = commit_every
        self.pending = 0
        self._context = writer() if enabled() else None
        self.handle = self._context.__enter__() if self._context else None

    def add(self, batch: list, new: bool = True) -> None:
        if self.handle is None:
            return
        if not new:
            _delete(self.handle, [d.page_id for d in batch])
        for data in batch:
            self.handle.add_document(make_document(data))
        self.pending += len(batch)
        if self.pending >= self.commit_every:
            self.handle.commit()
            self.pending = 0

    def close(self) -> None:
        if self._context is not None:
            self._context.__exit__(None, None, None)
            self._context = None
