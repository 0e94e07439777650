import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """A bibliography entry: written once, cited from many places (profiles, figures, flows)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(
        _("publisher or author"),
        max_length=300,
        blank=True,
        help_text=_("e.g. US Department of State; World Vision Laos"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)
    archive_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy in a web archive, for when the original address stops working."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title
