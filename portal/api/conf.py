"""The open data API's settings (`PORTAL_API_*`, portal.core.appsettings)."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class ApiSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_API_"

    rate_limit: str = setting(
        "120/minute",
        "Requests per client address and window: 120/minute (also /second, /hour, /day).",
    )
    max_page_size: int = setting(100, "The largest page a list returns (read at start-up).")
    cache_max_age: int = setting(300, "Cache-Control max-age (seconds) of API answers.")


def api_settings() -> ApiSettings:
    return ApiSettings.load()
