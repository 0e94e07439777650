"""The public, read-only JSON API at /api/v1/: django-ninja builds the OpenAPI document from
the schemas and endpoints; the reference page (/api/) is rendered from that document."""

import logging

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from .pagination import base_url
from .records.base import API_NAMESPACE
from .routers import countries, pages, search, topics

logger = logging.getLogger(__name__)

DESCRIPTION = N_(
    "Everything the Anti-Trafficking Portal publishes: countries with their figures and flows, "
    "each with its source; resources, organisations, updates, events, topics and search. "
    "Read-only, no key needed. Lists take `limit` (at most 100) and `offset`; identifiers are "
    "ISO codes, UUIDs and slugs. Responses carry ETag and Last-Modified and answer conditional "
    "requests with 304. Each client address may make a limited number of requests a minute "
    "(429 with Retry-After beyond it). The whole dataset is also at /data/ as CSV and JSON."
)

api = NinjaAPI(
    title="Anti-Trafficking Portal open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace=API_NAMESPACE,
    docs_url=None,  # the reference page is the portal's own (no third-party scripts)
    openapi_url="/openapi.json",
)
api.add_router("", countries.router)
api.add_router("", pages.router)
api.add_router("", topics.router)
api.add_router("", search.router)


def _parameter(location: tuple) -> str:
    parts = [str(part) for part in location if part not in ("query", "path")]
    # ninja nests a query schema's fields under the schema's argument name
    return parts[-1] if parts else "request"


@api.exception_handler(ValidationError)
def invalid_request(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [
        {"parameter": _parameter(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in error.errors
    ]
    detail = _("Invalid request: %(errors)s") % {
        "errors": "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    }
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    detail = str(error) if error.args else _("Not found.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(error)}, status=error.status_code)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.exception("API request failed: %s", request.path)
    detail = _("Server error: the request could not be answered.")
    return api.create_response(request, {"detail": detail}, status=500)


def unknown_address(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/v1/: a JSON 404 (rather than a redirect to the site)."""
    return JsonResponse({"detail": _("Not found: the API has no such address.")}, status=404)


class IndexOut(Schema):
    title: str
    openapi: str
    reference: str
    bulk_downloads: str
    endpoints: dict[str, str]


ENDPOINTS = [
    "countries",
    "figures",
    "flows",
    "sources",
    "resources",
    "organizations",
    "updates",
    "events",
    "topics",
    "search",
]


@api.get("/", response=IndexOut, url_name="index", summary=N_("This API"), tags=["API"])
def index(request: HttpRequest):
    base = base_url(request)
    return {
        "title": api.title,
        "openapi": base + reverse(f"{API_NAMESPACE}:openapi-json"),
        "reference": base + reverse("api_reference"),
        "bulk_downloads": base + reverse("opendata:index"),
        "endpoints": {name: base + reverse(f"{API_NAMESPACE}:{name}") for name in ENDPOINTS},
    }
