"""Needs and offers: one `Post` table with the fields they share (so that the board lists,
pages and counts them together, and a message can point at either), extended by `Need` and
`Offer` with their own fields."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..choices import (
    EXPIRING_STATUSES,
    SEEKING_STATUSES,
    STATUS_TRANSITIONS,
    Category,
    Moderation,
    PostKind,
    Status,
)
from ..permissions import is_moderator, is_owner
from ..validators import no_personal_data


class InvalidTransition(Exception):
    """A status change that the flow does not allow."""


class PostQuerySet(models.QuerySet):
    def approved(self) -> "PostQuerySet":
        return self.filter(moderation_status=Moderation.APPROVED)

    def public(self) -> "PostQuerySet":
        """What anyone may open: approved and not withdrawn by its owner."""
        return self.approved().exclude(status=Status.WITHDRAWN)

    def unexpired(self, today: date | None = None) -> "PostQuerySet":
        return self.filter(until__gte=today or timezone.localdate())

    def on_board(self, today: date | None = None) -> "PostQuerySet":
        """What the board lists: public, its date not passed, not marked expired. The date
        rule needs no job to run: a post leaves the board the day after its "until" date."""
        return self.public().unexpired(today).exclude(status=Status.EXPIRED)

    def seeking(self, today: date | None = None) -> "PostQuerySet":
        """On the board and still looking for a partner (open or in discussion)."""
        return self.on_board(today).filter(status__in=SEEKING_STATUSES)

    def past_until(self, today: date | None = None) -> "PostQuerySet":
        """Posts whose date has passed but whose status still says they are looking."""
        return self.filter(until__lt=today or timezone.localdate(), status__in=EXPIRING_STATUSES)

    def awaiting_review(self) -> "PostQuerySet":
        return self.filter(moderation_status=Moderation.PENDING)


class Post(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="needs_posts",
        verbose_name=_("posted by"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(
        _("title"),
        max_length=120,
        validators=[no_personal_data],
        help_text=_("A short summary, e.g. “Lao and Thai interpreters for court hearings”."),
    )
    description = models.TextField(_("description"), max_length=3000, validators=[no_personal_data])
    remote = models.BooleanField(_("remote"), default=False)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    until = models.DateField(_("until"))

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    moderation_status = models.CharField(
        _("moderation"),
        max_length=20,
        choices=Moderation.choices,
        default=Moderation.PENDING,
        db_index=True,
    )
    moderation_note = models.TextField(
        _("note from the moderators"),
        blank=True,
        help_text=_("The reason for a rejection, or the changes asked for. Sent to the poster."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review"), default=timezone.now)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PostQuerySet.as_manager()

    # Set by Need and Offer: their kind, and the fields their posters fill in.
    KIND: str = ""
    POSTER_FIELDS: tuple[str, ...] = ()

    class Meta:
        ordering = ["-first_published_at", "-submitted_at"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["moderation_status", "status", "until"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.KIND:
            self.kind = self.KIND
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The post's stable address under the campaign page, in the active language."""
        from .board import NeedsBoardPage

        board = NeedsBoardPage.for_language()
        if board is None:
            return ""
        return board.url_for_post(self)

    # What a post is, as its own type.
    @cached_property
    def specific(self) -> "Post":
        """The Need or Offer this post is (itself when it already is one)."""
        if self.KIND:
            return self
        return self.need if self.kind == PostKind.NEED else self.offer

    @property
    def is_need(self) -> bool:
        return self.kind == PostKind.NEED

    @property
    def url_segment(self) -> str:
        return "needs" if self.is_need else "offers"

    def poster(self) -> str:
        """The poster's public name (never their address)."""
        profile = getattr(self.owner, "portal_profile", None)
        return profile.public_name if profile else self.owner.get_username()

    poster.short_description = _("posted by")

    # State.
    @property
    def is_public(self) -> bool:
        return self.moderation_status == Moderation.APPROVED and self.status != Status.WITHDRAWN

    @property
    def is_past_until(self) -> bool:
        return self.until < timezone.localdate()

    @property
    def is_on_board(self) -> bool:
        return self.is_public and not self.is_past_until and self.status != Status.EXPIRED

    @property
    def is_seeking(self) -> bool:
        return self.is_on_board and self.status in SEEKING_STATUSES

    def is_visible_to(self, user) -> bool:
        return self.is_public or is_owner(user, self) or is_moderator(user)

    def can_be_edited_by(self, user) -> bool:
        """Owners edit their own posts, except rejected or finished ones."""
        return (
            is_owner(user, self)
            and self.moderation_status != Moderation.REJECTED
            and self.status != Status.FULFILLED
        )

    def allowed_statuses(self) -> list[str]:
        allowed = STATUS_TRANSITIONS[self.status]
        if self.is_past_until:
            # An outdated post can only be withdrawn or finished; extending its date (an edit)
            # is what opens it again.
            allowed = allowed & {Status.WITHDRAWN, Status.FULFILLED, Status.EXPIRED}
        return [value for value in Status.values if value in allowed]

    def owner_statuses(self) -> list[str]:
        """The moves an owner may make; expiry is the date's business, not theirs."""
        return [value for value in self.allowed_statuses() if value != Status.EXPIRED]

    def set_status(self, new_status: str, *, by=None, check: bool = True) -> None:
        """Move along the status flow; `check=False` is for moderators correcting a record."""
        if new_status == self.status:
            return
        if check and new_status not in self.allowed_statuses():
            raise InvalidTransition(f"{self.status} -> {new_status}")
        previous = self.status
        self.status = new_status
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at", "updated_at"])
        log(
            self.specific,
            "needs.status",
            user=by,
            data={"from": previous, "to": new_status},
        )
