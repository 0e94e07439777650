"""Expressing interest and connecting: the first message is relayed by email; addresses are
exchanged only once both sides have agreed."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import notifications
from .choices import Status
from .models import Interest, Post


class AlreadySent(Exception):
    """The sender already wrote about this post."""


@transaction.atomic
def express_interest(
    *, post: Post, sender, message: str, sender_post: Post | None, consent: bool
) -> Interest:
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                post=post,
                sender=sender,
                sender_post=sender_post,
                message=message,
                sender_consented_at=timezone.now() if consent else None,
            )
    except IntegrityError:
        raise AlreadySent from None
    notifications.interest_relayed(interest)
    return interest


def _start_discussion(post: Post | None, by) -> None:
    if post is not None and post.status == Status.OPEN and not post.is_past_until:
        post.set_status(Status.IN_DISCUSSION, by=by)


@transaction.atomic
def consent(interest: Interest, user) -> bool:
    """Record one side's agreement; returns True when this made the two sides connected."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.connected_at or interest.declined_at:
        return False
    now = timezone.now()
    if user.pk == interest.sender_id:
        interest.sender_consented_at = interest.sender_consented_at or now
    else:
        interest.recipient_consented_at = interest.recipient_consented_at or now
    both = interest.sender_consented_at and interest.recipient_consented_at
    if both:
        interest.connected_at = now
    interest.save()
    if both:
        notifications.connected(interest)
        _start_discussion(interest.post, user)
        _start_discussion(interest.sender_post, user)
    else:
        notifications.consent_given(interest, user)
    return bool(both)


@transaction.atomic
def decline(interest: Interest, user) -> None:
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.connected_at or interest.declined_at:
        return
    interest.declined_at = timezone.now()
    interest.declined_by = user
    interest.save(update_fields=["declined_at", "declined_by"])
    notifications.declined(interest, user)
