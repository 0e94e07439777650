"""The home app's settings (portal.core.appsettings)."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class HomeSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    sync_site_with_base_url: bool = setting(
        True,
        "Every migrate (and manage.py sync_site) sets the Wagtail Site's host, port and scheme "
        "from PORTAL_BASE_URL.",
    )


def home_settings() -> HomeSettings:
    return HomeSettings.load()
