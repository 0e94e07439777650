"""Sending: exactly once per subscriber through crashes, restarts and mail server outages."""

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from portal.newsletter import sending
from portal.newsletter.models import Delivery, Edition
from portal.newsletter.sending import Outcome

from .conftest import digest_item

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def edition_for(digest_items, make_edition, make_subscriber):
    """An edition started for `count` confirmed subscribers."""

    def make(count: int) -> Edition:
        digest_items.append(digest_item("a"))
        for n in range(count):
            make_subscriber(f"reader{n:02d}@example.org")
        edition = make_edition()
        sending.start_sending(edition)
        return edition

    return make


def assert_each_got_exactly_one(smtp_server, count: int) -> None:
    received = Counter(m.envelope_to[0] for m in smtp_server.messages)
    duplicates = {address: n for address, n in received.items() if n > 1}
    missed = {f"reader{n:02d}@example.org" for n in range(count)} - set(received)
    assert not duplicates, f"sent twice: {duplicates}"
    assert not missed, f"never sent: {missed}"


def database_url_for_child() -> str | None:
    """The test database's URL for a child process, or None when it cannot share it."""
    config = connection.settings_dict
    if connection.vendor == "postgresql":
        user = config["USER"] or "postgres"
        return f"postgres://{user}@{config['HOST']}:{config['PORT']}/{config['NAME']}"
    name = str(config["NAME"])
    if "memory" in name or name == ":memory:":
        return None
    return f"sqlite:///{name}"


@pytest.mark.django_db(transaction=True)
def test_worker_killed_halfway_then_restarted(smtp_server, edition_for):
    url = database_url_for_child()
    if url is None:
        pytest.skip("an in-memory SQLite database cannot be shared with a child process")
    edition = edition_for(10)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SINK_PORT": str(smtp_server.port),
        "CRASH_AFTER": "6",  # in the middle of the second batch of four
    }
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("crashing_sender.py")), str(edition.pk)],
        cwd=ROOT,
        env=env,
        timeout=120,
        capture_output=True,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()[-2000:]
    assert len(smtp_server.messages) == 6
    statuses = Counter(edition.deliveries.values_list("status", flat=True))
    # The sixth was accepted by the server but the crash came before it was marked sent.
    assert statuses == {"sent": 5, "sending": 1, "claimed": 2, "pending": 2}

    # The restarted worker: the dead run's lease is taken over at once (its process is gone).
    call_command("send_edition", edition.pk, "--no-progress", "--once")

    assert_each_got_exactly_one(smtp_server, 10)
    assert len(smtp_server.messages) == 10
    progress = edition.progress()
    assert progress["sent"] == 9 and progress["uncertain"] == 1 and progress["remaining"] == 0
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.runner == ""


@pytest.mark.django_db
def test_claimed_rows_of_an_abandoned_run_are_sent_by_the_next(smtp_server, edition_for):
    edition = edition_for(9)
    # A run claimed a batch and then stopped reporting (its machine went away).
    ids = list(edition.deliveries.order_by("pk").values_list("pk", flat=True)[:4])
    Delivery.objects.filter(pk__in=ids).update(status="claimed", claimed_by="gone:1:x")
    Edition.objects.filter(pk=edition.pk).update(
        runner="other-host:123:abcd", runner_heartbeat=timezone.now()
    )
    assert sending.run(edition.pk).outcome == Outcome.BUSY  # its lease is still fresh
    assert smtp_server.messages == []

    Edition.objects.filter(pk=edition.pk).update(
        runner_heartbeat=timezone.now() - timedelta(minutes=10)
    )
    assert sending.run(edition.pk).outcome == Outcome.FINISHED
    assert_each_got_exactly_one(smtp_server, 9)


@pytest.mark.django_db
def test_smtp_down_mid_send_then_back(smtp_server, edition_for):
    edition = edition_for(10)

    def stop_after_five(delivery):
        if len(smtp_server.messages) == 5:
            smtp_server.stop()

    result = sending.run(edition.pk, on_progress=stop_after_five)
    assert result.outcome == Outcome.SMTP_UNAVAILABLE and result.retry_at
    progress = edition.progress()
    assert progress["sent"] == 5 and progress["remaining"] == 5
    assert not edition.deliveries.filter(status__in=["claimed", "sending"]).exists()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING and edition.last_error

    # Still down: nothing changes, nothing is lost.
    assert sending.run(edition.pk).outcome == Outcome.SMTP_UNAVAILABLE
    assert edition.progress()["remaining"] == 5

    smtp_server.start()
    assert sending.run(edition.pk).outcome == Outcome.FINISHED
    assert_each_got_exactly_one(smtp_server, 10)
    assert len(smtp_server.messages) == 10


