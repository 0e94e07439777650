"""Index work on the task queue: segmenting a page's text can take a moment (long PDFs)."""

from django_tasks import task
from wagtail.models import Page

from . import documents, fulltext


@task()
def index_page_task(page_id: int) -> bool:
    return documents.index_page(page_id)


@task()
def index_subtree_task(page_id: int) -> int:
    """A page and its descendants may have changed visibility (moved, restriction lifted)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    ids = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    return sum(documents.index_page(pk) for pk in ids)


@task()
def delete_from_index_task(page_ids: list[int]) -> None:
    """A deletion the web process could not make at once (the worker held the index writer)."""
    if not fulltext.delete(page_ids, wait=600.0):
        raise RuntimeError("The search index writer stayed busy for 10 minutes.")
