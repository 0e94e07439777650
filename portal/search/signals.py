"""Signal handlers that keep the search documents consistent with the page tree.

Becoming findable (publish, restriction lifted, moved into the open) is queued: the worker
segments the text. Ceasing to be findable (unpublish, delete, restriction added) happens at once
in the same transaction, so an unpublished or private page is never found, even while the worker
is behind.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import classification, documents
from .tasks import index_page_task, index_subtree_task


def _searchable(page: Page) -> bool:
    return documents.is_searchable_type(page.specific_class or type(page))


def page_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, Page) or not _searchable(instance):
        return
    if instance.live:
        index_page_task.enqueue(instance.pk)
    else:
        documents.remove([instance.pk])


def page_published_handler(sender, instance, **kwargs) -> None:
    # Sent after the page and its child relations (countries, topics) are saved.
    if _searchable(instance):
        index_page_task.enqueue(instance.pk)


def page_unpublished_handler(sender, instance, **kwargs) -> None:
    documents.remove([instance.pk])


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        documents.remove([instance.pk])


def classification_changed(sender, instance, action, **kwargs) -> None:
    if (
        action in ("post_add", "post_remove", "post_clear")
        and isinstance(instance, Page)
        and sender in classification.relation_through_models(type(instance))
    ):
        documents.refresh_facets(instance)


def restriction_saved(sender, instance, **kwargs) -> None:
    documents.remove_subtree(instance.page)


def restriction_deleted(sender, instance, **kwargs) -> None:
    index_subtree_task.enqueue(instance.page_id)


def page_moved(sender, instance, **kwargs) -> None:
    index_subtree_task.enqueue(instance.pk)


def site_saved(sender, instance, raw=False, **kwargs) -> None:
    # Pages outside every site cannot be reached; a new or changed site makes them findable.
    if not raw and instance.root_page_id:
        index_subtree_task.enqueue(instance.root_page_id)


def connect() -> None:
    post_save.connect(page_saved, dispatch_uid="portal_search_page_saved")
    pre_delete.connect(page_deleted, dispatch_uid="portal_search_page_deleted")
    page_published.connect(page_published_handler, dispatch_uid="portal_search_published")
    page_unpublished.connect(page_unpublished_handler, dispatch_uid="portal_search_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="portal_search_moved")
    post_save.connect(site_saved, sender=Site, dispatch_uid="portal_search_site_saved")
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="ps_vr_saved")
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="ps_vr_deleted"
    )
    # Any many-to-many change: the handler keeps those of classified pages' relations (the
    # classifiers are registered by apps above search, in whatever order their ready() runs).
    m2m_changed.connect(classification_changed, dispatch_uid="portal_search_classification")
