"""Sign-in security's settings (portal.core.appsettings): the passkey relying party.

Empty values follow PORTAL_BASE_URL (WAGTAILADMIN_BASE_URL), so one address configures the
site, its emails and its passkeys; set them only when staff sign in on another address.
"""

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from django.conf import settings

from portal.core.appsettings import AppSettings, setting


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
