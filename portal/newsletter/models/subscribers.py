import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalize_email(address: str) -> str:
    """One spelling per mailbox: surrounding space removed and lower case (mail providers treat
    the local part case-insensitively in practice; two rows for one person would mean two
    copies of every edition)."""
    return address.strip().lower()


class SubscriberQuerySet(models.QuerySet):
    def receiving(self) -> "SubscriberQuerySet":
        """Who gets the next edition: confirmed and not failing."""
        return self.filter(status=Subscriber.Status.SUBSCRIBED, failing_since__isnull=True)


class Subscriber(models.Model):
    """One person on the list. Created unconfirmed at sign-up; only confirmed ones get mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        SUBSCRIBED = "subscribed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=12, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    countries = models.ManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    topics = models.ManyToManyField(
        "taxonomy.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounce_count = models.PositiveIntegerField(
        _("bounces"),
        default=0,
        help_text=_("Set to 0 together with clearing “failing since” once the address works."),
    )
    failing_since = models.DateTimeField(
        _("failing since"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the address bounced repeatedly: it receives no editions until this is "
            "cleared."
        ),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_failing(self) -> bool:
        return self.failing_since is not None


class Bounce(models.Model):
    """A bounce message about one subscriber, recorded by staff or by `record_bounce`."""

    class Kind(models.TextChoices):
        HARD = "hard", _("Permanent (address does not exist, mailbox closed)")
        SOFT = "soft", _("Temporary (mailbox full, server unavailable)")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="bounces", verbose_name=_("subscriber")
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.HARD)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the bounce message said, in short.")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recorded_at:%Y-%m-%d}"


def _interest_columns(cls):
    """Columns for the CSV export (list_export calls these without arguments)."""

    def interest_countries(self) -> str:
        return ", ".join(sorted(c.iso2 for c in self.countries.all()))

    def interest_topics(self) -> str:
        return ", ".join(sorted(t.slug for t in self.topics.all()))

    interest_countries.short_description = _("countries")
    interest_topics.short_description = _("topics")
    cls.interest_countries = interest_countries
    cls.interest_topics = interest_topics
    return cls


_interest_columns(Subscriber)
