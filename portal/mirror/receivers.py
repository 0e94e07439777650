"""Listening to the lower apps' changes (Wagtail's page signals and model signals): lower apps
never import the mirror.

Unpublished, deleted, moved and newly private pages leave the mirror at once, in the request
that made the change (right after its commit); everything that shows them, and every other
change, is rendered again by the task queue (tasks.refresh_mirror)."""

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_delete
from django_tasks.signals import task_finished
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.countries.models import Country, Figure, Flow
from portal.mirror.conf import mirror_settings
from portal.sources.models import Source
from portal.taxonomy.models import Topic

from . import frontend_cache
from .dependencies import affected_by_page, affected_urls, mirrored_for_pages, own_urls

# Changes to these (besides pages and settings) change what pages show.
CONTENT_MODELS = (Country, Figure, Flow, Source, Topic)
OPEN_DATA_TASK = "portal.opendata.tasks.generate_open_data"


def active() -> bool:
    return mirror_settings().enabled or frontend_cache.configured()


def enqueue(
    urls: set[str] = frozenset(),
    page_ids: list[int] = (),
    objects: list[Model] = (),
    shown_in: set[str] = frozenset(),
) -> None:
    """Queue tasks.refresh_mirror: urls are rendered again in any case; shown_in (what showed
    something now gone) only where the mirror holds them."""
    from .tasks import refresh_mirror

    payload = {
        "urls": sorted(urls),
        "shown_in": sorted(shown_in),
        "page_ids": sorted(set(page_ids)),
        "objects": [[obj._meta.label_lower, obj.pk] for obj in objects],
    }
    # After the commit: the worker must see the change, and a rolled-back edit changes nothing.
    transaction.on_commit(lambda: refresh_mirror.enqueue(**payload))


def take_out_now(urls: set[str]) -> None:
    """Remove addresses from the mirror as soon as the change is committed, without waiting
    for the worker: the front server then asks the application, which answers 404 or a login."""
    urls = set(urls)

    def remove() -> None:
        if mirror_settings().enabled:
            from .mirror import Mirror

            Mirror().remove(urls)

    transaction.on_commit(remove)


def subtree_ids(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


# Pages -----------------------------------------------------------------------------------------


def on_page_published(sender, instance: Page, **kwargs) -> None:
    if active():
        enqueue(page_ids=[instance.pk])


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    if active():
        going = own_urls(instance)
        take_out_now(going)
        enqueue(urls=going, page_ids=[instance.pk])


def on_page_moved(sender, instance: Page, parent_page_before=None, **kwargs) -> None:
    """Moved, or its slug changed: the subtree's old addresses go at once (the old address
    answers a redirect now), the new ones are written by the worker."""
    if not active():
        return
    ids = subtree_ids(instance)
    going = mirrored_for_pages(ids)
    take_out_now(going)
    if parent_page_before is not None:
        ids.append(parent_page_before.pk)
    enqueue(urls=going, page_ids=ids)


def on_page_deleted(sender, instance: Model, **kwargs) -> None:
    # Django sends the signal for each model of a page's inheritance chain: act once, on the
    # base Page row.
    if type(instance) is not Page or not active():
        return
    going = own_urls(instance)
    showing = affected_by_page(instance, going=True) - going
    take_out_now(going)
    enqueue(urls=going, shown_in=showing)


def on_restriction_saved(sender, instance: PageViewRestriction, **kwargs) -> None:
    if not active():
        return
    ids = subtree_ids(instance.page)
    going = mirrored_for_pages(ids) | own_urls(instance.page)
    take_out_now(going)
    enqueue(urls=going, page_ids=ids)


def on_restriction_deleted(sender, instance: PageViewRestriction, **kwargs) -> None:
    if active():
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            enqueue(page_ids=subtree_ids(page))


# Other content ---------------------------------------------------------------------------------


def on_content_saved(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    if not raw and active():
        enqueue(objects=[instance])


def on_content_deleted(sender, instance: Model, **kwargs) -> None:
    if active():
        enqueue(shown_in=affected_urls(instance))


def on_task_finished(sender, task_result, **kwargs) -> None:
    """The bulk files (/data/) were generated again: their files and page follow."""
    if getattr(task_result.task, "module_path", "") != OPEN_DATA_TASK or not active():
        return
    from portal.opendata.export import DOWNLOADS

    from .addresses import in_every_language

    urls = in_every_language("opendata:index")
    for name in DOWNLOADS:
        urls |= in_every_language("opendata:download", name)
    enqueue(urls=urls)


def setting_models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting))
    ]


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="mirror_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="mirror_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="mirror_page_moved")
    page_slug_changed.connect(on_page_moved, dispatch_uid="mirror_page_slug_changed")
    pre_delete.connect(on_page_deleted, dispatch_uid="mirror_page_deleted")
    post_save.connect(
        on_restriction_saved, sender=PageViewRestriction, dispatch_uid="mirror_restriction_saved"
    )
    post_delete.connect(
        on_restriction_deleted,
        sender=PageViewRestriction,
        dispatch_uid="mirror_restriction_deleted",
    )
    for model in [*CONTENT_MODELS, *setting_models()]:
        label = model._meta.label_lower
        post_save.connect(on_content_saved, sender=model, dispatch_uid=f"mirror_{label}_saved")
        post_delete.connect(
            on_content_deleted, sender=model, dispatch_uid=f"mirror_{label}_deleted"
        )
    task_finished.connect(on_task_finished, dispatch_uid="mirror_open_data_generated")
