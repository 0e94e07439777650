"""What the desk tracks: inquiries and contact messages, their notes, answers and follow-ups,
and the counters behind their reference numbers.

Fields are split on purpose: personal data (name, email, organisation, the text itself) is
erased after the retention period or on request; the rest (queue, role, countries, topic,
language, dates, status) stays as anonymous statistics.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conf import inquiry_settings


class Queue(models.TextChoices):
    RESEARCH = "research", _("Research inquiries")
    GENERAL = "general", _("Contact messages")


class Status(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    WAITING = "waiting", _("Waiting for requester")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# The desk owes an answer in these states; "waiting for requester" stops the clock.
OPEN_STATUSES = (Status.NEW, Status.ASSIGNED)


class Role(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher")
    NGO = "ngo", _("NGO staff")
    GOVERNMENT = "government", _("Government official")
    JOURNALIST = "journalist", _("Journalist")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class InquiryQuerySet(models.QuerySet):
    def in_queue(self, queue: str) -> "InquiryQuerySet":
        return self.filter(queue=queue)

    def overdue(self, today: date | None = None) -> "InquiryQuerySet":
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, due_on__lt=today)

    def for_email(self, email: str) -> "InquiryQuerySet":
        return self.filter(email__iexact=email.strip())

    def with_personal_data(self) -> "InquiryQuerySet":
        return self.filter(erased_at__isnull=True)


class Inquiry(models.Model):
    """One request to the desk: a research inquiry or a contact message."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    queue = models.CharField(
        _("queue"), max_length=10, choices=Queue.choices, default=Queue.RESEARCH, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )

    # Personal data: erased by purge_inquiries or on the person's request.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    question = models.TextField(_("question"), blank=True)

    # Kept as anonymous statistics.
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, blank=True)
    countries = models.ManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("countries of interest")
    )
    topic = models.ForeignKey(
        "taxonomy.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    preferred_language = models.CharField(_("preferred language of the answer"), max_length=10)
    submitted_language = models.CharField(
        _("language of the form"), max_length=10, help_text=_("The portal's language when sent.")
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    acknowledgement_message_id = models.CharField(max_length=300, blank=True, editable=False)
    qa_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published Q&A"),
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self) -> str:
        # Only the reference: log entries and admin breadcrumbs store this string, and they
        # must hold no personal data.
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < timezone.localdate())

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def preferred_language_label(self) -> str:
        labels = dict(inquiry_settings().answer_languages)
        return labels.get(self.preferred_language, self.preferred_language)

    @property
    def summary(self) -> str:
        """A short line for listings: the subject, or the start of the question."""
        if self.is_erased:
            return str(_("(personal data erased)"))
        text = self.subject or " ".join(self.question.split())
        return text if len(text) <= 90 else text[:89].rstrip() + "…"


class EntryKind(models.TextChoices):
    NOTE = "note", _("Internal note")
    ANSWER = "answer", _("Answer sent")
    FOLLOW_UP = "follow_up", _("Follow-up from requester")


class InquiryEntry(models.Model):
    """One item of an inquiry's thread: an internal note, an answer emailed to the requester,
    or a reply from the requester that staff logged by hand."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written or logged by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    received_on = models.DateField(
        _("received on"), null=True, blank=True, help_text=_("For follow-ups: the email's date.")
    )
    email = models.ForeignKey(
        "mailer.OutgoingEmail",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("email"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inquiry entry")
        verbose_name_plural = _("inquiry entries")

    def __str__(self) -> str:
        return f"{self.inquiry.reference}: {self.get_kind_display()}"


class ReferenceCounter(models.Model):
    """The last number handed out for one prefix in one year (see references.py)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_counter")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"
