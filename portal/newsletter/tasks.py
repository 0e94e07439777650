"""The background side of sending. One task sends for about NEWSLETTER_TASK_SECONDS, then
queues its continuation, so a long edition never ties up a worker and a restarted worker picks
it up. Each task also queues a deferred "watchdog" run: if the worker dies mid-send, the
watchdog finds the lease expired and carries on where the dead run stopped."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .conf import newsletter_settings
from .sending import Outcome, run

logger = logging.getLogger(__name__)


def _supports_defer() -> bool:
    return send_edition_task.get_backend().supports_defer


def enqueue_sending(edition_id: int, run_after=None) -> None:
    """Queue a sending run (now, or later where the backend can defer)."""
    queued = send_edition_task
    if run_after is not None:
        if not _supports_defer():
            return  # the immediate backend (tests): resumed by send_edition or the admin
        queued = queued.using(run_after=run_after)
    queued.enqueue(edition_id)


@task()
def send_edition_task(edition_id: int) -> str:
    config = newsletter_settings()
    deferrable = _supports_defer()
    if deferrable:
        enqueue_sending(edition_id, timezone.now() + timedelta(seconds=2 * config.lease_seconds))
    result = run(edition_id, time_budget=config.task_seconds if deferrable else None)
    if result.outcome == Outcome.PAUSED:
        enqueue_sending(edition_id)
    elif result.outcome in (Outcome.WAITING, Outcome.SMTP_UNAVAILABLE) and result.retry_at:
        enqueue_sending(edition_id, result.retry_at)
    logger.info("Edition %s: %s (%s sent)", edition_id, result.outcome, result.sent)
    return str(result.outcome)
