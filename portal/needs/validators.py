"""The check that keeps obvious personal data (email addresses, phone numbers) out of posts and
relayed messages.

Posts are public and may concern people at risk; contact details are exchanged only when both
parties agree to connect. Phone numbers are found with libphonenumber (the `phonenumberslite`
port), which knows each country's numbering plan: it finds international forms (+856 20 ...,
0066 ...) and the local forms of the region (020 5555 1234 in Lao PDR, 081-234-5678 in
Thailand) while leaving dates, years and amounts alone, which a home-made pattern cannot do.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumbers import Leniency, PhoneNumberMatcher

# Local numbers are read with each of these numbering plans: the Mekong region and its
# neighbours, where most posts come from. Numbers written with + or 00 are found for any country.
DEFAULT_PHONE_REGIONS = ("LA", "TH", "KH", "VN", "MM", "CN", "MY")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# "name (at) example (dot) org", "name [at] example.org": the usual disguises.
DISGUISED_EMAIL = re.compile(
    r"\b[\w.+-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+(\s*([\[(]\s*dot\s*[\])]|\.)\s*[\w-]+)+",
    re.IGNORECASE | re.UNICODE,
)

PERSONAL_DATA_MESSAGE = _(
    "Please remove the %(what)s (%(found)s). Posts and messages must not contain email "
    "addresses or phone numbers, and never details about victims or cases. Your contact "
    "details are shared only with someone you agree to connect with."
)


def find_emails(text: str) -> list[str]:
    return [m.group(0) for m in EMAIL.finditer(text)] + [
        m.group(0) for m in DISGUISED_EMAIL.finditer(text)
    ]


def find_phone_numbers(text: str, regions: Iterable[str] = DEFAULT_PHONE_REGIONS) -> list[str]:
    found: list[str] = []
    for region in regions:
        for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
            if match.raw_string not in found:
                found.append(match.raw_string)
    return found


def check_personal_data(text: str, regions: Iterable[str] = DEFAULT_PHONE_REGIONS) -> None:
    """Raise ValidationError naming what was found, so the person can remove it."""
    if not text:
        return
    emails = find_emails(text)
    if emails:
        raise ValidationError(
            PERSONAL_DATA_MESSAGE,
            code="email_address",
            params={"what": _("email address"), "found": emails[0]},
        )
    phones = find_phone_numbers(text, regions)
    if phones:
        raise ValidationError(
            PERSONAL_DATA_MESSAGE,
            code="phone_number",
            params={"what": _("phone number"), "found": phones[0]},
        )


def no_personal_data(value: str) -> None:
    """Field validator form of check_personal_data."""
    check_personal_data(value)
