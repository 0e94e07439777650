"""The bulk downloads' settings (`PORTAL_OPEN_DATA_*`, portal.core.appsettings)."""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.conf import settings

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class OpenDataSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_OPEN_DATA_"

    root: str = setting("", "Where the bulk downloads (/data/) are written (empty: var/opendata).")
    debounce_seconds: int = setting(
        60,
        "Publishing waits this long before regenerating the downloads, so that a burst of "
        "edits costs one regeneration.",
    )

    @property
    def root_path(self) -> Path:
        return Path(self.root) if str(self.root) else Path(settings.VAR_DIR) / "opendata"


def open_data_settings() -> OpenDataSettings:
    return OpenDataSettings.load()
