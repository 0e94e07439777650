"""Personal data: export and erase one person's data on request, and the retention purge.

Erasing keeps the inquiry row with its anonymous facts (queue, role, countries, topic,
languages, dates, status) for statistics, and removes everything that could identify the
person: name, email, organisation, subject and text, the thread of notes, answers and
follow-ups, and the stored copies of the emails sent to them.
"""

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.mailer.models import OutgoingEmail

from .conf import inquiry_settings
from .models import Inquiry, Status


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # unreachable: day 1 always exists


def export_person(email: str) -> dict:
    """Everything the desk holds about the person writing from `email`, as JSON-ready data."""
    inquiries = (
        Inquiry.objects.for_email(email)
        .with_personal_data()
        .prefetch_related("countries", "entries")
        .select_related("topic")
        .order_by("submitted_at")
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "inquiries": [
            {
                "reference": inquiry.reference,
                "kind": inquiry.get_queue_display(),
                "status": inquiry.get_status_display(),
                "received": inquiry.submitted_at.isoformat(),
                "name": inquiry.name,
                "email": inquiry.email,
                "organisation": inquiry.organization,
                "role": inquiry.get_role_display(),
                "countries": [country.name for country in inquiry.countries.all()],
                "topic": inquiry.topic.name if inquiry.topic else "",
                "subject": inquiry.subject,
                "question": inquiry.question,
                "preferred_language": inquiry.preferred_language,
                "consent_given": inquiry.consent_at.isoformat() if inquiry.consent_at else None,
                "answered": inquiry.answered_at.isoformat() if inquiry.answered_at else None,
                "closed": inquiry.closed_at.isoformat() if inquiry.closed_at else None,
                # Internal notes are the desk's working notes about the request; they are
                # personal data about the requester too, so they are included.
                "thread": [
                    {
                        "kind": entry.get_kind_display(),
                        "date": entry.created_at.isoformat(),
                        "text": entry.body,
                    }
                    for entry in inquiry.entries.all()
                ],
            }
            for inquiry in inquiries
        ],
    }


def erase_inquiry(inquiry: Inquiry, user: AbstractBaseUser | None, *, reason: str) -> None:
    """Remove the personal data of one inquiry, keeping its anonymous statistics."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if inquiry.is_erased:
            return
        inquiry.entries.all().delete()
        # A message that a worker is handing to the mail server this very moment is left to
        # finish; every other stored copy goes.
        OutgoingEmail.objects.filter(reference=inquiry.reference).exclude(
            status=OutgoingEmail.Status.SENDING
        ).delete()
        inquiry.name = inquiry.email = inquiry.organization = ""
        inquiry.subject = inquiry.question = ""
        inquiry.acknowledgement_message_id = ""
        inquiry.erased_at = timezone.now()
        inquiry.save()
        log(inquiry, "inquiries.erase", user=user, data={"reason": reason})


def erase_person(email: str, user: AbstractBaseUser) -> list[str]:
    """Erase every inquiry sent from `email`; returns their references."""
    references = []
    for inquiry in Inquiry.objects.for_email(email).with_personal_data():
        erase_inquiry(inquiry, user, reason="request")
        references.append(inquiry.reference)
    return references


def log_export(email: str, user: AbstractBaseUser) -> list[str]:
    references = []
    for inquiry in Inquiry.objects.for_email(email).with_personal_data():
        log(inquiry, "inquiries.export", user=user)
        references.append(inquiry.reference)
    return references


def close_answered(days: int | None = None, now: datetime | None = None) -> list[str]:
    """Close inquiries that were answered more than `days` ago and heard nothing since, so
    that their retention period starts; a later follow-up reopens them as usual."""
    days = inquiry_settings().auto_close_days if days is None else days
    if days <= 0:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=days)
    references = []
    for inquiry in Inquiry.objects.filter(status=Status.ANSWERED, answered_at__lt=cutoff):
        with transaction.atomic():
            Inquiry.objects.filter(pk=inquiry.pk).update(
                status=Status.CLOSED, closed_at=timezone.now()
            )
            changes = [{"field": "status", "old": Status.ANSWERED, "new": Status.CLOSED}]
            log(inquiry, "inquiries.update", user=None, data={"changes": changes})
        references.append(inquiry.reference)
    return references


def purgeable(months: int | None = None, now: datetime | None = None):
    """Inquiries closed more than `months` ago that still hold personal data."""
    months = inquiry_settings().retention_months if months is None else months
    cutoff = months_before(now or timezone.now(), months)
    return Inquiry.objects.with_personal_data().filter(status=Status.CLOSED, closed_at__lt=cutoff)


def purge(months: int | None = None, now: datetime | None = None) -> list[str]:
    references = []
    for inquiry in purgeable(months, now):
        erase_inquiry(inquiry, None, reason="retention")
        references.append(inquiry.reference)
    return references
