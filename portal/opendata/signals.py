"""Regenerate the bulk files when what they contain changes: a page is published, unpublished
or deleted, or a figure, flow, source, topic or country is saved or deleted."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from portal.countries.models import Country, Figure, Flow
from portal.sources.models import Source
from portal.taxonomy.models import Topic

from .tasks import schedule_generation

DATA_MODELS = (Country, Figure, Flow, Source, Topic)


def content_changed(sender, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures
        return
    # After the commit: the task must see the change (and a rolled-back edit changes nothing).
    transaction.on_commit(schedule_generation)


def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live:
        transaction.on_commit(schedule_generation)


def connect() -> None:
    page_published.connect(content_changed, dispatch_uid="opendata_page_published")
    page_unpublished.connect(content_changed, dispatch_uid="opendata_page_unpublished")
    post_delete.connect(page_deleted, dispatch_uid="opendata_page_deleted")
    for model in DATA_MODELS:
        label = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"opendata_{label}_saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"opendata_{label}_deleted")
