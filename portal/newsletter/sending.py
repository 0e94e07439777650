"""Sending an edition: one Delivery row per (edition, subscriber), batches over one SMTP
connection, a rate limit, and runs that can die at any moment without anyone getting the
edition twice.

How a row moves: pending -> claimed (a run took it in a batch) -> sending (written just before
its SMTP transaction) -> sent (written right after the server accepted it, in the same statement
that marks the next row "sending"). One run at a time holds an edition (a lease with a
heartbeat). A run that finds the lease of a dead run takes over: rows that run had claimed but
not started go back to pending; a row it had marked "sending" may or may not have been
delivered, so it becomes "uncertain" and is not sent again automatically (staff can choose to
send those again). At most one row per crash is uncertain.
"""

import contextlib
import logging
import os
import smtplib
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import Case, F, Min, Q, Value, When
from django.utils import timezone

from portal.taxonomy.models import Topic

from .conf import newsletter_settings
from .models import Delivery, Edition, Subscriber
from .rendering import EmailCache, Interests
from .subscriptions import manage_links

logger = logging.getLogger(__name__)

SMTP_RETRY_AFTER = timedelta(seconds=60)
RECIPIENT_BACKOFF = timedelta(minutes=5)
RECIPIENT_BACKOFF_MAX = timedelta(hours=6)
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError)


class Outcome(StrEnum):
    FINISHED = "finished"  # every delivery is done (sent, failed, uncertain or skipped)
    PAUSED = "paused"  # the run's time budget was used up; more to send
    WAITING = "waiting"  # only retries that are not due yet remain
    SMTP_UNAVAILABLE = "smtp-unavailable"  # the mail server could not be reached
    BUSY = "busy"  # another live run holds the edition
    NOT_SENDING = "not-sending"  # the edition is a draft or already sent


@dataclass(frozen=True)
class RunResult:
    outcome: Outcome
    sent: int = 0
    retry_at: datetime | None = None


ProgressCallback = Callable[[Delivery], None]


def start_sending(edition: Edition, user=None) -> int:
    """Freeze the list of recipients (confirmed, not failing) and mark the edition as sending.
    Returns the number of recipients. Does nothing to an edition that is not a draft."""
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.status != Edition.Status.DRAFT:
            return locked.deliveries.count()
        now = timezone.now()
        recipient_ids = Subscriber.objects.receiving().values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            (Delivery(edition=locked, subscriber_id=pk) for pk in recipient_ids.iterator()),
            batch_size=2000,
            ignore_conflicts=True,
        )
        Edition.objects.filter(pk=edition.pk).update(
            status=Edition.Status.SENDING,
            send_requested_at=now,
            send_requested_by=user if user and user.is_authenticated else None,
            items_until=locked.items_until or now,
        )
    edition.refresh_from_db()
    return edition.deliveries.count()


def resend_uncertain(edition: Edition) -> int:
    """Staff decided that the interrupted ones should be sent (again): back to pending."""
    count = edition.deliveries.filter(status=Delivery.Status.UNCERTAIN).update(
        status=Delivery.Status.PENDING, next_attempt_at=None, claimed_by=""
    )
    if count:
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING, sent_at=None)
    return count


# ----- the lease: one live run per edition ---------------------------------------------------


def new_runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def runner_is_dead(runner: str) -> bool:
    """True when the runner was a process on this machine that no longer exists."""
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
    free = Q(runner="") | Q(
        runner_heartbeat__lt=now - timedelta(seconds=newsletter_settings().lease_seconds)
    )
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


# ----- the run ---------------------------------------------------------------------------------


class Pacer:
    """At most `per_second` messages per second (0: no limit)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1 / per_second if per_second else 0.0
        self.next_slot = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_slot > now:
            time.sleep(self.next_slot - now)
        self.next_slot = max(self.next_slot, now) + self.interval


class TopicSlugs:
    """A topic's slugs in every language, so a Lao reader's topic matches an English item."""

    def __init__(self) -> None:
        self.by_key: dict[uuid.UUID, set[str]] = {}
        for key, slug in Topic.objects.values_list("translation_key", "slug"):
            self.by_key.setdefault(key, set()).add(slug)


def load_interests(subscriber_ids: list[int], topic_slugs: TopicSlugs) -> dict[int, Interests]:
    countries: dict[int, set[str]] = {}
    topics: dict[int, set[str]] = {}
    country_links = Subscriber.countries.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, iso2 in country_links.values_list("subscriber_id", "country__iso2"):
        countries.setdefault(subscriber_id, set()).add(iso2)
    topic_links = Subscriber.topics.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, key in topic_links.values_list("subscriber_id", "topic__translation_key"):
        topics.setdefault(subscriber_id, set()).update(topic_slugs.by_key.get(key, ()))
    return {
        pk: Interests(frozenset(countries.get(pk, ())), frozenset(topics.get(pk, ())))
        for pk in subscriber_ids
    }


def build_message(edition: Edition, subscriber: Subscriber, emails: EmailCache, interests):
    rendered = emails.for_reader(subscriber.language, interests)
    links = manage_links(subscriber)
    text, body = rendered.personal(links)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=getattr(settings, "NEWSLETTER_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL),
        to=[subscriber.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{list_domain()}>",
        },
    )
    message.attach_alternative(body, "text/html")
    return message


def list_domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def _mark(previous_sent: int | None, now_sending: int | None) -> None:
    """One statement per message: the previous one is sent, the next one is in flight."""
    ids = [pk for pk in (previous_sent, now_sending) if pk is not None]
    if not ids:
        return
    now = timezone.now()
    Delivery.objects.filter(pk__in=ids).update(
        status=Case(
            When(pk=previous_sent, then=Value(Delivery.Status.SENT)),
            default=Value(Delivery.Status.SENDING),
        ),
        sent_at=Case(
            When(pk=previous_sent, then=Value(now)),
            default=F("sent_at"),
            output_field=models.DateTimeField(),
        ),
        attempts=Case(
            When(pk=now_sending, then=F("attempts") + 1),
            default=F("attempts"),
            output_field=models.PositiveSmallIntegerField(),
        ),
    )


def _recipient_failure(delivery: Delivery, error: Exception, code: int | None) -> None:
    settings_ = newsletter_settings()
    attempts = delivery.attempts + 1
    permanent = code is not None and code >= 500
    if permanent or attempts >= settings_.max_attempts:
        status, next_attempt = Delivery.Status.FAILED, None
    else:
        status = Delivery.Status.PENDING
        delay = min(RECIPIENT_BACKOFF * 2 ** (attempts - 1), RECIPIENT_BACKOFF_MAX)
        next_attempt = timezone.now() + delay
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        claimed_by="",
        next_attempt_at=next_attempt,
        last_error=f"{type(error).__name__}: {error}"[:500],
    )


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return max(codes) if codes else None
    return getattr(error, "smtp_code", None)


def run(
    edition_id: int,
    *,
    time_budget: float | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunResult:
    """Send what is due for one edition until done, out of time, or the server is away."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or edition.status != Edition.Status.SENDING:
        return RunResult(Outcome.NOT_SENDING)
    runner = new_runner_name()
    if not acquire(edition_id, runner):
        return RunResult(Outcome.BUSY)
    try:
        return _run_batches(edition, runner, time_budget, on_progress)
    finally:
        release(edition_id, runner)


