"""The "citation" rich-text feature: an inline mark in the text that points to a Source, with an
optional locator (page, section, table) and quotation.

Stored in the database as a Wagtail link entity, so that Wagtail's reference index records
which pages cite which source (the admin's "usage" of a source and its public "cited by" list):

    <a linktype="citation" id="12" locator="p. 4" quote="...">[Trafficking in Persons Report]</a>

The text inside is what the editor sees in the editor (the source's short label). Documents
that number their notes (see citations.CitedDocument) replace each mark with its number; any
other rendering falls back to a plain link to the source's page.
"""

from collections.abc import Iterator

from django.utils.html import format_html, format_html_join
from wagtail.rich_text import LinkHandler

from .models import Source

FEATURE_NAME = "citation"
ENTITY_TYPE = "CITATION"
LINK_TYPE = "citation"


class CitationLinkHandler(LinkHandler):
    identifier = LINK_TYPE

    @staticmethod
    def get_model() -> type[Source]:
        return Source

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        sources = cls.get_many(attrs_list)
        return [
            format_html('<a class="citation-link" href="{}">', source.get_absolute_url())
            if source
            else '<a class="citation-link citation-link--missing">'
            for source in sources
        ]

    @classmethod
    def extract_references(cls, attrs: dict) -> Iterator[tuple]:
        if attrs.get("id"):
            yield Source, attrs["id"], "", ""


def citation_db_html(source: Source, locator: str = "", quote: str = "") -> str:
    """The stored form of a citation, for code that writes rich text (importer, demo)."""
    attrs = {"id": source.pk, "locator": locator, "quote": quote}
    extra = format_html_join(
        "", ' {}="{}"', ((name, value) for name, value in attrs.items() if value)
    )
    return format_html('<a linktype="{}"{}>[{}]</a>', LINK_TYPE, extra, source.short_label)
