from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .segmentation import segment

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    message = None
    results = None
    if len(query) > MAX_QUERY_LENGTH:
        message = _("Your search is too long. Please use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif query:
        pages = Page.objects.live().public().specific().search(segment(query), operator="and")
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            try:
                results = paginator.page(request.GET.get("page", 1))
            except (PageNotAnInteger, EmptyPage):
                results = paginator.page(1)
        except DatabaseError:
            # The database's full-text parser rejected the query's syntax.
            results = None
            message = _("The search could not understand that query. Please use plain words.")
    return TemplateResponse(
        request,
        "portal_search/search.html",
        {"query": query, "results": results, "message": message},
    )
