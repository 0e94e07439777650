"""The desk's settings, each with its default. Override any of them in the settings module."""

import os

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULTS = {
    # Answer target for a new inquiry, in working days (Monday to Friday, less public holidays).
    "PORTAL_INQUIRY_TARGET_WORKING_DAYS": 10,
    # Countries (ISO 3166 codes) whose public holidays are not working days for the desk.
    "PORTAL_INQUIRY_HOLIDAY_COUNTRIES": os.environ.get("PORTAL_INQUIRY_HOLIDAY_COUNTRIES", "LA,TH"),
    # Personal data of inquiries closed longer than this is erased by `purge_inquiries`.
    "PORTAL_INQUIRY_RETENTION_MONTHS": 24,
    # Answered inquiries with no follow-up are closed after this many days, which starts the
    # retention period (purge_inquiries does it; 0 turns it off).
    "PORTAL_INQUIRY_AUTO_CLOSE_DAYS": 90,
    # Public forms: accepted submissions per hour from one address / for one email address.
    "PORTAL_INQUIRY_RATE_PER_IP": 5,
    "PORTAL_INQUIRY_RATE_PER_EMAIL": 3,
    "PORTAL_INQUIRY_RATE_WINDOW": 3600,
    # Languages a requester may ask the answer in (the desk answers in these when it can);
    # emails are written in the requester's language when the portal has it, else in the
    # language the form was sent in.
    "PORTAL_INQUIRY_ANSWER_LANGUAGES": [
        ("en", "English"),
        ("lo", "ລາວ (Lao)"),
        ("th", "ไทย (Thai)"),
        ("km", "ខ្មែរ (Khmer)"),
        ("my", "မြန်မာ (Burmese)"),
        ("vi", "Tiếng Việt (Vietnamese)"),
        ("zh-hans", "中文 (Chinese)"),
    ],
}

# Reference prefixes per queue.
RESEARCH_PREFIX = "INQ"
GENERAL_PREFIX = "MSG"

DESK_GROUP = "Inquiry desk"
DESK_GROUP_LABEL = _("Inquiry desk")


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
