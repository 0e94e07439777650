"""The purge enforces the retention periods the privacy policy states: old email bodies and
expired links in the outbox, relayed messages of closed connections, expired sessions, old
audit entries, closed inquiries; `--dry-run` reports the same numbers and changes nothing."""

import json
import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.countries.models import Country
from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import queue_email
from portal.needs.choices import Status
from portal.needs.models import Interest, Need, Post
from portal.operations import retention

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

ROOT = Path(__file__).resolve().parents[3]


def email(purpose: str, age: timedelta, status=OutgoingEmail.Status.SENT) -> OutgoingEmail:
    message = queue_email(to=["a@example.org"], subject="s", body_text="a link", purpose=purpose)
    OutgoingEmail.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - age, status=status
    )
    return message


def purge(dry_run: bool = False) -> str:
    out = StringIO()
    call_command("purge_personal_data", *(["--dry-run"] if dry_run else []), stdout=out)
    return out.getvalue()


def test_outbox_bodies_go_after_the_period_and_links_when_they_expire(demo_site, settings):
    settings.PORTAL_OUTBOX_RETENTION_DAYS = 30
    settings.PASSWORD_RESET_TIMEOUT = 3 * 86400
    old = email("inquiries.answer", timedelta(days=31))
    recent = email("inquiries.answer", timedelta(days=29))
    reset_expired = email("accounts.password_reset", timedelta(days=3, minutes=1))
    reset_valid = email("accounts.password_reset", timedelta(days=2))
    reset_unsent = email(
        "accounts.password_reset", timedelta(days=4), status=OutgoingEmail.Status.QUEUED
    )
    sending = email("inquiries.answer", timedelta(days=60), status=OutgoingEmail.Status.SENDING)

    report = purge(dry_run=True)
    assert "Would remove 3: email bodies" in report
    assert OutgoingEmail.objects.filter(body_text="").count() == 0  # the dry run changed nothing

    assert "Removed 3: email bodies" in purge()
    for message in (old, reset_expired, reset_unsent):
        message.refresh_from_db()
        assert message.body_text == "" and message.body_erased_at is not None
    reset_unsent.refresh_from_db()
    assert reset_unsent.status == OutgoingEmail.Status.FAILED  # its link no longer works
    for message in (recent, reset_valid, sending):
        message.refresh_from_db()
        assert message.body_text == "a link" and message.body_erased_at is None
    assert "Removed 0: email bodies" in purge()  # idempotent


def test_relayed_messages_go_when_the_connection_closes(demo_site):
    User = get_user_model()
    sender = User.objects.create_user("sender@example.org", "sender@example.org", "x")
    owner = User.objects.create_user("owner@example.org", "owner@example.org", "x")
    open_post, closed_post = (
        Need.objects.create(
            owner=owner,
            country=Country.objects.get(iso2="LA"),
            title=title,
            category="interpreting",
            description="We need Lao and Thai interpreters for court hearings in Vientiane.",
            until=timezone.localdate() + timedelta(days=30),
            urgency="soon",
        )
        for title in ("Interpreters", "Counsellors")
    )
    kept = Interest.objects.create(post=open_post, sender=sender, message="Can we help?")
    on_closed = Interest.objects.create(post=closed_post, sender=sender, message="And here?")
    other = User.objects.create_user("other@example.org", "other@example.org", "x")
    connected = Interest.objects.create(
        post=open_post, sender=other, message="Connected now", connected_at=timezone.now()
    )
    relay = queue_email(
        to=["owner@example.org"],
        subject="s",
        body_text="And here?",
        purpose="needs.interest",
        reference=f"needs-post:{closed_post.pk}",
    )
    Post.objects.filter(pk=closed_post.pk).update(status=Status.FULFILLED)

    assert "Would remove 2: relayed needs-board messages" in purge(dry_run=True)
    purge()
    for interest, message in ((kept, "Can we help?"), (on_closed, ""), (connected, "")):
        interest.refresh_from_db()
        assert interest.message == message
    relay.refresh_from_db()
    assert relay.body_text == "" and relay.body_erased_at


def test_expired_sessions_and_old_audit_entries_go(demo_site, settings):
    settings.PORTAL_AUDIT_LOG_RETENTION_DAYS = 365
    alive, dead = SessionStore(), SessionStore()
    alive.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    inquiry = get_user_model().objects.create_user("logged@example.org")  # any logged object
    old = ModelLogEntry.objects.log_action(inquiry, "inquiries.export")
    recent = ModelLogEntry.objects.log_action(inquiry, "inquiries.export")
    ModelLogEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - timedelta(days=366))

    purge()
    assert Session.objects.filter(session_key=alive.session_key).exists()
    assert not Session.objects.filter(session_key=dead.session_key).exists()
    assert not ModelLogEntry.objects.filter(pk=old.pk).exists()
    assert ModelLogEntry.objects.filter(pk=recent.pk).exists()


def test_the_privacy_policy_states_every_period_the_settings_give():
    pages = json.loads((ROOT / "portal/standardpages/demo_data/pages.json").read_text())
    text = re.sub(r"<[^>]+>", "", json.dumps(pages["privacy"], ensure_ascii=False))
    periods = retention.periods()
    expected = [
        f"copy of each email for {periods['outbox_days']} days",
        f"password reset link works for {periods['reset_days']} days",
        f"email verification link for {periods['verify_days']} days",
        f"newsletter confirmation link for {periods['confirm_days']} days",
        f"erased {periods['inquiry_months']} months after the inquiry is closed",
        f"session ends after {periods['session_days']} days",
        f"kept for {periods['audit_days']} days, visible only to administrators",
    ]
    for phrase in expected:
        assert phrase in text, phrase
    # The backup timer deletes archives older than the policy says.
    unit = (ROOT / "deploy/systemd/portal-backup.service").read_text()
    days = re.search(r"-mtime \+(\d+)", unit).group(1)
    assert f"encrypted copies of the site are kept for {days} days" in text
