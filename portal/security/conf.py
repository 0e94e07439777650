"""Sign-in security's own settings (portal.core.appsettings): who must use a second factor,
and the passkey relying party. django-axes and django-otp keep their settings in
portal/settings/base.py, read from the environment there.

The passkey values left empty follow PORTAL_BASE_URL (WAGTAILADMIN_BASE_URL), so one address
configures the site, its emails and its passkeys; set them only when staff sign in on another
address.
"""

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from django.conf import settings

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


@dataclass(frozen=True)
class PasskeySettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_PASSKEY_"

    rp_id: str = setting(
        "",
        "Passkeys' relying party ID, a domain (empty: the host of PORTAL_BASE_URL). Passkeys "
        "work only under it: changing it means staff register their passkeys again.",
    )
    rp_name: str = setting(
        "",
        "The name a browser shows when it asks for a passkey (empty: PORTAL_OTP_ISSUER).",
    )
    origins: list[str] = setting(
        [],
        "Addresses (scheme://host[:port]) where staff may use passkeys (empty: the origin of "
        "PORTAL_BASE_URL). Comma-separated in the environment.",
    )

    @property
    def base_url(self) -> str:
        return settings.WAGTAILADMIN_BASE_URL

    @property
    def relying_party_id(self) -> str:
        return self.rp_id or (urlsplit(self.base_url).hostname or "localhost")

    @property
    def relying_party_name(self) -> str:
        return self.rp_name or settings.OTP_TOTP_ISSUER

    @property
    def allowed_origins(self) -> list[str]:
        if self.origins:
            return [origin.rstrip("/") for origin in self.origins]
        parts = urlsplit(self.base_url)
        return [f"{parts.scheme}://{parts.netloc}"]


def passkey_settings() -> PasskeySettings:
    return PasskeySettings.load()
