from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from portal.core.conf import core_settings

# Public pages load nothing from other hosts: this policy makes the browser enforce it.
PUBLIC_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy for the public site (not the admin,
    whose own scripts need inline code)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return response


def _uses_csrf_token(request: HttpRequest) -> bool:
    """The response holds a CSRF token (a form was rendered): it is per reader."""
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED")
    )


# Paths whose caching headers are set elsewhere: the admin (never cached), plus what apps above
# core add in their AppConfig.ready with `add_own_caching_prefix` (the open data API).
_OWN_CACHING_PREFIXES: list[str] = ["/admin/", "/django-admin/"]


def add_own_caching_prefix(prefix: str) -> None:
    """Leave responses under `prefix` alone: neither compressed nor given Cache-Control here.
    The open data API's ApiMiddleware runs outside these middlewares and, on the way out, sets
    its own Cache-Control (PORTAL_API_CACHE_MAX_AGE), Last-Modified read from the JSON body and
    an ETag of that body. Compressing the body or adding Cache-Control before it would defeat both
    (patch_cache_control keeps the smaller max-age; the body would no longer parse)."""
    if prefix not in _OWN_CACHING_PREFIXES:
        _OWN_CACHING_PREFIXES.append(prefix)


def _has_own_caching(request: HttpRequest) -> bool:
    return request.path.startswith(tuple(_OWN_CACHING_PREFIXES))


def _is_anonymous(request: HttpRequest) -> bool:
    """No session cookie, or a session without a logged-in user (without touching the
    session store when there is no cookie)."""
    from django.conf import settings

    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class PublicCacheMiddleware:
    """Cache-Control for a shared cache (nginx, Varnish, a CDN) on what every reader gets
    alike: anonymous GET/HEAD answers of the public site that set no cookie and hold no CSRF
    token. Everything else per reader is marked private. Settings: PORTAL_CACHE_MAX_AGE (the
    browser's), PORTAL_CACHE_SHARED_MAX_AGE (shared caches'); 0 turns the header off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils.cache import patch_cache_control

        response = self.get_response(request)
        if response.has_header("Cache-Control") or _has_own_caching(request):
            return response  # the view decided (never_cache views), or the API or the admin
        session = getattr(request, "session", None)
        personal = (
            response.cookies
            or (session is not None and session.modified)
            or _uses_csrf_token(request)
            or not _is_anonymous(request)
            or request.method not in ("GET", "HEAD")
        )
        if personal:
            patch_cache_control(response, private=True, no_cache=True)
            return response
        config = core_settings()
        max_age, shared = config.cache_max_age, config.cache_shared_max_age
        if response.status_code in (200, 301, 404, 410) and (max_age or shared):
            patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared)
        return response


class CompressionMiddleware:
    """Django's GZipMiddleware, except for responses that hold a CSRF token: compressing a
    secret next to text an attacker can reflect is what BREACH exploits (Django pads the gzip
    header too; forms stay uncompressed all the same). Not the open data API either: its JSON
    is small and cached, and ApiMiddleware, outside this one, reads the body for Last-Modified
    and the ETag. Django's GZipMiddleware compresses only when Accept-Encoding names gzip and
    sets Vary: Accept-Encoding. Off with PORTAL_COMPRESS_RESPONSES=false when the front server
    compresses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.middleware.gzip import GZipMiddleware

        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:

        response = self.get_response(request)
        if (
            not core_settings().compress_responses
            or _uses_csrf_token(request)
            or _has_own_caching(request)
        ):
            return response
        return self.gzip.process_response(request, response)
