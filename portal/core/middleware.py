from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views

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


class LanguageFallbackMiddleware:
    """/lo/about-us/ with no Lao translation published serves the English page (with the
    interface in Lao and a notice, see portal.languages.editions) instead of a 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if view_func is not wagtail_views.serve:
            return None
        from portal.languages.editions import serve_fallback

        try:
            return view_func(request, *view_args, **view_kwargs)
        except Http404:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            response = serve_fallback(request, path, view_func)
            if response is None:
                raise
            return response