def _due(edition: Edition):
    now = timezone.now()
    return edition.deliveries.filter(status=Delivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _run_batches(edition, runner, time_budget, on_progress) -> RunResult:
    config = newsletter_settings()
    started = time.monotonic()
    pacer = Pacer(config.max_per_second)
    emails = EmailCache(edition)
    topic_slugs = TopicSlugs()
    sent_total = 0
    while True:
        if time_budget is not None and time.monotonic() - started > time_budget:
            return RunResult(Outcome.PAUSED, sent_total)
        if not heartbeat(edition.pk, runner):
            return RunResult(Outcome.BUSY, sent_total)
        ids = list(_due(edition).order_by("pk").values_list("pk", flat=True)[: config.batch_size])
        if not ids:
            break
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.CLAIMED, claimed_by=runner
        )
        batch = list(
            Delivery.objects.filter(pk__in=ids, claimed_by=runner, status=Delivery.Status.CLAIMED)
            .select_related("subscriber")
            .order_by("pk")
        )
        outcome, sent = _send_batch(edition, batch, emails, topic_slugs, pacer, on_progress)
        sent_total += sent
        if outcome is not None:
            return RunResult(outcome, sent_total, timezone.now() + SMTP_RETRY_AFTER)
    return _finish(edition, sent_total)


def _finish(edition: Edition, sent_total: int) -> RunResult:
    waiting = edition.deliveries.filter(status=Delivery.Status.PENDING)
    if waiting.exists():
        retry_at = waiting.aggregate(at=Min("next_attempt_at"))["at"]
        return RunResult(Outcome.WAITING, sent_total, retry_at)
    Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENDING).update(
        status=Edition.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return RunResult(Outcome.FINISHED, sent_total)


def _send_batch(edition, batch, emails, topic_slugs, pacer, on_progress):
    """Send one claimed batch over one connection. Returns (problem outcome or None, sent)."""
    interests = load_interests([d.subscriber_id for d in batch], topic_slugs)
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (*CONNECTION_ERRORS, smtplib.SMTPException) as error:
        _release(batch)
        _note_problem(edition, error)
        return Outcome.SMTP_UNAVAILABLE, 0
    sent = 0
    previous: int | None = None
    try:
        for index, delivery in enumerate(batch):
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.SUBSCRIBED or subscriber.is_failing:
                Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
                continue
            message = build_message(edition, subscriber, emails, interests[subscriber.pk])
            payload = message.message().as_bytes(linesep="\r\n")
            pacer.wait()
            _mark(previous, delivery.pk)
            previous = None
            try:
                connection.connection.sendmail(message.from_email, [subscriber.email], payload)
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                _recipient_failure(delivery, error, _smtp_code(error))
            except smtplib.SMTPSenderRefused as error:
                _recipient_failure(delivery, error, _smtp_code(error))
            except CONNECTION_ERRORS as error:
                # Not accepted (no final 250): it goes back to the queue with the rest.
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=Delivery.Status.PENDING, claimed_by="", last_error=str(error)[:500]
                )
                _release(batch[index + 1 :])
                _note_problem(edition, error)
                return Outcome.SMTP_UNAVAILABLE, sent
            else:
                previous = delivery.pk
                sent += 1
                if on_progress:
                    on_progress(delivery)
        _mark(previous, None)
        previous = None
    finally:
        if previous is not None:
            _mark(previous, None)
        with contextlib.suppress(*CONNECTION_ERRORS):
            connection.close()
    return None, sent


def _release(deliveries: list[Delivery]) -> None:
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], status=Delivery.Status.CLAIMED
    ).update(status=Delivery.Status.PENDING, claimed_by="")


def _note_problem(edition: Edition, error: Exception) -> None:
    message = f"{timezone.now():%Y-%m-%d %H:%M} UTC · {type(error).__name__}: {error}"
    Edition.objects.filter(pk=edition.pk).update(last_error=message[:1000])
    logger.warning("Edition %s: mail server problem: %s", edition.pk, error)
