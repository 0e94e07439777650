"""Rewriting the affected part of the mirror on the task queue (and purging the frontend
cache with the same addresses)."""

from typing import Any

from django.apps import apps
from django_tasks import task
from wagtail.models import Page

from portal.mirror.conf import mirror_settings

from . import addresses, frontend_cache
from .addresses import page_urls
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
        mirrored = set(MirroredUrl.objects.values_list("url", flat=True))
        # What the mirror holds; when it holds nothing (off, or never built), every page, so
        # that a frontend cache is still purged of all of them.
        affected |= mirrored or set(addresses.seed_urls())
    return affected


@task()
def refresh_mirror(
    urls: list[str] | None = None,
    page_ids: list[int] | None = None,
    objects: list[list[Any]] | None = None,
    shown_in: list[str] | None = None,
) -> dict[str, Any]:
    """Render again `urls`, and the addresses that show the given pages and objects (or that
    showed something gone: shown_in): write what changed, remove what is gone or private,
    then purge them all from the frontend cache."""
    affected = resolve(shown_in or [], page_ids or [], objects or []) | set(urls or [])
    result: dict[str, Any] = {"affected": sorted(affected)}
    if mirror_settings().enabled:
        mirror = Mirror()
        targets = affected
        if not mirror.built:
            # A mirror never built in full (rebuild_mirror) is kept only where it has files,
            # and for the changed pages themselves.
            targets = (affected & set(MirroredUrl.objects.values_list("url", flat=True))) | set(
                urls or []
            )
            for page in Page.objects.filter(pk__in=page_ids or []):
                targets |= page_urls(page)
        result.update(mirror.refresh(sorted(targets)).as_dict())
    result["purged"] = frontend_cache.purge(affected)
    return result
