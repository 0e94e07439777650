"""Everything that happens to an inquiry, each step stored and written to its history
(Wagtail's log entries: who, when, what). Views and commands call these functions; nothing
else changes an inquiry."""

import logging
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.log_actions import log

from .conf import GENERAL_PREFIX, RESEARCH_PREFIX, inquiry_settings
from .emails import send_acknowledgement, send_answer
from .models import EntryKind, Inquiry, InquiryEntry, Queue, Status
from .references import next_reference
from .workdays import add_working_days

logger = logging.getLogger(__name__)

PREFIXES = {Queue.RESEARCH: RESEARCH_PREFIX, Queue.GENERAL: GENERAL_PREFIX}


def due_date_from(start: date) -> date:
    return add_working_days(start, inquiry_settings().target_working_days)


DUPLICATE_WINDOW = timedelta(minutes=30)


def recent_duplicate(queue: str, data: dict) -> Inquiry | None:
    """The same text from the same address a moment ago (a double click, a reload of the
    form's answer): the person gets the first reference instead of a second inquiry."""
    return (
        Inquiry.objects.filter(
            queue=queue,
            email__iexact=data["email"],
            question=data.get("question") or data.get("message", ""),
            submitted_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("submitted_at")
        .first()
    )


def submit(queue: str, data: dict) -> Inquiry:
    """Store a submission from a public form, then queue its acknowledgement.

    The inquiry is committed before any email work starts, so a problem with email (or with
    the queue) can never lose it; the outbox then retries delivery until it succeeds.
    """
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            reference=next_reference(PREFIXES[Queue(queue)]),
            queue=queue,
            name=data["name"],
            email=data["email"],
            organization=data.get("organization", ""),
            subject=data.get("subject", ""),
            question=data.get("question") or data.get("message", ""),
            role=data.get("role", ""),
            topic=data.get("topic"),
            preferred_language=data.get("preferred_language") or get_language() or "en",
            submitted_language=get_language() or "en",
            consent_at=now if data.get("consent") else None,
            submitted_at=now,
            due_on=due_date_from(timezone.localdate()) if queue == Queue.RESEARCH else None,
        )
        if data.get("countries"):
            inquiry.countries.set(data["countries"])
        log(inquiry, "inquiries.received", user=None)
    try:
        send_acknowledgement(inquiry)
    except Exception:  # the inquiry is stored; staff see that no acknowledgement was queued
        logger.exception("Could not queue the acknowledgement for %s", inquiry.reference)
    return inquiry


def _user_label(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def update_case(
    inquiry: Inquiry,
    user: AbstractBaseUser,
    *,
    status: str | None = None,
    assignee: object = ...,
    due_on: object = ...,
) -> list[dict]:
    """Change status, assignee (a user or None) and/or due date (a date or None); arguments
    left out stay as they are. Logs what changed and returns the changes.

    Assigning a new inquiry moves it to "assigned"; closing records when (the retention clock
    starts then); reopening clears it.
    """
    changes: list[dict] = []
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if assignee is not ... and assignee != inquiry.assignee:
            changes.append(
                {
                    "field": "assignee",
                    "old": _user_label(inquiry.assignee),
                    "new": _user_label(assignee),
                }
            )
            inquiry.assignee = assignee
            if (
                assignee is not None
                and inquiry.status == Status.NEW
                and status in (None, Status.NEW)
            ):
                status = Status.ASSIGNED
        if due_on is not ... and due_on != inquiry.due_on:
            changes.append(
                {
                    "field": "due_on",
                    "old": inquiry.due_on.isoformat() if inquiry.due_on else "",
                    "new": due_on.isoformat() if due_on else "",
                }
            )
            inquiry.due_on = due_on
        if status is not None and status != inquiry.status:
            changes.append({"field": "status", "old": inquiry.status, "new": status})
            _set_status(inquiry, status)
        if changes:
            inquiry.save()
            log(inquiry, "inquiries.update", user=user, data={"changes": changes})
    return changes


def _set_status(inquiry: Inquiry, status: str) -> None:
    inquiry.status = status
    if status == Status.CLOSED:
        inquiry.closed_at = timezone.now()
    else:
        inquiry.closed_at = None


def add_note(inquiry: Inquiry, user: AbstractBaseUser, body: str) -> InquiryEntry:
    with transaction.atomic():
        entry = InquiryEntry.objects.create(
            inquiry=inquiry, kind=EntryKind.NOTE, body=body, author=user
        )
        log(inquiry, "inquiries.note", user=user, data={"entry": entry.pk})
    return entry


def log_follow_up(
    inquiry: Inquiry, user: AbstractBaseUser, body: str, received_on: date | None = None
) -> InquiryEntry:
    """Record a reply the requester sent by email. A reply reopens the inquiry: the desk owes
    an answer again, with a fresh due date counted from when the reply arrived."""
    received_on = received_on or timezone.localdate()
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        entry = InquiryEntry.objects.create(
            inquiry=inquiry,
            kind=EntryKind.FOLLOW_UP,
            body=body,
            author=user,
            received_on=received_on,
        )
        changes = []
        reopened = Status.ASSIGNED if inquiry.assignee_id else Status.NEW
        if inquiry.status not in (Status.NEW, Status.ASSIGNED):
            changes.append({"field": "status", "old": inquiry.status, "new": reopened})
            _set_status(inquiry, reopened)
        if inquiry.queue == Queue.RESEARCH:
            new_due = due_date_from(received_on)
            if new_due != inquiry.due_on:
                changes.append(
                    {
                        "field": "due_on",
                        "old": inquiry.due_on.isoformat() if inquiry.due_on else "",
                        "new": new_due.isoformat(),
                    }
                )
                inquiry.due_on = new_due
        inquiry.save()
        log(
            inquiry,
            "inquiries.follow_up",
            user=user,
            data={"entry": entry.pk, "received_on": received_on.isoformat(), "changes": changes},
        )
    return entry


def answer(inquiry: Inquiry, user: AbstractBaseUser, body: str, *, close: bool = False):
    """Store the answer, email it to the requester (reply-to the desk) and mark the inquiry
    answered (or closed). The answer and its email are committed together."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        entry = InquiryEntry.objects.create(
            inquiry=inquiry, kind=EntryKind.ANSWER, body=body, author=user
        )
        entry.email = send_answer(inquiry, entry)
        entry.save(update_fields=["email"])
        new_status = Status.CLOSED if close else Status.ANSWERED
        changes = []
        if inquiry.status != new_status:
            changes.append({"field": "status", "old": inquiry.status, "new": new_status})
        _set_status(inquiry, new_status)
        inquiry.answered_at = timezone.now()
        if inquiry.assignee_id is None:
            inquiry.assignee = user
            changes.append({"field": "assignee", "old": "", "new": _user_label(user)})
        inquiry.save()
        log(
            inquiry,
            "inquiries.answer",
            user=user,
            data={"entry": entry.pk, "email": entry.email_id, "changes": changes},
        )
    return entry
