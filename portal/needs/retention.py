"""Relayed messages are kept only while the connection they open is alive. Once both sides
have connected (they have each other's address), one side declined, or the post is closed
(fulfilled, withdrawn, expired, or past its date), the message text is erased, with the
stored copies of the relay emails about a closed post."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.mailer.retention import erase_bodies_about

from .choices import Status
from .models import Interest, Post

CLOSED_STATUSES = (Status.FULFILLED, Status.WITHDRAWN, Status.EXPIRED)
RELAY_PURPOSES = ["needs.interest", "needs.interest_sent", "needs.consent", "needs.declined"]


def closed_posts() -> QuerySet:
    return Post.objects.filter(Q(status__in=CLOSED_STATUSES) | Q(until__lt=timezone.localdate()))


def messages_to_erase() -> QuerySet:
    """Interests whose connection is over and that still hold their message."""
    return Interest.objects.exclude(message="").filter(
        Q(connected_at__isnull=False)
        | Q(declined_at__isnull=False)
        | Q(post__in=closed_posts())
        | Q(sender_post__in=closed_posts())
    )


def erase_closed_messages() -> tuple[int, int]:
    """Returns (messages erased, relay email bodies erased)."""
    references = [f"needs-post:{pk}" for pk in closed_posts().values_list("pk", flat=True)]
    messages = messages_to_erase().update(message="")
    emails = erase_bodies_about(references, RELAY_PURPOSES)
    return messages, emails
