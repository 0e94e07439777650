"""One live run per edition: a lease (runner name + heartbeat) on the Edition row."""

import logging
import os
import socket
import uuid
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from ..conf import newsletter_settings
from ..models import Delivery, Edition

logger = logging.getLogger(__name__)


def new_runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def runner_is_dead(runner: str) -> bool:
    """True when the runner was a process on this machine that no longer exists (other
    machines' runners are judged by their heartbeat only)."""
    try:
        host, pid, _ = runner.rsplit(":", 2)
        pid_number = int(pid)
    except ValueError:
        return False
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid_number, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def acquire(edition_id: int, runner: str) -> bool:
    now = timezone.now()
    current = Edition.objects.filter(pk=edition_id).values_list("runner", flat=True).first()
    lease = timedelta(seconds=newsletter_settings().lease_seconds)
    free = Q(runner="") | Q(runner_heartbeat__lt=now - lease)
    if current and runner_is_dead(current):
        free |= Q(runner=current)
    taken = (
        Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING)
        .filter(free)
        .update(runner=runner, runner_heartbeat=now)
    )
    if taken:
        recover_abandoned(edition_id)
    return bool(taken)


def recover_abandoned(edition_id: int) -> None:
    """Called by the run that just took the lease: whatever is claimed or in flight belongs to
    a run that died."""
    deliveries = Delivery.objects.filter(edition_id=edition_id)
    released = deliveries.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.PENDING, claimed_by=""
    )
    uncertain = deliveries.filter(status=Delivery.Status.SENDING).update(
        status=Delivery.Status.UNCERTAIN,
        last_error="The sending run stopped during this message's SMTP transaction.",
    )
    if released or uncertain:
        logger.warning(
            "Edition %s: took over from a stopped run (%s released, %s uncertain)",
            edition_id,
            released,
            uncertain,
        )


def heartbeat(edition_id: int, runner: str) -> bool:
    """Report that the run is alive; False if the lease was lost (taken over)."""
    return bool(
        Edition.objects.filter(pk=edition_id, runner=runner).update(runner_heartbeat=timezone.now())
    )


def release(edition_id: int, runner: str) -> None:
    Edition.objects.filter(pk=edition_id, runner=runner).update(runner="", runner_heartbeat=None)
