"""Store first, send later, retry: the one way the portal sends individual emails.

`queue_email()` writes the message to the database and queues its delivery on the task queue
in the same transaction. Delivery claims the row before talking to the SMTP server, so two
workers never send the same message, and records success only after the server accepted it.
If the server is down the message waits with exponential backoff; `manage.py send_queued_email`
sends whatever is due (for example from cron, or after a long outage).
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.core.formfields import single_line

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # with the backoff below: about two days of retrying
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 60 * 60
STALE_SENDING_AFTER = timedelta(minutes=15)


def backoff_delay(attempts: int) -> timedelta:
    return timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


def queue_email(
    *,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    purpose: str,
    reference: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
) -> OutgoingEmail:
    """Store a message and queue its delivery. Returns the stored message."""
    domain = (from_email or settings.DEFAULT_FROM_EMAIL).rsplit("@", 1)[-1].strip("> ")
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            purpose=purpose,
            reference=reference,
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            to=list(to),
            reply_to=list(reply_to or []),
            subject=single_line(subject),
            body_text=body_text,
            body_html=body_html,
            headers=dict(headers or {}),
            message_id=make_msgid(domain=domain or None),
        )
        _enqueue_delivery(email)
    return email


def _enqueue_delivery(email: OutgoingEmail, run_after=None) -> None:
    from .tasks import deliver_email

    task = deliver_email
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # left queued; send_queued_email or the next sweep picks it up
        task = task.using(run_after=run_after)
    try:
        task.enqueue(email.pk)
    except Exception:  # the message is stored; a sweep will send it
        logger.exception("Could not queue delivery of email %s", email.pk)


def deliver(email_id: int) -> bool:
    """Try to send one stored message now. Returns True if it was sent by this call."""
    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
    )
    if not claimed:
        return False  # already sent, given up, or being sent by another worker
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_address,
        to=email.to,
        reply_to=email.reply_to or None,
        headers={**email.headers, "Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([message])
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        _record_failure(email, error)
        return False
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _record_failure(email: OutgoingEmail, error: Exception) -> None:
    attempts = email.attempts
    if attempts >= MAX_ATTEMPTS:
        status = OutgoingEmail.Status.FAILED
        next_attempt = email.next_attempt_at
    else:
        status = OutgoingEmail.Status.QUEUED
        next_attempt = timezone.now() + backoff_delay(attempts)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=status, next_attempt_at=next_attempt, last_error=f"{type(error).__name__}: {error}"
    )
    logger.warning("Email %s not sent (attempt %s): %s", email.pk, attempts, error)
    if status == OutgoingEmail.Status.QUEUED:
        email.refresh_from_db()
        _enqueue_delivery(email, run_after=next_attempt)


def release_stale_claims() -> int:
    """Messages left "sending" by a worker that died mid-send go back to the queue. The server
    may have accepted such a message already: at-least-once is preferred to losing it."""
    cutoff = timezone.now() - STALE_SENDING_AFTER
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, last_attempt_at__lt=cutoff
    ).update(status=OutgoingEmail.Status.QUEUED, next_attempt_at=timezone.now())


def send_due_emails(*, include_not_due: bool = False) -> tuple[int, int]:
    """Send every queued message that is due (or all queued ones). Returns (sent, not sent)."""
    release_stale_claims()
    queryset = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED)
    if not include_not_due:
        queryset = queryset.filter(next_attempt_at__lte=timezone.now())
    sent = failed = 0
    for email_id in queryset.order_by("created_at").values_list("pk", flat=True):
        if deliver(email_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
