"""The background side of sending.

One task sends for about NEWSLETTER_TASK_SECONDS, then queues its continuation, so a long
edition never ties up a worker. A task that takes hold of an edition also queues a deferred
watchdog for itself: if the worker dies mid-send, the watchdog finds the run's lease expired
and carries on where it stopped; while the run is alive, the watchdog looks again later; once
another run holds the edition (which has its own watchdog) or the edition is done, it ends.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .conf import newsletter_settings
from .models import Edition
from .sending import Outcome, run

logger = logging.getLogger(__name__)


def _supports_defer() -> bool:
    return send_edition_task.get_backend().supports_defer


def enqueue_sending(edition_id: int, run_after=None, watching: str = "") -> None:
    """Queue a sending run (now, or later where the backend can defer)."""
    queued = send_edition_task
    if run_after is not None:
        if not _supports_defer():
            return  # the immediate backend (tests): resumed by send_edition or the admin
        queued = queued.using(run_after=run_after)
    queued.enqueue(edition_id, watching)


def _watch_later(edition_id: int, runner: str) -> None:
    lease = newsletter_settings().lease_seconds
    enqueue_sending(edition_id, timezone.now() + timedelta(seconds=lease * 1.5), runner)


@task()
def send_edition_task(edition_id: int, watching: str = "") -> str:
    config = newsletter_settings()
    deferrable = _supports_defer()
    result = run(
        edition_id,
        time_budget=config.task_seconds if deferrable else None,
        on_start=(lambda runner: _watch_later(edition_id, runner)) if deferrable else None,
    )
    if result.outcome == Outcome.BUSY:
        holder = Edition.objects.filter(pk=edition_id).values_list("runner", flat=True).first()
        if watching and holder == watching:
            _watch_later(edition_id, watching)  # the watched run is alive: look again later
    elif result.outcome == Outcome.PAUSED:
        enqueue_sending(edition_id)
    elif result.outcome in (Outcome.WAITING, Outcome.SMTP_UNAVAILABLE) and result.retry_at:
        enqueue_sending(edition_id, result.retry_at)
    logger.info("Edition %s: %s (%s sent)", edition_id, result.outcome, result.sent)
    return str(result.outcome)
