"""How long the outbox keeps what it sent. Bodies of sent and abandoned messages are erased
after the retention period; a message carrying a link that expires sooner (password reset,
email verification, newsletter confirmation) is erased as soon as the link is dead, and if it
was still waiting to be sent it is given up, since its link would no longer work. The row
(purpose, reference, status, dates) stays as the record of delivery."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OutgoingEmail

ERASED_NOTE = "Body erased by the retention purge."
EXPIRED_NOTE = "Not sent: its link expired before it could be delivered."


def bodies_to_erase(
    *, retention: timedelta, link_lifetimes: Mapping[str, timedelta], now: datetime | None = None
) -> QuerySet:
    now = now or timezone.now()
    old = Q(created_at__lt=now - retention) & ~Q(status=OutgoingEmail.Status.QUEUED)
    expired_links = Q(pk__in=[])
    for purpose, lifetime in link_lifetimes.items():
        expired_links |= Q(purpose=purpose, created_at__lt=now - lifetime)
    return (
        OutgoingEmail.objects.filter(body_erased_at__isnull=True)
        # A message being handed to the mail server this moment is left to finish.
        .exclude(status=OutgoingEmail.Status.SENDING)
        .filter(old | expired_links)
    )


def erase_bodies(queryset: QuerySet, now: datetime | None = None) -> int:
    now = now or timezone.now()
    chosen = OutgoingEmail.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    chosen.filter(status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.FAILED, last_error=EXPIRED_NOTE
    )
    return chosen.update(body_text="", body_html="", headers={}, body_erased_at=now)


def erase_bodies_about(references: list[str], purposes: list[str]) -> int:
    """Erase at once the stored messages about records that are closed (e.g. relayed
    messages about a needs post that has been fulfilled or withdrawn)."""
    queryset = OutgoingEmail.objects.filter(
        reference__in=references, purpose__in=purposes, body_erased_at__isnull=True
    ).exclude(status=OutgoingEmail.Status.SENDING)
    return erase_bodies(queryset)
