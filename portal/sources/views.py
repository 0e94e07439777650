from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .cited_by import cited_by
from .models import Source

PER_PAGE = 100


def source_index(request: HttpRequest) -> HttpResponse:
    """The bibliography: every source the portal cites, alphabetically."""
    paginator = Paginator(Source.objects.order_by("title"), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(request, "sources/source_index.html", {"sources": page})


def source_by_uuid(request: HttpRequest, uuid: str) -> HttpResponse:
    source = get_object_or_404(Source, uuid=uuid)
    return redirect(source, permanent=True)


def library_resource_url(source: Source, request: HttpRequest) -> str | None:
    """The library's record of this source, when the library has one that is public."""
    resource = getattr(source, "library_resource", None)
    if resource is None:
        return None
    if hasattr(resource, "get_url"):  # a page: only when it is live and public
        if not getattr(resource, "live", True) or (
            hasattr(resource, "get_view_restrictions") and resource.get_view_restrictions().exists()
        ):
            return None
        return resource.get_url(request)
    if hasattr(resource, "get_absolute_url"):
        return resource.get_absolute_url()
    return None


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    return TemplateResponse(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "cited_by": cited_by(source),
            "library_resource_url": library_resource_url(source, request),
        },
    )
