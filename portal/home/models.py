from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.core.blocks import StandardStreamBlock
from portal.search.mixins import SegmentedSearchMixin
from portal.search.text import plain_text


class HomePage(SegmentedSearchMixin, Page):
    """The front door: what the portal is and where each of its sections leads."""

    tagline = models.CharField(_("tagline"), max_length=200)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        # tagline, intro and body are indexed through get_search_text(), segmented.
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def display_date(self) -> None:
        return None

    def get_search_text(self) -> str:
        return plain_text(self.tagline, self.intro, self.body)
