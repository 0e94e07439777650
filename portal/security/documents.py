"""Documents follow their pages: a document that only unpublished, private or view-restricted
pages use is not served to readers (404, so its existence is not revealed either).

A document is served when no page uses it (it was shared on its own), when any other kind of
object uses it (a snippet, a setting), or when at least one page that uses it is live and open
to this request. Editors (anyone who may use the admin) are always served, so they can check a
draft. Pages are found through Wagtail's reference index and, in case the index lags behind
(it is updated in the background), through every page model's foreign keys to documents.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import ForeignKey
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, get_page_models


def _document_foreign_keys() -> list[tuple[type[Page], str]]:
    Document = get_document_model()
    return [
        (model, field.name)
        for model in get_page_models()
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, ForeignKey) and field.related_model is Document
    ]


def pages_using(document) -> tuple[set[int], bool]:
    """Ids of the pages that use `document`, and whether anything other than a page does."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    page_ids: set[int] = set()
    used_elsewhere = False
    for base_type_id, object_id in ReferenceIndex.get_references_to(document).values_list(
        "base_content_type_id", "object_id"
    ):
        if base_type_id == page_type.pk:
            page_ids.add(int(object_id))
        else:
            used_elsewhere = True
    for model, field_name in _document_foreign_keys():
        page_ids.update(model.objects.filter(**{field_name: document}).values_list("pk", flat=True))
    return page_ids, used_elsewhere


def is_editor(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def page_open_to(page: Page, request: HttpRequest | None) -> bool:
    if not page.live:
        return False
    restrictions = page.get_view_restrictions()
    if request is None:
        return not restrictions
    return all(restriction.accept_request(request) for restriction in restrictions)


def withheld_reason(document, request: HttpRequest | None = None) -> str | None:
    """Why readers are not served `document` (None when they are)."""
    page_ids, used_elsewhere = pages_using(document)
    if used_elsewhere or not page_ids:
        return None
    pages = Page.objects.filter(pk__in=page_ids).specific(defer=True)
    if any(page_open_to(page, request) for page in pages):
        return None
    return _(
        "Readers cannot download this document: every page that uses it is unpublished, "
        "private or restricted. It is served to readers once one of those pages is published "
        "and public."
    )


def check_document_access(document, request: HttpRequest) -> None:
    """The before_serve_document hook's rule; raises Http404 for readers it withholds from."""
    from django.http import Http404

    if is_editor(request.user):
        return
    if withheld_reason(document, request) is not None:
        raise Http404("This document belongs to pages that are not public.")
