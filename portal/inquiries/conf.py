"""The desk's settings (`PORTAL_INQUIRY_*`, portal.core.appsettings) and its fixed names."""

from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext_lazy as _

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class InquirySettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_INQUIRY_"

    target_working_days: int = setting(
        10,
        "Answer target for a new inquiry, in working days (Monday to Friday, less public "
        "holidays).",
    )
    holiday_countries: list[str] = setting(
        ["LA", "TH"],
        "Countries (ISO 3166 codes) whose public holidays are not working days for the desk.",
    )
    retention_months: int = setting(
        24, "Personal data of inquiries closed longer than this is erased (the purge job)."
    )
    auto_close_days: int = setting(
        90,
        "Answered inquiries with no follow-up are closed after this many days, which starts "
        "the retention period (0: never).",
    )
    rate_per_ip: int = setting(
        5, "Public forms: accepted submissions per window from one client address."
    )
    rate_per_email: int = setting(
        3, "Public forms: accepted submissions per window for one email address."
    )
    rate_window: int = setting(3600, "Public forms: the rate limits' window, in seconds.")
    # Emails are written in the requester's language when the portal has it, else in the
    # language the form was sent in.
    answer_languages: list[tuple[str, str]] = setting(
        [
            ("en", "English"),
            ("lo", "ລາວ (Lao)"),
            ("th", "ไทย (Thai)"),
            ("km", "ខ្មែរ (Khmer)"),
            ("my", "မြန်မာ (Burmese)"),
            ("vi", "Tiếng Việt (Vietnamese)"),
            ("zh-hans", "中文 (Chinese)"),
        ],
        "Languages a requester may ask the answer in (environment: code:label,code:label).",
    )


def inquiry_settings() -> InquirySettings:
    return InquirySettings.load()


# Reference prefixes per queue.
RESEARCH_PREFIX = "INQ"
GENERAL_PREFIX = "MSG"

DESK_GROUP = "Inquiry desk"
DESK_GROUP_LABEL = _("Inquiry desk")
