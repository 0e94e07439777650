"""The sending loop: claim a batch, send it over one connection, mark each message."""

import contextlib
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.core.mail import get_connection
from django.core.mail.message import sanitize_address
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from ..conf import newsletter_settings
from ..models import Delivery, Edition, Subscriber
from .lease import acquire, heartbeat, new_runner_name, release
from .messages import MessageFactory, TopicSlugs, load_interests
from .pacing import Pacer
from .transmit import transmit

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


def _mark(previous_sent: int | None, now_sending: int | None) -> None:
    """One statement per message: the previous one is sent, the next one is in flight. Plain
    SQL: this runs once per message and the ORM's expression building costs more than the
    query itself."""
    if previous_sent is None and now_sending is None:
        return
    table = db_connection.ops.quote_name(Delivery._meta.db_table)
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET "  # noqa: S608 (no user input: table name and placeholders)
            "status = CASE WHEN id = %s THEN %s ELSE %s END, "
            "sent_at = CASE WHEN id = %s THEN %s ELSE sent_at END, "
            "attempts = CASE WHEN id = %s THEN attempts + 1 ELSE attempts END "
            "WHERE id IN (%s, %s)",
            [
                previous_sent,
                Delivery.Status.SENT,
                Delivery.Status.SENDING,
                previous_sent,
                db_connection.ops.adapt_datetimefield_value(timezone.now()),
                now_sending,
                previous_sent or 0,
                now_sending or 0,
            ],
        )


def _receives(subscriber: Subscriber) -> bool:
    return subscriber.status == Subscriber.Status.SUBSCRIBED and not subscriber.is_failing


class Prebuilt:
    """The next message, built while the server stores the current one."""

    def __init__(self, factory: MessageFactory, interests: dict) -> None:
        self.factory = factory
        self.interests = interests
        self.ready: dict[int, bytes] = {}

    def _build(self, delivery: Delivery) -> bytes:
        subscriber = delivery.subscriber
        return self.factory.build(subscriber, self.interests[subscriber.pk], delivery.pk)

    def prepare(self, upcoming: list[Delivery]) -> None:
        for delivery in upcoming:
            if _receives(delivery.subscriber):
                try:
                    self.ready[delivery.pk] = self._build(delivery)
                except Exception:  # built again, with its error, when its turn comes
                    logger.exception("Could not prepare the message of delivery %s", delivery.pk)

    def take(self, delivery: Delivery) -> bytes:
        payload = self.ready.pop(delivery.pk, None)
        return payload if payload is not None else self._build(delivery)


class InFlight:
    """The per-message mark, run by transmit() while the server answers MAIL. If the
    transaction failed before that, the previous message is still recorded as sent."""

    def __init__(self, previous_sent: int | None, now_sending: int) -> None:
        self.previous_sent = previous_sent
        self.now_sending = now_sending
        self.done = False

    def __call__(self) -> None:
        _mark(self.previous_sent, self.now_sending)
        self.done = True

    def settle(self) -> None:
        if not self.done and self.previous_sent is not None:
            _mark(self.previous_sent, None)
            self.done = True


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
    on_start: Callable[[str], None] | None = None,
) -> RunResult:
    """Send what is due for one edition until done, out of time, or the server is away.
    `on_start(runner)` is called once this run holds the edition."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None or edition.status != Edition.Status.SENDING:
        return RunResult(Outcome.NOT_SENDING)
    runner = new_runner_name()
    if not acquire(edition_id, runner):
        return RunResult(Outcome.BUSY)
    try:
        if on_start:
            on_start(runner)
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
    factory = MessageFactory(edition)
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
        outcome, sent = _send_batch(edition, batch, factory, topic_slugs, pacer, on_progress)
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


def _send_batch(edition, batch, factory, topic_slugs, pacer, on_progress):
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
    prebuilt = Prebuilt(factory, interests)
    try:
        for index, delivery in enumerate(batch):
            subscriber = delivery.subscriber
            if not _receives(subscriber):
                Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
                continue
            payload = prebuilt.take(delivery)
            pacer.wait()
            in_flight = InFlight(previous, delivery.pk)
            previous = None
            try:
                transmit(
                    connection.connection,
                    factory.envelope_from,
                    sanitize_address(subscriber.email, "utf-8"),
                    payload,
                    while_mail=in_flight,
                    while_data=lambda i=index: prebuilt.prepare(batch[i + 1 : i + 2]),
                )
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
            finally:
                in_flight.settle()
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
