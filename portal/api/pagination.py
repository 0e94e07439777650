"""Pages of results: limit and offset, with the count and links to the neighbouring pages."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode

from .params import ListQuery


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def page_link(request: HttpRequest, offset: int) -> str:
    params = request.GET.copy()
    if offset:
        params["offset"] = str(offset)
    else:
        params.pop("offset", None)
    query = urlencode(sorted(params.lists()), doseq=True)
    return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def paginate(
    request: HttpRequest,
    items: QuerySet | Sequence,
    query: ListQuery,
    record: Callable[[Any, str], dict[str, Any]],
) -> dict[str, Any]:
    """One page of `items` (already in a stable order) as records."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    start, end = query.offset, query.offset + query.limit
    base = base_url(request)
    return {
        "count": count,
        "next": page_link(request, end) if end < count else None,
        "previous": page_link(request, max(0, start - query.limit)) if start > 0 else None,
        "items": [record(item, base) for item in items[start:end]],
    }
