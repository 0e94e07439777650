"""Which external links the portal checks: each source's address and each page's related
links. Records that share an address are checked once and all updated."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.core.linkcheck import LinkChecker
from portal.desk.conf import desk_settings
from portal.sources.models import Source
from portal.taxonomy.models import RelatedLink

logger = logging.getLogger(__name__)

# The models whose `url` is checked (each has portal.core.linkcheck.LinkCheckedMixin).
CHECKED_MODELS: list[type[models.Model]] = [Source, RelatedLink]


@dataclass
class RunReport:
    checked: int = 0
    failed: int = 0
    records_updated: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def due_urls(limit: int, now=None) -> list[str]:
    """Up to `limit` external addresses due for a check, never checked ones first, then the
    least recently checked."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=desk_settings().link_check_interval_hours)
    oldest: dict[str, object] = {}
    for model in CHECKED_MODELS:
        rows = (
            model.objects.filter(Q(url__startswith="http://") | Q(url__startswith="https://"))
            .filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lt=cutoff))
            .order_by(F("link_checked_at").asc(nulls_first=True))
            .values_list("url", "link_checked_at")[: limit * 2]
        )
        for url, checked_at in rows:
            if url not in oldest or (checked_at or now) < (oldest[url] or now):
                oldest[url] = checked_at
    ordered = sorted(oldest.items(), key=lambda item: (item[1] is not None, item[1] or now))
    return [url for url, _checked in ordered[:limit]]


def check_links(limit: int | None = None, checker: LinkChecker | None = None) -> RunReport:
    """Check the addresses that are due, politely, and record what was found."""
    limit = desk_settings().link_check_max_per_run if limit is None else limit
    checker = checker or LinkChecker()
    report = RunReport()
    for url in due_urls(limit):
        result = checker.check(url)
        report.checked += 1
        if not result.ok:
            report.failed += 1
            report.failures.append((url, result.status))
        report.records_updated += _record(url, result)
    logger.info("Checked %s links, %s failing", report.checked, report.failed)
    return report


def _record(url, result) -> int:
    updated = 0
    with transaction.atomic():
        for model in CHECKED_MODELS:
            for record in model.objects.select_for_update().filter(url=url):
                fields = record.record_link_check(result)
                # update_fields: a check must not bump a source's "updated" date or re-save a page.
                model.objects.filter(pk=record.pk).update(
                    **{name: getattr(record, name) for name in fields}
                )
                updated += 1
    return updated
