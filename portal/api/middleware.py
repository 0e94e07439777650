"""What every API response gets, whatever the endpoint: the per-client rate limit, the
language of labels, JSON for every error, caching headers and answers to conditional requests.

Only paths under API_PREFIX are touched; the rest of the site passes through unchanged.
"""

import json
import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _

from portal.api.conf import api_settings
from portal.core.net import client_ip
from portal.core.ratelimit import RateLimit

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"
PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def api_rate_limit() -> RateLimit:
    """The limit in PORTAL_API_RATE_LIMIT, e.g. "120/minute"."""
    count, _slash, period = api_settings().rate_limit.partition("/")
    return RateLimit(scope="api", limit=int(count), window=PERIODS[period.strip()])


def error_response(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": str(detail)}, status=status)


def too_many_requests(limit: RateLimit) -> JsonResponse:
    wait = limit.seconds_until_reset()
    response = error_response(
        429,
        _(
            "Too many requests: at most %(limit)d in %(window)d seconds from one address. "
            "Try again in %(wait)d seconds."
        )
        % {"limit": limit.limit, "window": limit.window, "wait": wait},
    )
    response["Retry-After"] = str(wait)
    return response


def as_json_error(response: HttpResponse) -> HttpResponse:
    """Errors that happen outside the API's own handlers (an unknown address, a method the
    endpoint does not take, a failure in a middleware) as JSON too."""
    if response.status_code == 404:
        return error_response(404, _("Not found: the API has no such address."))
    if response.status_code == 405:
        replacement = error_response(405, _("Method not allowed: the API is read-only."))
        replacement["Allow"] = response.get("Allow", "GET, HEAD, OPTIONS")
        return replacement
    if response.status_code >= 500:
        return error_response(
            response.status_code, _("Server error: the request could not be answered.")
        )
    return error_response(response.status_code, response.reason_phrase)


def last_modified(response: HttpResponse) -> datetime | None:
    """The latest `last_modified` of the item or of the items on the page."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    items = body.get("items") if isinstance(body.get("items"), list) else [body]
    values = []
    for item in items:
        value = item.get("last_modified") if isinstance(item, dict) else None
        if isinstance(value, str):
            try:
                values.append(datetime.fromisoformat(value))
            except ValueError:
                continue
    return max(values) if values else None


def add_caching(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """ETag from the body, Last-Modified from the items; 304 when the client has them."""
    patch_cache_control(response, public=True, max_age=api_settings().cache_max_age)
    changed = last_modified(response)
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    set_response_etag(response)
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=int(changed.timestamp()) if changed else None,
        response=response,
    )


def requested_language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        limit = api_rate_limit()
        if not limit.hit(client_ip(request)):
            return too_many_requests(limit)
        # HEAD is GET without the body: the endpoints only declare GET.
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        # Labels (indicator and type names) follow the `lang` parameter, not the browser.
        language = requested_language(request)
        with translation.override(language):
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        if response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            response = as_json_error(response)
        if request.method == "GET" and response.status_code == 200 and not response.streaming:
            response = add_caching(request, response)
        if is_head:
            response.content = b""
        return response
