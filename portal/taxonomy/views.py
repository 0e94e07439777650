from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from .related import related_links, related_pages


def related_view_all(request: HttpRequest, page_id: int) -> HttpResponse:
    """Every related page and external link of one public page ("view all")."""
    page = get_object_or_404(Page, pk=page_id, live=True)
    if page.get_view_restrictions().exists():
        raise Http404
    page = page.specific
    return TemplateResponse(
        request,
        "taxonomy/related_all.html",
        {
            "subject": page,
            "related": related_pages(page),
            "links": related_links(page),
        },
    )
