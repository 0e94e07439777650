"""A party's interest in a post: the first message, relayed by email without either address,
and each side's consent to exchange contact details."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import no_personal_data


class InterestQuerySet(models.QuerySet):
    def involving(self, user) -> "InterestQuerySet":
        return self.filter(models.Q(sender=user) | models.Q(post__owner=user))


class Interest(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        CONNECTED = "connected", _("Connected")
        DECLINED = "declined", _("Declined")

    post = models.ForeignKey(
        "needs.Post", on_delete=models.CASCADE, related_name="interests", verbose_name=_("post")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="needs_interests_sent",
        verbose_name=_("sender"),
    )
    sender_post = models.ForeignKey(
        "needs.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the sender's own post"),
    )
    message = models.TextField(_("message"), max_length=2000, validators=[no_personal_data])
    sender_consented_at = models.DateTimeField(null=True, blank=True)
    recipient_consented_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    connected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(fields=["post", "sender"], name="one_interest_per_sender")
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.post}"

    @property
    def recipient(self):
        return self.post.owner

    @property
    def state(self) -> str:
        if self.connected_at:
            return self.State.CONNECTED
        if self.declined_at:
            return self.State.DECLINED
        return self.State.WAITING

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    def is_party(self, user) -> bool:
        return getattr(user, "is_authenticated", False) and user.pk in (
            self.sender_id,
            self.post.owner_id,
        )

    def has_consented(self, user) -> bool:
        if user.pk == self.sender_id:
            return self.sender_consented_at is not None
        if user.pk == self.post.owner_id:
            return self.recipient_consented_at is not None
        return False

    def other_party(self, user):
        return self.post.owner if user.pk == self.sender_id else self.sender
