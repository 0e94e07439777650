"""Moderators' decisions on posts. Each decision is saved, logged in the admin history and
told to the poster by email (a rejection with its reason)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import notifications
from .choices import Moderation, Status
from .models import Post


class Decision:
    APPROVE = "approve"
    REQUEST_CHANGES = "request-changes"
    REJECT = "reject"


def _decide(post: Post, moderator, moderation_status: str, note: str, action: str) -> None:
    post.moderation_status = moderation_status
    post.moderation_note = note
    post.moderated_by = moderator
    post.moderated_at = timezone.now()
    fields = ["moderation_status", "moderation_note", "moderated_by", "moderated_at", "updated_at"]
    if moderation_status == Moderation.APPROVED and post.first_published_at is None:
        post.first_published_at = post.moderated_at
        fields.append("first_published_at")
    post.save(update_fields=fields)
    log(post.specific, action, user=moderator, data={"note": note} if note else {})


@transaction.atomic
def approve(post: Post, moderator) -> None:
    _decide(post, moderator, Moderation.APPROVED, "", "needs.approve")
    notifications.post_approved(post)


@transaction.atomic
def request_changes(post: Post, moderator, note: str) -> None:
    _decide(post, moderator, Moderation.CHANGES_REQUESTED, note, "needs.request_changes")
    notifications.changes_requested(post)


@transaction.atomic
def reject(post: Post, moderator, reason: str) -> None:
    _decide(post, moderator, Moderation.REJECTED, reason, "needs.reject")
    notifications.post_rejected(post)


def decide(post: Post, moderator, decision: str, note: str = "") -> None:
    if decision == Decision.APPROVE:
        approve(post, moderator)
    elif decision == Decision.REQUEST_CHANGES:
        request_changes(post, moderator, note)
    elif decision == Decision.REJECT:
        reject(post, moderator, note)
    else:
        raise ValueError(decision)


@transaction.atomic
def submit(post: Post, *, by, created: bool) -> None:
    """A new or edited post goes (back) to the moderators before anyone else sees it. An
    expired post whose date was extended opens again."""
    post.moderation_status = Moderation.PENDING
    post.submitted_at = timezone.now()
    fields = ["moderation_status", "submitted_at", "updated_at"]
    if post.status == Status.EXPIRED and not post.is_past_until:
        post.status = Status.OPEN
        post.status_changed_at = timezone.now()
        fields += ["status", "status_changed_at"]
    post.save(update_fields=fields)
    log(post.specific, "wagtail.create" if created else "wagtail.edit", user=by)
    notifications.post_submitted(post)
