"""Posts whose date has passed. They leave the board by the queryset rule at once
(PostQuerySet.on_board); this job also moves their status to "expired" and tells their
owners, who can extend the date to open them again."""

import logging

from django.db import transaction

from . import notifications
from .choices import Moderation, Status
from .models import Post

logger = logging.getLogger(__name__)


def expire_posts() -> int:
    """Mark outdated posts expired and tell their owners. Returns how many were expired."""
    expired = 0
    for post in Post.objects.past_until().select_related("owner"):
        with transaction.atomic():
            locked = Post.objects.select_for_update().filter(pk=post.pk).first()
            if locked is None or locked.status == Status.EXPIRED or not locked.is_past_until:
                continue
            locked.set_status(Status.EXPIRED)
            if locked.moderation_status != Moderation.REJECTED:
                notifications.post_expired(locked)
            expired += 1
    if expired:
        logger.info("Expired %s needs and offers", expired)
    return expired
