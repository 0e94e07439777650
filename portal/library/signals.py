"""Queue text extraction when a document is uploaded or its file replaced."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from .extraction import needs_extraction
from .tasks import extract_document_text


@receiver(post_save, sender=get_document_model())
def queue_text_extraction(sender, instance, created, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "file" not in update_fields:
        return  # bookkeeping saves (file size, hash) do not change the content
    if needs_extraction(instance):
        transaction.on_commit(partial(extract_document_text.enqueue, instance.pk))
