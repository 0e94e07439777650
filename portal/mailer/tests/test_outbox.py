import pytest
from django.test import override_settings

from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import queue_email, send_due_emails

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def queue(**overrides) -> OutgoingEmail:
    fields = {
        "to": ["reader@example.org"],
        "subject": "Your inquiry INQ-2026-00001",
        "body_text": "Thank you.",
        "body_html": "<p>Thank you.</p>",
        "purpose": "test",
        "reference": "INQ-2026-00001",
        "reply_to": ["desk@example.org"],
        "headers": {"X-Portal": "yes"},
    }
    return queue_email(**{**fields, **overrides})


def test_a_queued_email_is_stored_and_delivered(smtp_server):
    email = queue()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 1
    [received] = smtp_server.messages
    assert received.envelope_to == ["reader@example.org"]
    assert received.subject == "Your inquiry INQ-2026-00001"
    assert received.header("Reply-To") == "desk@example.org"
    assert received.header("Message-ID") == email.message_id
    assert received.header("X-Portal") == "yes"
    assert received.text().strip() == "Thank you." and "<p>Thank you.</p>" in received.html()


def test_smtp_down_keeps_the_message_and_sends_it_exactly_once_later(smtp_server):
    smtp_server.stop()
    email = queue()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED
    assert email.attempts == 1 and email.last_error
    assert email.next_attempt_at > email.created_at

    assert send_due_emails() == (0, 0)  # not due yet: backoff is respected
    smtp_server.start()
    assert send_due_emails(include_not_due=True) == (1, 0)
    assert send_due_emails(include_not_due=True) == (0, 0)
    assert len(smtp_server.messages) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


def test_a_temporary_rejection_is_retried(smtp_server):
    smtp_server.reject_with = "451 Try again later"
    email = queue()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.QUEUED and "451" in email.last_error
    smtp_server.reject_with = None
    send_due_emails(include_not_due=True)
    assert len(smtp_server.messages) == 1


# The worker closes its database connection when done: that needs a real transaction.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_queue_a_failure_schedules_a_retry(smtp_server):
    from django_tasks_db.models import DBTaskResult

    smtp_server.stop()
    email = queue()
    # Nothing ran yet: the message and its delivery task are both stored.
    assert OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.QUEUED
    assert DBTaskResult.objects.count() == 1
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    email.refresh_from_db()
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.QUEUED
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None and retry.run_after >= email.next_attempt_at
