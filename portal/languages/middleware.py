"""Serving a page in another language where its translation is missing."""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views

from portal.languages.editions import serve_fallback


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
        try:
            return view_func(request, *view_args, **view_kwargs)
        except Http404:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            response = serve_fallback(request, path, view_func)
            if response is None:
                raise
            return response
