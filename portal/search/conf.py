"""The search's settings (see portal/core/appsettings.py for where values come from)."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class SearchSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_SEARCH_"
    engine: str = setting(
        "tantivy",
        'The site search\'s engine: "tantivy" (an embedded index on disk, the same on SQLite and '
        'PostgreSQL) or "database" (Wagtail\'s database index; enough for small sites).',
    )
    index_dir: str = setting(
        "",
        "Directory of the tantivy index (empty: var/search-index). Every web worker reads it; "
        "the task worker writes it.",
    )
    exact_count_limit: int = setting(
        10_000,
        'The database engine counts matches exactly up to this many and says "about N" above.',
    )


def search_settings() -> SearchSettings:
    return SearchSettings.load()
