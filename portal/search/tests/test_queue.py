"""Index consistency through the real task queue (django-tasks-db and its worker)."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.search.engines import RELEVANCE, Filters, get_engine
from portal.search.query import parse

from .conftest import add_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.both_databases]

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def found(text: str) -> int:
    return get_engine().search(parse(text), Filters(), RELEVANCE, 0, 20).total


def run_worker() -> None:
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")


def test_publish_waits_for_the_worker_and_unpublish_is_immediate(site_tree):
    with override_settings(TASKS=QUEUE):
        page = add_page(site_tree, "Repatriation guide", intro="Safe return home.")
        assert found("repatriation") == 0  # queued, not yet indexed
        run_worker()
        assert found("repatriation") == 1
        page.unpublish()
        assert found("repatriation") == 0  # removal does not wait for the worker
        run_worker()
        assert found("repatriation") == 0
        page.save_revision().publish()
        run_worker()
        assert found("repatriation") == 1
        page.delete()
        assert found("repatriation") == 0
