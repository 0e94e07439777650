"""Staff sign-in settings of the portal's own (portal.core.appsettings). django-axes and
django-otp keep their settings in portal/settings/base.py, read from the environment there."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class SecuritySettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    second_factor_groups: list[str] = setting(
        ["Inquiry desk", "Moderators", "Needs moderators", "Newsletter"],
        "Groups whose members must use a second factor (superusers always do); they are the "
        "groups that see personal data.",
    )
    second_factor_recent_seconds: int = setting(
        600, "Exporting or erasing a person's data asks for a code again after this long."
    )


def security_settings() -> SecuritySettings:
    return SecuritySettings.load()