@pytest.mark.django_db
def test_temporary_rejection_is_retried_later_and_permanent_one_fails(smtp_server, edition_for):
    edition = edition_for(3)
    smtp_server.reject_with = "451 Try again later"
    result = sending.run(edition.pk)
    assert result.outcome == Outcome.WAITING and result.retry_at > timezone.now()
    assert edition.progress()["remaining"] == 3
    assert sending.run(edition.pk).outcome == Outcome.WAITING  # backoff is respected

    smtp_server.reject_with = None
    edition.deliveries.update(next_attempt_at=timezone.now())  # time passes
    assert sending.run(edition.pk).outcome == Outcome.FINISHED
    assert_each_got_exactly_one(smtp_server, 3)

    refused = edition_for(0)  # the same three readers, a new edition
    smtp_server.clear()
    smtp_server.reject_with = "550 No such user"
    assert sending.run(refused.pk).outcome == Outcome.FINISHED
    assert refused.progress()["failed"] == 3
    assert "550" in refused.deliveries.first().last_error


@pytest.mark.django_db
def test_unsubscribed_during_sending_is_skipped(smtp_server, edition_for):
    from portal.newsletter.models import Subscriber

    edition = edition_for(3)
    Subscriber.objects.filter(email="reader01@example.org").update(status="unsubscribed")
    sending.run(edition.pk)
    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == [
        "reader00@example.org",
        "reader02@example.org",
    ]
    assert edition.progress()["skipped"] == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_background_worker_sends_the_edition(smtp_server, edition_for):
    from django_tasks_db.models import DBTaskResult

    from portal.newsletter.tasks import enqueue_sending

    edition = edition_for(6)
    enqueue_sending(edition.pk)
    assert smtp_server.messages == []  # queued, not sent in the request
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    assert_each_got_exactly_one(smtp_server, 6)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    # The watchdog that would have rescued a dead run waits in the queue, and finds nothing.
    watchdog = DBTaskResult.objects.filter(status="READY").get()
    assert watchdog.run_after > timezone.now()


@pytest.mark.django_db
def test_send_edition_command(smtp_server, digest_items, make_edition, make_subscriber, capsys):
    digest_items.append(digest_item("a"))
    for n in range(5):
        make_subscriber(f"reader{n:02d}@example.org")
    edition = make_edition()
    with pytest.raises(CommandError, match="draft"):
        call_command("send_edition", edition.pk)
    call_command("send_edition", edition.pk, "--start")
    output = capsys.readouterr()
    assert "Sending #1 November news to 5 subscribers." in output.out
    assert "finished: sent 5, failed 0, remaining 0" in output.out
    assert "5/5" in output.err  # the progress bar
    assert_each_got_exactly_one(smtp_server, 5)


def test_pacer_spaces_messages(monkeypatch):
    clock = {"now": 100.0}
    sleeps = []
    from portal.newsletter.sending import pacing

    monkeypatch.setattr(pacing.time, "monotonic", lambda: clock["now"])

    def sleep(seconds):
        sleeps.append(round(seconds, 3))
        clock["now"] += seconds

    monkeypatch.setattr(pacing.time, "sleep", sleep)
    pacer = sending.Pacer(per_second=4)
    for _ in range(3):
        pacer.wait()
    assert sleeps == [0.25, 0.25]
    clock["now"] += 10  # idle: no catching up in a burst
    pacer.wait()
    pacer.wait()
    assert sleeps == [0.25, 0.25, 0.25]
    unlimited = sending.Pacer(per_second=0)
    unlimited.wait()
    assert len(sleeps) == 3


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_watchdog_takes_over_from_a_dead_worker_and_waits_for_a_live_one(smtp_server, edition_for):
    import socket

    from django_tasks_db.models import DBTaskResult

    from portal.newsletter.tasks import send_edition_task

    edition = edition_for(5)
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_runner = f"{socket.gethostname()}:{finished.stdout.strip()}:deadbeef"
    live_runner = f"{socket.gethostname()}:{os.getpid()}:cafe0000"

    # A live run holds the edition: its watchdog looks again later and sends nothing.
    Edition.objects.filter(pk=edition.pk).update(
        runner=live_runner, runner_heartbeat=timezone.now()
    )
    send_edition_task.enqueue(edition.pk, live_runner)
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    assert smtp_server.messages == []
    assert DBTaskResult.objects.filter(
        status="READY", args_kwargs__args=[edition.pk, live_runner]
    ).exists()

    # The worker holding it died (its process is gone): the watchdog carries on.
    DBTaskResult.objects.all().delete()
    Edition.objects.filter(pk=edition.pk).update(
        runner=dead_runner, runner_heartbeat=timezone.now()
    )
    send_edition_task.enqueue(edition.pk, dead_runner)
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", verbosity=0)
    assert_each_got_exactly_one(smtp_server, 5)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
