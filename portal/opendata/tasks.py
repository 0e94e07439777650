"""Regenerating the bulk files on the task queue, at most once per debounce period."""

from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from portal.opendata.conf import open_data_settings

from . import export

SCHEDULED_KEY = "opendata:regeneration-scheduled"


@task()
def generate_open_data() -> dict[str, Any]:
    """Write the bulk downloads from what is published now (see export.py)."""
    return export.generate()


def schedule_generation() -> bool:
    """Queue a regeneration unless one is already waiting. A burst of edits (an editor
    publishing ten pages) costs one: the task runs once the debounce period has passed, and
    sees every change made before it. Returns whether a task was queued."""
    delay = int(open_data_settings().debounce_seconds)
    if not cache.add(SCHEDULED_KEY, True, timeout=max(delay, 1)):
        return False
    queued = generate_open_data
    if delay and queued.get_backend().supports_defer:
        queued = queued.using(run_after=timezone.now() + timedelta(seconds=delay))
    queued.enqueue()
    return True
