"""Retention and people's requests about their data."""

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.inquiries import casework
from portal.inquiries.models import Inquiry, Status
from portal.inquiries.privacy import months_before
from portal.mailer.models import OutgoingEmail
from portal.testing.security import login_staff

from .conftest import inquiry_post

pytestmark = pytest.mark.django_db

PERSONAL = ("name", "email", "organization", "subject", "question")


def submit(client, **overrides) -> Inquiry:
    assert client.post("/inquiry-corner/", inquiry_post(**overrides)).status_code == 302
    return Inquiry.objects.latest("submitted_at")


def close(inquiry: Inquiry, user, closed_at) -> None:
    casework.update_case(inquiry, user, status=Status.CLOSED)
    Inquiry.objects.filter(pk=inquiry.pk).update(closed_at=closed_at)


@pytest.mark.parametrize(
    "moment,months,expected",
    [
        ("2026-11-28T10:00:00", 24, "2024-11-28T10:00:00"),
        ("2026-03-31T00:00:00", 1, "2026-02-28T00:00:00"),
        ("2024-02-29T12:00:00", 12, "2023-02-28T12:00:00"),
        ("2026-01-15T00:00:00", 13, "2024-12-15T00:00:00"),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(datetime.fromisoformat(moment), months) == datetime.fromisoformat(expected)


def test_purge_erases_personal_data_after_the_retention_period_and_keeps_statistics(
    client, desk_site, desk_member, countries, topics
):
    now = timezone.now()
    old = submit(
        client, email="old@example.org", countries=[countries["LA"].pk], topic=topics["fishing"].pk
    )
    casework.add_note(old, desk_member, "Called the ILO office about Dara's question.")
    casework.answer(old, desk_member, "Here are three sources.")
    close(old, desk_member, now - timedelta(days=25 * 31))
    recent = submit(client, email="recent@example.org")
    close(recent, desk_member, now - timedelta(days=23 * 30))
    still_open = submit(client, email="open@example.org")
    Inquiry.objects.filter(pk=still_open.pk).update(submitted_at=now - timedelta(days=4 * 365))

    dry = StringIO()
    call_command("purge_inquiries", "--dry-run", stdout=dry)
    assert "Would erase the personal data of 1 inquiries" in dry.getvalue()
    assert old.reference in dry.getvalue()
    assert Inquiry.objects.get(pk=old.pk).email == "old@example.org"

    out = StringIO()
    call_command("purge_inquiries", stdout=out)
    assert (
        "Erased the personal data of 1 inquiries closed more than 24 months ago" in out.getvalue()
    )

    old.refresh_from_db()
    assert all(getattr(old, field) == "" for field in PERSONAL)
    assert old.is_erased and not old.entries.exists()
    assert not OutgoingEmail.objects.filter(reference=old.reference).exists()
    # Anonymous statistics remain.
    assert old.reference and old.status == Status.CLOSED and old.role == "researcher"
    assert list(old.countries.values_list("iso2", flat=True)) == ["LA"]
    assert old.topic == topics["fishing"] and old.answered_at and old.submitted_at
    assert ModelLogEntry.objects.filter(object_id=str(old.pk), action="inquiries.erase").exists()
    # Nothing in the history holds the person's details.
    for entry in ModelLogEntry.objects.filter(object_id=str(old.pk)):
        assert "old@example.org" not in json.dumps(entry.data) + entry.label
        assert "Dara" not in json.dumps(entry.data) + entry.label

    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert not kept.is_erased and kept.email

    # The statistics still count the erased inquiry.
    from portal.inquiries.statistics import for_year

    stats = for_year(old.submitted_at.year)
    assert stats.received == {"Research inquiries": 2}  # the third was sent years ago
    assert ("Lao PDR", 1) in stats.by_country and ("Fishing", 1) in stats.by_topic
    assert stats.answered == 1 and stats.answered_on_time == 1
    login_staff(client, desk_member)
    page = client.get(f"/admin/inquiry_statistics/?year={old.submitted_at.year}").content.decode()
    assert "Lao PDR" in page and "Fishing" in page

    # Running it again changes nothing.
    again = StringIO()
    call_command("purge_inquiries", stdout=again)
    assert "of 0 inquiries" in again.getvalue()


def test_purge_period_is_configurable(client, desk_site, desk_member, settings):
    inquiry = submit(client)
    close(inquiry, desk_member, timezone.now() - timedelta(days=100))
    call_command("purge_inquiries", stdout=StringIO())
    assert not Inquiry.objects.get().is_erased
    settings.PORTAL_INQUIRY_RETENTION_MONTHS = 3
    call_command("purge_inquiries", stdout=StringIO())
    assert Inquiry.objects.get().is_erased
    with pytest.raises(CommandError):
        call_command("purge_inquiries", "--months", "-1", stdout=StringIO())


def test_staff_export_one_persons_data(client, desk_site, desk_member, smtp_server):
    first = submit(client, email="Person@Example.org")
    casework.answer(first, desk_member, "An answer with sources.")
    second = submit(client, email="person@example.org", question="A second, later question here.")
    submit(client, email="someone.else@example.org")

    login_staff(client, desk_member)
    found = client.post(
        "/admin/inquiry_data_requests/", {"action": "find", "email": "person@example.org"}
    ).content.decode()
    assert first.reference in found and second.reference in found
    # From a case page, the person's inquiries are found by the inquiry's id: no address in URLs.
    from_case = client.get(f"/admin/inquiry_data_requests/?inquiry={second.pk}").content.decode()
    assert first.reference in from_case and second.reference in from_case
    response = client.post(
        "/admin/inquiry_data_requests/", {"action": "export", "email": "person@example.org"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert [i["reference"] for i in data["inquiries"]] == [first.reference, second.reference]
    assert data["inquiries"][0]["thread"][0]["text"] == "An answer with sources."
    assert data["inquiries"][0]["question"].startswith("Which studies")
    assert "someone.else" not in response.content.decode()
    assert ModelLogEntry.objects.filter(action="inquiries.export").count() == 2


def test_staff_erase_one_persons_data(client, desk_site, desk_member, smtp_server):
    first = submit(client, email="person@example.org")
    casework.answer(first, desk_member, "An answer.")
    other = submit(client, email="someone.else@example.org")
    login_staff(client, desk_member)

    unconfirmed = client.post(
        "/admin/inquiry_data_requests/", {"action": "erase", "email": "person@example.org"}
    )
    assert "Please confirm the erasure" in unconfirmed.content.decode()
    assert not Inquiry.objects.get(pk=first.pk).is_erased

    response = client.post(
        "/admin/inquiry_data_requests/",
        {"action": "erase", "email": "person@example.org", "confirm": "on"},
    )
    assert response.status_code == 200
    assert f"Personal data erased from 1 inquiries: {first.reference}" in response.content.decode()
    first.refresh_from_db()
    assert first.is_erased and all(getattr(first, f) == "" for f in PERSONAL)
    assert not OutgoingEmail.objects.filter(reference=first.reference).exists()
    assert not Inquiry.objects.get(pk=other.pk).is_erased
    assert OutgoingEmail.objects.filter(reference=other.reference).exists()
    # The case page still opens, without personal data.
    case = client.get(f"/admin/inquiries/edit/{first.pk}/").content.decode()
    assert "personal data of this inquiry was erased" in case and "Dara" not in case


def test_erased_inquiries_accept_no_new_thread_entries(client, desk_site, desk_member):
    from portal.inquiries.privacy import erase_inquiry

    inquiry = submit(client)
    erase_inquiry(inquiry, desk_member, reason="request")
    login_staff(client, desk_member)
    client.post(f"/admin/inquiries/edit/{inquiry.pk}/", {"action": "note", "note-body": "x"})
    assert not inquiry.entries.exists()
    # Closing still works, which starts nothing new: there is no personal data left.
    client.post(
        f"/admin/inquiries/edit/{inquiry.pk}/", {"action": "update", "update-status": "closed"}
    )
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED


def test_months_before_keeps_the_timezone():
    moment = datetime(2026, 5, 31, 8, 0, tzinfo=UTC)
    assert months_before(moment, 24) == datetime(2024, 5, 31, 8, 0, tzinfo=UTC)


def test_answered_inquiries_without_reply_are_closed_so_retention_starts(
    client, desk_site, desk_member, settings
):
    stale = submit(client, email="stale@example.org")
    casework.answer(stale, desk_member, "Answer one.")
    Inquiry.objects.filter(pk=stale.pk).update(answered_at=timezone.now() - timedelta(days=91))
    fresh = submit(client, email="fresh@example.org")
    casework.answer(fresh, desk_member, "Answer two.")

    out = StringIO()
    call_command("purge_inquiries", stdout=out)
    assert f"Closed 1 answered inquiries with no reply since: {stale.reference}" in out.getvalue()
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Status.CLOSED and stale.closed_at and not stale.is_erased
    assert fresh.status == Status.ANSWERED
    entry = ModelLogEntry.objects.filter(object_id=str(stale.pk)).latest("timestamp", "pk")
    assert entry.action == "inquiries.update" and entry.user is None

    settings.PORTAL_INQUIRY_AUTO_CLOSE_DAYS = 0
    Inquiry.objects.filter(pk=fresh.pk).update(answered_at=timezone.now() - timedelta(days=400))
    call_command("purge_inquiries", stdout=StringIO())
    fresh.refresh_from_db()
    assert fresh.status == Status.ANSWERED
