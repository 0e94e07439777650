"""Render public URLs of the site to bytes and files, exactly as a reader receives them.

This is the one piece that turns the live site into static files: the offline copy
(export_offline) and a static mirror served by the front web server both build on it. It goes
through the whole request stack (middleware, locale, context processors) as an anonymous reader
so that what is written is what the site serves, never a second rendering path.
"""

import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass, field
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


class NotShareable(RenderError):
    """A response is made for one reader (it sets a cookie or holds a CSRF token): it must
    never be written to a file that every reader is served."""


# A form's CSRF token in the body: the page is made for one browser.
CSRF_TOKEN = re.compile(rb"csrfmiddlewaretoken|csrf_token|X-CSRFToken", re.IGNORECASE)

# Extensions for responses at addresses that end in "/" (a file name is needed) or that have
# no extension, by media type; the front web server maps them back to the same types.
EXTENSIONS = {
    "text/html": ".html",
    "text/csv": ".csv",
    "application/json": ".json",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "text/calendar": ".ics",
    "text/plain": ".txt",
    "application/zip": ".zip",
}


@dataclass(frozen=True)
class RenderedResponse:
    url: str
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    cookies: tuple[str, ...] = ()
    # The Wagtail page that answered (None for views outside the page tree).
    page_id: int | None = None

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        return self.media_type == "text/html"

    def not_shareable_reason(self) -> str | None:
        """Why this response must not be served to every reader from a file, or None."""
        if self.cookies:
            return f"sets cookies ({', '.join(self.cookies)})"
        if "set-cookie" in (name.lower() for name in self.headers):
            return "sets a cookie"
        cache_control = self.headers.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return f"Cache-Control: {cache_control}"
        if self.media_type in ("text/html", "application/xhtml+xml") and CSRF_TOKEN.search(
            self.body
        ):
            return "holds a CSRF token (a form for one browser)"
        return None


def file_path_for_url(url: str, media_type: str = "text/html") -> PurePosixPath:
    """Where a URL lives in a static tree: /a/b/ -> a/b/index.html, /feed.xml -> feed.xml.
    A response other than HTML at an address ending in "/" gets the extension of its type
    (/countries/la/json/ -> countries/la/json/index.json)."""
    path = urlsplit(url).path
    if not path.startswith("/"):
        raise ValueError(f"not a site-absolute URL: {url!r}")
    relative = path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index" + EXTENSIONS.get(media_type, ".html")
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
        # The request activates the language of its URL; the caller (a task, or an editor's
        # request that changed a page) keeps its own.
        with translation.override(translation.get_language()):
            response = self._client.get(url, follow=False)
        if response.status_code != 200:
            raise RenderError(f"{url} answered {response.status_code}")
        body = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )
        route = getattr(response.wsgi_request, "_wagtail_route_for_request", None)
        page = getattr(route, "page", None) if route is not None else None
        return RenderedResponse(
            url=url,
            status=response.status_code,
            content_type=response.headers.get("Content-Type", ""),
            body=body,
            headers=dict(response.headers.items()),
            cookies=tuple(response.cookies.keys()),
            page_id=getattr(page, "pk", None),
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

    def render_shareable(self, url: str) -> RenderedResponse:
        """render(), refusing a response made for one reader (NotShareable)."""
        rendered = self.render(url)
        reason = rendered.not_shareable_reason()
        if reason:
            raise NotShareable(f"{url} {reason}")
        return rendered

    def write(self, url: str, root: Path) -> Path:
        """Render a URL and write it under root (atomically); returns the written file's path.
        Refuses (NotShareable) a response that sets a cookie or holds a CSRF token."""
        rendered = self.render_shareable(url)
        destination = root.joinpath(*file_path_for_url(url, rendered.media_type).parts)
        write_atomically(destination, rendered.body)
        return destination


def write_atomically(destination: Path, body: bytes) -> None:
    """Write to a temporary file beside the destination, then rename it into place: a web
    server reading the file sees the old bytes or the new, never half of them."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the web server must read it
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
