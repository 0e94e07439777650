"""Gathering an edition's items from the apps that provide them (core.hooks.DIGEST_ITEMS_HOOK).

The window runs from the end of the previous sent edition's window (or a month back for the
first edition) to the moment of gathering. Gathering again later adds only what is new: items
an editor removed stay removed.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail import hooks

from portal.core.hooks import DIGEST_ITEMS_HOOK, DigestItem

from .models import Edition, EditionItem
from .rendering import KIND_ORDER

logger = logging.getLogger(__name__)

FIRST_EDITION_WINDOW = timedelta(days=31)


def collect(since: datetime | None, until: datetime) -> list[DigestItem]:
    """Every provider's items for the window. A failing provider is logged and skipped, so one
    broken app does not stop the newsletter."""
    items: list[DigestItem] = []
    for provider in hooks.get_hooks(DIGEST_ITEMS_HOOK):
        try:
            items.extend(provider(since, until))
        except Exception:
            logger.exception("Digest item provider %r failed", provider)
    return items


def previous_window_end(edition: Edition) -> datetime | None:
    previous = (
        Edition.objects.exclude(status=Edition.Status.DRAFT)
        .exclude(pk=edition.pk)
        .aggregate(end=Max("items_until"))
    )
    return previous["end"]


def merge_versions(digest_items: Iterable[DigestItem]) -> list[dict]:
    """One entry per key: the default language's version first, the others as `versions`."""
    by_key: dict[str, list[DigestItem]] = defaultdict(list)
    for item in digest_items:
        by_key[item.key].append(item)
    merged = []
    for key, versions in by_key.items():
        versions.sort(key=lambda v: (v.language != settings.LANGUAGE_CODE, v.language))
        primary = versions[0]
        countries = sorted({c.upper() for v in versions for c in v.countries})
        topics = sorted({t for v in versions for t in v.topics})
        merged.append(
            {
                "key": key,
                "kind": primary.kind,
                "title": primary.title[:255],
                "url": primary.url,
                "summary": primary.summary[:1000],
                "published_at": primary.published_at,
                "language": primary.language,
                "versions": {
                    v.language: {"title": v.title, "summary": v.summary, "url": v.url}
                    for v in versions[1:]
                },
                "countries": countries,
                "topics": topics,
                # Nothing to match interests against: everyone should see it.
                "for_everyone": not countries and not topics,
            }
        )
    rank = {kind: position for position, kind in enumerate(KIND_ORDER)}
    merged.sort(key=lambda m: (rank.get(m["kind"], len(rank)), -m["published_at"].timestamp()))
    return merged


@transaction.atomic
def gather(edition: Edition, until: datetime | None = None) -> int:
    """Add the items published in the edition's window that it does not have yet. Returns how
    many were added."""
    if not edition.is_draft:
        return 0
    until = until or timezone.now()
    if edition.items_since is None:
        edition.items_since = previous_window_end(edition) or until - FIRST_EDITION_WINDOW
    known = set(edition.gathered_keys)
    new = [m for m in merge_versions(collect(edition.items_since, until)) if m["key"] not in known]
    next_order = (edition.items.aggregate(n=Max("sort_order"))["n"] or 0) + 1
    for offset, fields in enumerate(new):
        EditionItem.objects.create(edition=edition, sort_order=next_order + offset, **fields)
    edition.gathered_keys = sorted(known | {m["key"] for m in new})
    edition.items_until = until
    Edition.objects.filter(pk=edition.pk).update(
        items_since=edition.items_since,
        items_until=until,
        gathered_keys=edition.gathered_keys,
    )
    return len(new)
