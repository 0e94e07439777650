"""The editorial desk's settings (portal.core.appsettings): link checking runs and the
"needs review" dashboard. The link checker's own timeouts are core's (portal.core.conf)."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class DeskSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    link_check_max_per_run: int = setting(
        200, "Addresses one check_links run checks at most, the least recently checked first."
    )
    link_check_interval_hours: int = setting(
        20, "An address is checked again after this many hours."
    )
    expiry_warning_days: int = setting(
        14, "The dashboard lists needs and offers within this many days of their end."
    )


def desk_settings() -> DeskSettings:
    return DeskSettings.load()
