"""Extension points between apps, so that no app imports another's views or templates.
Register functions with `@wagtail.hooks.register(NAME)` in an app's wagtail_hooks.py.

COUNTRY_PANELS_HOOK, "portal_country_panels": `fn(country, request) -> str | None`. The country
page renders each returned HTML fragment (a <section> with its own <h2>) in hook order.
Organisations, resources and updates use it to list what concerns a country on its page.

DIGEST_ITEMS_HOOK, "portal_digest_items": `fn(since: datetime | None, until: datetime) ->
Iterable[DigestItem]`. Content published in that window (live pages only), which the newsletter
gathers into an edition. Updates, events and resources provide it.
"""

from dataclasses import dataclass, field
from datetime import datetime

COUNTRY_PANELS_HOOK = "portal_country_panels"
DIGEST_ITEMS_HOOK = "portal_digest_items"


@dataclass(frozen=True)
class DigestItem:
    """One piece of content as a newsletter edition shows it."""

    key: str  # stable identity, e.g. "wagtailcore.page:<translation_key>"
    kind: str  # "update", "event", "resource"
    title: str
    url: str  # site-absolute path, e.g. /updates/2026/lao-workshop/
    summary: str
    published_at: datetime
    language: str = "en"
    countries: tuple[str, ...] = field(default_factory=tuple)  # ISO alpha-2 codes
    topics: tuple[str, ...] = field(default_factory=tuple)  # topic slugs
