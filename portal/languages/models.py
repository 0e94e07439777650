from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationReview(models.Model):
    """A fluent person checked a translated page, as published in one revision.

    A translation counts as reviewed only while that revision is the live one: any later change
    (a new machine translation, an edit, a sync from the English source) makes it unreviewed
    again, so the site never calls a text reviewed that nobody checked.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="translation_reviews",
        verbose_name=_("translated page"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("reviewed revision"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="unique_review_per_revision")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} @ {self.revision_id}"
