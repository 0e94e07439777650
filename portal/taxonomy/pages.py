"""Abstract page types shared by the collections (library, organisations, updates, events):
an item page classified by countries and topics, and a section index that lists its items with
filters. Each app's concrete page types add their own fields."""

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import StandardStreamBlock
from portal.core.dates import DatePrecision
from portal.search.mixins import SegmentedSearchMixin

from .listing import Listing, ListingResult, in_language_of
from .models import ClassifiedMixin


class ClassifiedPage(SegmentedSearchMixin, ClassifiedMixin, Page):
    """An item of a collection: summary, optional body, countries and topics."""

    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("Two or three sentences, shown in listings, feeds and search results."),
    )
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    # How listings order these items "by date", newest first.
    date_ordering: ClassVar[Sequence[Any]] = ("-first_published_at",)
    # Where the type's group appears on "everything about ..." pages (lower comes first).
    group_order: ClassVar[int] = 100
    # The listing entry's template (taxonomy/includes/item_card.html shows card_details).
    card_template: ClassVar[str | None] = None

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    subpage_types: ClassVar[list[str]] = []  # items are leaves of their section

    class Meta:
        abstract = True

    @property
    def display_date(self) -> date | None:
        return None

    @property
    def display_date_precision(self) -> str:
        """How much of display_date is known: "day", "month" or "year" (see dates.py)."""
        return DatePrecision.DAY

    @property
    def card_details(self) -> list[str]:
        """Short facts shown in listings under the title (type, place, publisher)."""
        return []

    def body_text(self) -> list[str]:
        return list(self.body.stream_block.get_searchable_content(self.body))

    def extra_search_text(self) -> list[str]:
        """Subclasses add the text of their own fields (publisher, organiser, PDF text)."""
        return []

    def get_search_text(self) -> str:
        parts = [self.summary, *self.body_text(), *self.extra_search_text()]
        return "\n".join(p for p in parts if p)

    def get_meta_description(self) -> str:
        return self.search_description or Truncator(self.summary).chars(300)

    def get_structured_data(self, request: HttpRequest | None) -> dict | None:
        """schema.org data for the page's JSON-LD, or None."""
        return None


class SectionIndexPage(SegmentedSearchMixin, Page):
    """A section's front page that lists its items with filters, sorting and pagination."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("A sentence or two under the title: what readers find in this section."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    item_model: ClassVar[type[ClassifiedPage]]
    listing: ClassVar[Listing]

    class Meta:
        abstract = True

    def get_items(self) -> QuerySet:
        return in_language_of(self.item_model.objects.live().public(), self.locale)

    def run_listing(self, request: HttpRequest) -> ListingResult:
        return self.listing.run(request.GET, self.get_items())

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        result = self.run_listing(request)
        context["listing"] = result
        context["items"] = result.page(request.GET.get("page"), self.listing.per_page)
        return context

    @property
    def display_date(self) -> date | None:
        return None  # a section is not dated content

    def get_search_text(self) -> str:
        return self.intro

    def get_meta_description(self) -> str:
        return self.search_description or self.intro
