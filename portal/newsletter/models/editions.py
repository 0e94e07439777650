from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin

from .subscribers import Subscriber

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Edition(PreviewableMixin, ClusterableModel):
    """One issue of the newsletter: an introduction, then the items gathered from the portal.

    Its language versions (introduction and subject) are inline translations of one record, not
    separate Wagtail translations: an edition is sent once, to everyone, with one set of
    deliveries, and each subscriber receives it in their language when it has been translated.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    number = models.PositiveIntegerField(_("number"), unique=True, editable=False)
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("The email's subject and the archive title.")
    )
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    items_since = models.DateTimeField(_("items published since"), null=True, blank=True)
    items_until = models.DateTimeField(_("items published until"), null=True, blank=True)
    gathered_keys = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_requested_at = models.DateTimeField(_("sending requested"), null=True, blank=True)
    send_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    # The one sending run that may work on this edition, and when it last reported.
    runner = models.CharField(max_length=200, blank=True, editable=False)
    runner_heartbeat = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last sending problem"), blank=True, editable=False)

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro"),
        InlinePanel(
            "items",
            heading=_("Items"),
            label=_("Item"),
            help_text=_(
                "Gathered from updates, events and resources published since the previous "
                "edition. Remove or reorder them; mark those that every subscriber should get."
            ),
        ),
        MultiFieldPanel(
            [InlinePanel("translations", label=_("Translation"))],
            heading=_("Translations of the subject and introduction"),
        ),
    ]

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        permissions = [("send_edition", "Can send editions to subscribers")]

    def __str__(self) -> str:
        return f"#{self.number} {self.subject}"

    def save(self, *args, **kwargs) -> None:
        if self.number is None:
            self.number = (Edition.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def translation_for(self, language: str) -> "EditionTranslation | None":
        for translation in self.translations.all():
            if translation.language == language:
                return translation
        return None

    def subject_for(self, language: str) -> str:
        translation = self.translation_for(language)
        return translation.subject if translation and translation.subject else self.subject

    def intro_for(self, language: str) -> str:
        translation = self.translation_for(language)
        return translation.intro if translation and translation.intro else self.intro

    # Preview in the admin: the HTML email, the plain-text email, and the archived web version.
    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        return [("html", _("HTML email")), ("text", _("Plain text")), ("web", _("Web version"))]

    def serve_preview(self, request, mode_name: str):
        from portal.newsletter.rendering import preview_response

        return preview_response(self, request, mode_name)

    def progress(self) -> dict[str, int]:
        counts = dict(
            self.deliveries.values_list("status").annotate(n=models.Count("id")).order_by()
        )
        total = sum(counts.values())
        done = counts.get(Delivery.Status.SENT, 0)
        failed = counts.get(Delivery.Status.FAILED, 0)
        uncertain = counts.get(Delivery.Status.UNCERTAIN, 0)
        skipped = counts.get(Delivery.Status.SKIPPED, 0)
        return {
            "total": total,
            "sent": done,
            "failed": failed,
            "uncertain": uncertain,
            "skipped": skipped,
            "remaining": total - done - failed - uncertain - skipped,
        }


class EditionTranslation(Orderable):
    """The subject and introduction of an edition in another language."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("language"),
        max_length=12,
        choices=[(c, n) for c, n in settings.LANGUAGES if c != settings.LANGUAGE_CODE],
    )
    subject = models.CharField(_("subject"), max_length=200)
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES)

    panels = [FieldPanel("language"), FieldPanel("subject"), FieldPanel("intro")]

    class Meta(Orderable.Meta):
        verbose_name = _("translation")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language"], name="newsletter_one_translation_per_language"
            )
        ]


class EditionItem(Orderable):
    """One piece of content in an edition, copied from a DigestItem when gathered so that the
    edition does not change when the page does. `versions` holds the other languages' titles,
    summaries and addresses: {"lo": {"title": ..., "summary": ..., "url": ...}}."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=255, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, blank=True, default="link")
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(
        _("address"),
        max_length=1000,
        help_text=_("A page of the portal (/updates/…) or a full web address."),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    language = models.CharField(max_length=12, default=settings.LANGUAGE_CODE, editable=False)
    versions = models.JSONField(default=dict, blank=True, editable=False)
    countries = models.JSONField(default=list, blank=True, editable=False)
    topics = models.JSONField(default=list, blank=True, editable=False)
    for_everyone = models.BooleanField(
        _("for everyone"),
        default=False,
        help_text=_(
            "Send to every subscriber, not only to those whose interests match its countries "
            "and topics."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldPanel("for_everyone"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("item")

    def __str__(self) -> str:
        return self.title

    def in_language(self, language: str) -> dict[str, str]:
        """Title, summary and address for a reader of `language` (falls back to the item's own)."""
        own = {"title": self.title, "summary": self.summary, "url": self.url}
        if language == self.language:
            return own
        return {**own, **self.versions.get(language, {})}


class Delivery(models.Model):
    """The sending of one edition to one subscriber. Claimed in batches by a sending run,
    marked in flight just before its SMTP transaction and sent right after the server accepted
    it, so that a crash never leads to a second copy (see sending.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        CLAIMED = "claimed", _("In a batch")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNCERTAIN = "uncertain", _("Interrupted (may have been delivered)")
        SKIPPED = "skipped", _("Skipped (unsubscribed meanwhile)")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    claimed_by = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="newsletter_one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["edition", "status"], name="newsletter_delivery_status")]

    def __str__(self) -> str:
        return f"{self.edition} → {self.subscriber_id}: {self.status}"
