"""What the public search keeps beside the full-text index.

The words themselves are indexed by Wagtail's search backend (its `IndexEntry` tables: SQLite
FTS5 or PostgreSQL tsvectors). For the reader-facing search we also need, per live public page,
what the facets count and the results list shows: type, language, date, countries, topics and
the plain text for snippets. `SearchDocument` holds that, one row per page that readers may
find; a page that is unpublished, private or deleted has no row, so it is never found.
`SearchTerm` is the index's vocabulary (surface words with document counts) for "Did you mean".
"""

import zlib

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The page's specific type and its id as text: together they equal the (content_type_id,
    # object_id) key of the backend's IndexEntry, so a full-text hit joins here on one index.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)
    title = models.CharField(max_length=255)
    language = models.CharField(max_length=12, db_index=True)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    # The plain text of the page (title excluded), zlib-compressed: snippets are cut from it.
    compressed_text = models.BinaryField(default=b"")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="search_doc_entry_key"),
            models.Index(fields=["date"], name="search_doc_date"),
        ]

    def __str__(self) -> str:
        return f"SearchDocument {self.pk}"

    @property
    def text(self) -> str:
        data = bytes(self.compressed_text or b"")
        return zlib.decompress(data).decode() if data else ""

    @staticmethod
    def compress(text: str) -> bytes:
        return zlib.compress(text.encode(), 6) if text else b""


class SearchFacetValue(models.Model):
    """A many-valued facet of a document: a country (ISO alpha-2, lower case) or a topic (slug).
    Keys rather than foreign keys, so renaming a country or topic needs no reindexing."""

    COUNTRY = "country"
    TOPIC = "topic"

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("search facet value")
        verbose_name_plural = _("search facet values")
        # One index serves both lookups: a document's values when counting, and "has this
        # document this value" when filtering.
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="unique_search_facet_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchTerm(models.Model):
    """A word of the indexed text (case-folded) and how many searchable documents contain it."""

    term = models.CharField(max_length=60, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term
