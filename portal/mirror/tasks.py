"""Rewriting the affected part of the mirror on the task queue (and purging the frontend
cache with the same addresses)."""

from typing import Any

from django.apps import apps
from django.conf import settings
from django_tasks import task
from wagtail.models import Page

from . import addresses, frontend_cache
from .dependencies import EVERY_FILE, affected_by_page, affected_urls
from .mirror import Mirror
from .models import MirroredUrl


def resolve(urls: list[str], page_ids: list[int], objects: list[list[Any]]) -> set[str]:
    """The addresses to render again: those given, and those that show the given pages and
    objects as they are now (a page or object deleted since is skipped: its addresses were
    given when it went)."""
    affected = set(urls)
    for page in Page.objects.filter(pk__in=page_ids):
        affected |= affected_by_page(page)
    for label, pk in objects:
        obj = apps.get_model(label)._default_manager.filter(pk=pk).first()
        if obj is not None:
            affected |= affected_urls(obj)
    if EVERY_FILE in affected:
        affected.discard(EVERY_FILE)
        affected |= set(MirroredUrl.objects.values_list("url", flat=True))
        affected |= set(addresses.seed_urls())
    return affected


@task()
def refresh_mirror(
    urls: list[str] | None = None,
    page_ids: list[int] | None = None,
    objects: list[list[Any]] | None = None,
) -> dict[str, Any]:
    """Render the affected addresses again: write what changed, remove what is gone or
    private, then purge them from the frontend cache."""
    affected = resolve(urls or [], page_ids or [], objects or [])
    result: dict[str, Any] = {"affected": sorted(affected)}
    if settings.MIRROR_ENABLED:
        result.update(Mirror().refresh(sorted(affected)).as_dict())
    result["purged"] = frontend_cache.purge(affected)
    return result
