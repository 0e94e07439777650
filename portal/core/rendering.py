"""Render public URLs of the site to bytes and files, exactly as a reader receives them.

This is the one piece that turns the live site into static files: the offline copy
(export_offline) and a static mirror served by the front web server both build on it. It goes
through the whole request stack (middleware, locale, context processors) as an anonymous reader
so that what is written is what the site serves, never a second rendering path.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import get_language_from_path
from wagtail.models import Page, Site


class RenderError(Exception):
    """A URL did not render to a successful response."""


@dataclass(frozen=True)
class RenderedResponse:
    url: str
    status: int
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip() == "text/html"


def file_path_for_url(url: str) -> PurePosixPath:
    """Where a URL lives in a static tree: /a/b/ -> a/b/index.html, /feed.xml -> feed.xml."""
    path = urlsplit(url).path
    if not path.startswith("/"):
        raise ValueError(f"not a site-absolute URL: {url!r}")
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") for part in parts):
        raise ValueError(f"refusing a URL that leaves the tree: {url!r}")
    return PurePosixPath(relative)


class SiteRenderer:
    """Renders URLs of one Wagtail site as an anonymous reader (no cookies, no session)."""

    def __init__(self, site: Site | None = None) -> None:
        self.site = site or Site.objects.get(is_default_site=True)
        host = self.site.hostname
        if self.site.port not in (80, 443):
            host = f"{host}:{self.site.port}"
        self.host = host
        self._client = Client(HTTP_HOST=host, raise_request_exception=True)

    def render(self, url: str) -> RenderedResponse:
        response = self._client.get(url, follow=False)
        if response.status_code != 200:
            raise RenderError(f"{url} answered {response.status_code}")
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        return RenderedResponse(
            url=url,
            status=response.status_code,
            content_type=response.headers.get("Content-Type", ""),
            body=body,
        )

    def fetch(self, url: str) -> RenderedResponse:
        """Like render(), and also static files and uploads, which the front web server (or
        WhiteNoise) serves in production rather than Django: read from their storage."""
        path = unquote(urlsplit(url).path)
        for prefix, read in (
            (settings.STATIC_URL, _read_static),
            (settings.MEDIA_URL, _read_media),
        ):
            if prefix and path.startswith(prefix):
                name = path[len(prefix) :]
                body = read(name)
                if body is None:
                    raise RenderError(f"{url}: no such file")
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return RenderedResponse(url=url, status=200, content_type=content_type, body=body)
        return self.render(url)

    def render_template(self, url: str, template_name: str, context: dict) -> RenderedResponse:
        """Render a template as if it answered `url` for an anonymous reader (language from the
        URL's prefix, the full context of the site's pages): for pages that exist only in a
        static copy, such as the offline search page."""
        request = RequestFactory(HTTP_HOST=self.host).get(url)
        request.user = AnonymousUser()
        language = get_language_from_path(url) or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            body = render_to_string(template_name, context, request=request).encode()
        return RenderedResponse(
            url=url, status=200, content_type="text/html; charset=utf-8", body=body
        )

    def render_page(self, page: Page) -> RenderedResponse:
        url = page.get_url(current_site=self.site)
        if url is None:
            raise RenderError(f"{page} has no URL on {self.site}")
        return self.render(url)

    def write(self, url: str, root: Path) -> Path:
        """Render a URL and write it under root; returns the written file's path."""
        rendered = self.render(url)
        destination = root.joinpath(*file_path_for_url(url).parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(rendered.body)
        return destination


def _read_static(name: str) -> bytes | None:
    try:
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return handle.read()
    except (ValueError, OSError, NotImplementedError):
        pass
    found = finders.find(name)
    if found:
        return Path(found).read_bytes()
    return None


def _read_media(name: str) -> bytes | None:
    try:
        with default_storage.open(name) as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def published_pages(site: Site | None = None):
    """Every page an anonymous reader can open on the site, in every language, in tree order."""
    site = site or Site.objects.get(is_default_site=True)
    root = site.root_page
    roots = [root, *root.get_translations()]
    pages = Page.objects.none()
    for translated_root in roots:
        pages = pages | Page.objects.descendant_of(translated_root, inclusive=True)
    return pages.live().public().order_by("path")
