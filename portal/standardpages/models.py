from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.core.blocks import StandardStreamBlock
from portal.search.mixins import SegmentedSearchMixin
from portal.search.text import plain_text
from portal.taxonomy.models import RELATED_CONTENT_PANELS


class StandardPage(SegmentedSearchMixin, Page):
    """A page of prose: About Us, How You Can Help, Privacy Policy and Disclaimer, and so on."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        *RELATED_CONTENT_PANELS,
    ]
    search_fields = [
        *Page.search_fields,
        # intro and body are indexed through get_search_text(), segmented.
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    class Meta:
        verbose_name = _("standard page")

    @property
    def display_date(self) -> None:
        return None  # undated prose; search falls back to the first publication date

    def get_search_text(self) -> str:
        return plain_text(self.intro, self.body)
