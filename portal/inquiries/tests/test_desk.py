"""The staff side: the whole journey through the admin, the queue, history, and who may see
inquiries at all."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.inquiries import casework
from portal.inquiries.models import EntryKind, Inquiry, Queue, Status
from portal.mailer.models import OutgoingEmail
from portal.testing.html import soup
from portal.testing.security import login_staff

from .conftest import contact_post, inquiry_post

pytestmark = pytest.mark.django_db


def submit(client, **overrides) -> Inquiry:
    response = client.post("/inquiry-corner/", inquiry_post(**overrides))
    assert response.status_code == 302, response.content[:2000]
    return Inquiry.objects.latest("submitted_at")


def case_url(inquiry: Inquiry) -> str:
    name = "inquiries" if inquiry.queue == Queue.RESEARCH else "contact_messages"
    return f"/admin/{name}/edit/{inquiry.pk}/"


def test_the_whole_journey(client, desk_site, desk_member, smtp_server):
    # A researcher asks.
    inquiry = submit(client)
    [acknowledgement] = smtp_server.messages
    assert inquiry.reference in acknowledgement.subject

    # The desk sees it in its queue, takes it and answers in the admin.
    staff = client.__class__()
    login_staff(staff, desk_member)
    listing = staff.get("/admin/inquiries/")
    assert listing.status_code == 200
    assert inquiry.reference in listing.content.decode()

    case = staff.get(case_url(inquiry))
    assert case.status_code == 200
    page = case.content.decode()
    assert "Dara Sok" in page and "dara.sok@example.org" in page and "Which studies" in page

    response = staff.post(
        case_url(inquiry),
        {"action": "update", "update-status": "new", "update-assignee": desk_member.pk},
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.assignee == desk_member and inquiry.status == Status.ASSIGNED

    answer_text = "The ILO and the Lao Ministry of Labour published estimates in 2003 and 2013."
    response = staff.post(
        case_url(inquiry), {"action": "answer", "answer-body": answer_text}, follow=True
    )
    assert "queued for sending" in response.content.decode()

    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED and inquiry.answered_at is not None
    [entry] = inquiry.entries.filter(kind=EntryKind.ANSWER)
    assert entry.body == answer_text and entry.author == desk_member
    assert entry.email.status == OutgoingEmail.Status.SENT

    # The answer reaches the requester, with replies going to the desk.
    answer = smtp_server.messages[1]
    assert answer.envelope_to == ["dara.sok@example.org"]
    assert answer.subject == f"[{inquiry.reference}] Answer to your inquiry"
    assert answer_text in answer.text() and answer_text in answer.html()
    assert answer.header("Reply-To") == "desk@localhost"
    assert answer.header("In-Reply-To") == acknowledgement.header("Message-ID")
    assert len(smtp_server.messages) == 2

    # The requester replies by email; staff log it and the inquiry is open again.
    response = staff.post(
        case_url(inquiry),
        {
            "action": "follow_up",
            "follow_up-body": "Thank you. Is there a figure for 2020?",
            "follow_up-received_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ASSIGNED
    assert inquiry.entries.filter(kind=EntryKind.FOLLOW_UP).count() == 1

    # The history says who did what, and when.
    history = staff.get(f"/admin/inquiries/history/{inquiry.pk}/").content.decode()
    assert "Received through the public form" in history
    assert "Status: New → Assigned" in history
    assert "Answer emailed to the requester" in history
    assert "Follow-up from the requester logged" in history
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(inquiry.pk))
        # Views of the case are the audit trail's (portal.operations tests them).
        .exclude(action__startswith="audit.")
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert actions == [
        ("inquiries.received", None),
        ("inquiries.update", "desk"),
        ("inquiries.answer", "desk"),
        ("inquiries.follow_up", "desk"),
    ]


def test_a_contact_message_can_be_answered_from_its_own_queue(
    client, desk_site, desk_member, smtp_server
):
    client.post("/contact-us/", contact_post())
    message = Inquiry.objects.get(queue=Queue.GENERAL)
    login_staff(client, desk_member)
    assert message.reference in client.get("/admin/contact_messages/").content.decode()
    assert message.reference not in client.get("/admin/inquiries/").content.decode()
    client.post(
        case_url(message),
        {"action": "answer", "answer-body": "Fixed, thank you.", "answer-close": "on"},
    )
    message.refresh_from_db()
    assert message.status == Status.CLOSED and message.closed_at is not None
    assert smtp_server.messages[-1].subject == f"[{message.reference}] Reply to your message"


def test_internal_notes_stay_internal(client, desk_site, desk_member, smtp_server):
    inquiry = submit(client)
    login_staff(client, desk_member)
    client.post(case_url(inquiry), {"action": "note", "note-body": "Ask Vanh: she knows ILO data."})
    assert inquiry.entries.get().kind == EntryKind.NOTE
    assert len(smtp_server.messages) == 1  # only the acknowledgement
    assert "Ask Vanh" in client.get(case_url(inquiry)).content.decode()


def test_invalid_staff_forms_explain_and_change_nothing(client, desk_site, desk_member):
    inquiry = submit(client)
    login_staff(client, desk_member)
    response = client.post(case_url(inquiry), {"action": "answer", "answer-body": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        case_url(inquiry),
        {"action": "follow_up", "follow_up-body": "x", "follow_up-received_on": future},
    )
    assert "cannot be in the future" in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Status.NEW and not inquiry.entries.exists()
    assert not OutgoingEmail.objects.filter(purpose="inquiries.answer").exists()


def test_queue_filters_search_and_overdue_marker(client, desk_site, desk_member, other_desk_member):
    late = submit(client, email="late@example.org", question="An old question about fishing boats")
    Inquiry.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    fresh = submit(client, email="fresh@example.org", question="A new question about brick kilns")
    casework.update_case(fresh, desk_member, assignee=other_desk_member)
    waiting = submit(client, email="waiting@example.org", question="Waiting for more details")
    Inquiry.objects.filter(pk=waiting.pk).update(
        status=Status.WAITING, due_on=timezone.localdate() - timedelta(days=3)
    )

    login_staff(client, desk_member)

    def listed(query: str) -> set[str]:
        html = soup(client.get("/admin/inquiries/" + query))
        return {
            a.get_text(strip=True) for a in html.select("table tbody td.title .title-wrapper a")
        }

    everything = {late.reference, fresh.reference, waiting.reference}
    assert listed("") == everything
    assert listed("?overdue=true") == {late.reference}
    assert listed("?overdue=false") == {fresh.reference, waiting.reference}
    assert listed("?status=assigned") == {fresh.reference}
    assert listed("?status=new&status=waiting") == {late.reference, waiting.reference}
    assert listed(f"?assignee={other_desk_member.pk}") == {fresh.reference}
    assert listed("?q=brick") == {fresh.reference}
    assert listed("?q=late@example.org") == {late.reference}
    assert listed(f"?q={waiting.reference}") == {waiting.reference}

    html = soup(client.get("/admin/inquiries/"))
    overdue_rows = [
        row.select_one("td.title .title-wrapper a").get_text(strip=True)
        for row in html.select("table tbody tr")
        if row.select_one(".inquiries-overdue")
    ]
    # "Waiting for requester" stops the clock: not overdue although past its date.
    assert overdue_rows == [late.reference]


def test_due_date_is_ten_working_days_and_configurable(client, desk_site, settings):
    from portal.inquiries.workdays import add_working_days

    inquiry = submit(client)
    assert inquiry.due_on == add_working_days(timezone.localdate(), 10)
    settings.PORTAL_INQUIRY_TARGET_WORKING_DAYS = 3
    second = submit(client, email="second@example.org")
    assert second.due_on == add_working_days(timezone.localdate(), 3)
    assert "within 3 working days" in client.get("/inquiry-corner/").content.decode()


DESK_URLS = [
    "/admin/inquiries/",
    "/admin/inquiries/results/",
    "/admin/inquiries/edit/{pk}/",
    "/admin/inquiries/history/{pk}/",
    "/admin/inquiries/qa/{pk}/",
    "/admin/contact_messages/",
    "/admin/inquiry_data_requests/?inquiry={pk}",
    "/admin/inquiry_statistics/",
]


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_get_403(client, desk_site, request, role):
    inquiry = submit(client)
    user = request.getfixturevalue(role)
    login_staff(client, user)  # moderators pass their second factor; the desk stays closed
    for url in DESK_URLS:
        response = client.get(url.format(pk=inquiry.pk))
        assert response.status_code == 403, url
        assert b"Dara" not in response.content
    response = client.post(
        case_url(inquiry), {"action": "answer", "answer-body": "Let me answer instead"}
    )
    assert response.status_code == 403
    response = client.post(
        "/admin/inquiry_data_requests/",
        {"action": "erase", "email": "dara.sok@example.org", "confirm": "on"},
    )
    assert response.status_code == 403
    assert not Inquiry.objects.get().entries.exists() and not Inquiry.objects.get().is_erased
    # The menu does not show the desk, and the site history does not list inquiries.
    dashboard = client.get("/admin/").content.decode()
    assert "Research inquiries" not in dashboard
    history = client.get("/admin/reports/site-history/").content.decode()
    assert inquiry.reference not in history


def test_anonymous_visitors_are_sent_to_the_login(client, desk_site):
    inquiry = submit(client)
    client.logout()
    response = client.get(case_url(inquiry))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_desk_members_see_the_menu_and_dashboard_summary(client, desk_site, desk_member):
    overdue = submit(client)
    Inquiry.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    login_staff(client, desk_member)
    dashboard = client.get("/admin/").content.decode()
    assert "Research inquiries" in dashboard and "Contact messages" in dashboard
    assert "Personal data requests" in dashboard and "Statistics" in dashboard
    assert "1 overdue inquiry" in dashboard and "1 new inquiry" in dashboard
    for url in DESK_URLS:
        assert client.get(url.format(pk=overdue.pk)).status_code in (200, 302), url
