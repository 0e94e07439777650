"""The static mirror's settings (`PORTAL_MIRROR_*`, portal.core.appsettings). The frontend
cache to purge is Wagtail's own setting, WAGTAILFRONTENDCACHE (from PORTAL_FRONTEND_CACHE_URL
in portal/settings/base.py)."""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.conf import settings

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class MirrorSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_MIRROR_"

    enabled: bool = setting(
        False, "Keep the static mirror of the public site that nginx serves (deploy/ sets it)."
    )
    root: str = setting("", "Folder of the mirror (empty: var/mirror under PORTAL_VAR_DIR).")

    @property
    def root_path(self) -> Path:
        return Path(self.root) if str(self.root) else Path(settings.VAR_DIR) / "mirror"


def mirror_settings() -> MirrorSettings:
    return MirrorSettings.load()
