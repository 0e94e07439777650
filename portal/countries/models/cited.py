import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class CitedRecord(models.Model):
    """A piece of data (figure, flow) that must name its source. Its UUID identifies it in
    downloads and the API; `source.figures` / `source.flows` list what cites a source."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("source"),
    )
    locator = models.CharField(
        _("where in the source"),
        max_length=200,
        blank=True,
        help_text=_("Page, section or table, e.g. “Laos country narrative”."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    citation_panel = MultiFieldPanel(
        [FieldPanel("source"), FieldPanel("locator")], heading=_("Citation (required)")
    )

    class Meta:
        abstract = True

    @property
    def cited_by_label(self) -> str:
        return str(self)
