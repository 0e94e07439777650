"""The mail server is down when a person writes: the inquiry is saved and confirmed at once,
and the acknowledgement goes out when the server is back, exactly once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from portal.inquiries.models import Inquiry
from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import send_due_emails

from .conftest import inquiry_post


def submit_while_smtp_is_down(client, smtp_server) -> Inquiry:
    smtp_server.stop()
    response = client.post("/inquiry-corner/", inquiry_post())
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    thanks = client.get(response["Location"]).content.decode()
    assert inquiry.reference in thanks  # confirmed on screen although no mail could go out
    email = OutgoingEmail.objects.get(reference=inquiry.reference)
    assert email.status == OutgoingEmail.Status.QUEUED and email.sent_at is None
    assert smtp_server.messages == []
    return inquiry


@pytest.mark.django_db
def test_smtp_down_then_up_sends_the_acknowledgement_exactly_once(client, desk_site, smtp_server):
    inquiry = submit_while_smtp_is_down(client, smtp_server)
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1 and "Connection refused" in email.last_error

    smtp_server.start()
    assert send_due_emails(include_not_due=True) == (1, 0)
    assert send_due_emails(include_not_due=True) == (0, 0)

    [message] = smtp_server.messages
    assert message.envelope_to == ["dara.sok@example.org"]
    assert inquiry.reference in message.subject
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_smtp_down_then_up_with_the_database_worker(client, desk_site, smtp_server):
    from django_tasks_db.models import DBTaskResult

    def run_worker():
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)

    inquiry = submit_while_smtp_is_down(client, smtp_server)
    run_worker()  # first attempt fails and schedules a retry with backoff
    email = OutgoingEmail.objects.get()
    assert email.attempts == 1 and email.status == OutgoingEmail.Status.QUEUED
    assert smtp_server.messages == []

    smtp_server.start()
    # Let the backoff elapse, then the worker delivers the retry.
    past = timezone.now() - timedelta(seconds=1)
    OutgoingEmail.objects.update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)
    run_worker()
    run_worker()

    [message] = smtp_server.messages
    assert inquiry.reference in message.subject
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 2
