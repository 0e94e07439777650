"""The retention policy in one place: each kind of personal data, how long it is kept (from
the settings), and what the periodic purge removes. The privacy policy page states these
periods; its test reads them from here."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.accounts.verification import VERIFICATION_MAX_AGE
from portal.inquiries import privacy as inquiry_privacy
from portal.inquiries.conf import inquiry_settings
from portal.mailer import retention as outbox
from portal.needs import retention as needs_retention
from portal.newsletter.conf import newsletter_settings
from portal.newsletter.subscriptions import CONFIRMATION_PURPOSE

from .conf import operations_settings

# Log actions that record who handled a person's data; kept PORTAL_AUDIT_LOG_RETENTION_DAYS.
AUDIT_ACTIONS = ("inquiries.export", "inquiries.erase")
AUDIT_ACTION_PREFIX = "audit."


def link_lifetimes() -> dict[str, timedelta]:
    """Emails whose link stops working sooner than the outbox's retention period."""
    return {
        "accounts.password_reset": timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        "accounts.verify": timedelta(seconds=VERIFICATION_MAX_AGE),
        CONFIRMATION_PURPOSE: timedelta(seconds=newsletter_settings().confirm_max_age),
    }


def periods() -> dict[str, str]:
    """What the privacy policy must say, as the numbers the settings give."""
    lifetimes = link_lifetimes()
    config = operations_settings()
    return {
        "outbox_days": str(config.outbox_retention_days),
        "reset_days": str(lifetimes["accounts.password_reset"].days),
        "verify_days": str(lifetimes["accounts.verify"].days),
        "confirm_days": str(lifetimes[CONFIRMATION_PURPOSE].days),
        "inquiry_months": str(inquiry_settings().retention_months),
        "session_days": str(settings.SESSION_COOKIE_AGE // 86400),
        "audit_days": str(config.audit_log_retention_days),
    }


def _outbox_queryset():
    return outbox.bodies_to_erase(
        retention=timedelta(days=operations_settings().outbox_retention_days),
        link_lifetimes=link_lifetimes(),
    )


def _audit_queryset():
    cutoff = timezone.now() - timedelta(days=operations_settings().audit_log_retention_days)
    entries = ModelLogEntry.objects.filter(timestamp__lt=cutoff)
    return entries.filter(action__in=AUDIT_ACTIONS) | entries.filter(
        action__startswith=AUDIT_ACTION_PREFIX
    )


def _expired_sessions():
    return Session.objects.filter(expire_date__lt=timezone.now())


@dataclass
class Rule:
    name: str
    count: Callable[[], int]  # what would go now
    purge: Callable[[], int]  # remove it; returns how many went


def _purge_inquiries() -> int:
    inquiry_privacy.close_answered()
    return len(inquiry_privacy.purge())


RULES = [
    Rule(
        "inquiries and contact messages closed past the retention period",
        lambda: inquiry_privacy.purgeable().count(),
        _purge_inquiries,
    ),
    Rule(
        "email bodies in the outbox (past retention, or their link expired)",
        lambda: _outbox_queryset().count(),
        lambda: outbox.erase_bodies(_outbox_queryset()),
    ),
    Rule(
        "relayed needs-board messages whose connection closed",
        lambda: needs_retention.messages_to_erase().count(),
        lambda: sum(needs_retention.erase_closed_messages()),
    ),
    Rule(
        "expired sessions",
        lambda: _expired_sessions().count(),
        lambda: _expired_sessions().delete()[0],
    ),
    Rule(
        "audit log entries past their period",
        lambda: _audit_queryset().count(),
        lambda: _audit_queryset().delete()[0],
    ),
]


def run(*, dry_run: bool) -> list[tuple[str, int]]:
    return [(rule.name, rule.count() if dry_run else rule.purge()) for rule in RULES]
