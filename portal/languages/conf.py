"""The language editions' settings (portal.core.appsettings)."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class LanguageSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    reviewed_interface_languages: list[str] = setting(
        [],
        "Interface catalogues a fluent person has reviewed (codes); the site marks the others "
        "as machine-made.",
    )


def language_settings() -> LanguageSettings:
    return LanguageSettings.load()
