"""The offline copy: the public site as static files that open from a USB stick with no network.

Built on portal.core.rendering.SiteRenderer, so every file is exactly what an anonymous reader
gets. Three passes: crawl (render every published page in every language and whatever they link
to on this site: pages, feeds, downloads, documents, images, static files), name (choose a file
for each address, by content type), write (rewrite links to relative paths, replace forms by a
note, add the offline search page and its index, then zip).

Generic: it follows links, so page types added later are exported without changes here.
"""

import html as html_lib
import json
import re
import shutil
import tempfile
import time
import zipfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from wagtail.models import Site

from portal.core.conf import core_settings
from portal.core.models import PortalSettings
from portal.core.rendering import RenderError, SiteRenderer, file_path_for_url, published_pages

from . import links
from .selection import CountrySelection, select_country

MARKER = ".portal-offline"
INDEX_URL = "/search-index.js"
NOT_INCLUDED_PATH = "offline-not-included/"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/")
TEXT_TYPES = (
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "text/csv",
    "text/plain",
    "application/geo+json",
)
EXTENSIONS = {
    "text/html": ".html",
    "text/css": ".css",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "application/json": ".json",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "text/xml": ".xml",
    "application/xml": ".xml",
}
SEARCH_TEXT_CHARS = 600
MAIN = re.compile(r"<main\b(?P<attrs>[^>]*)>(?P<body>.*?)</main>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL | re.IGNORECASE)
LANG = re.compile(r'\slang="([^"]+)"')
# The notices above a page's text (fallback, machine translation) are not its content.
NOTICE = re.compile(r'<p class="languages-notice".*?</p>', re.DOTALL)

Progress = Callable[[int, int], None]


class ExportError(Exception):
    pass


@dataclass
class Fetched:
    url: str
    content_type: str
    raw: Path
    generated: bool = False

    @property
    def media_type(self) -> str:
        return self.content_type.split(";")[0].strip().lower()


@dataclass
class ExportResult:
    root: Path
    files: int = 0
    pages: int = 0
    bytes: int = 0
    zip_path: Path | None = None
    zip_bytes: int = 0
    seconds: float = 0.0
    not_exported: list[str] = field(default_factory=list)


def plain_text(fragment: str) -> str:
    text = TAG.sub(" ", SCRIPT_OR_STYLE.sub(" ", fragment))
    return " ".join(html_lib.unescape(text).split())


class OfflineExporter:
    def __init__(
        self,
        output: Path,
        *,
        site: Site | None = None,
        country: str | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.output = Path(output)
        self.renderer = SiteRenderer(site)
        self.site = self.renderer.site
        self.progress = progress or (lambda done, total: None)
        self.selection: CountrySelection | None = (
            select_country(country, self.site) if country else None
        )
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        self.hosts = {self.site.hostname, f"{self.site.hostname}:{self.site.port}", base.netloc}
        self.origin = f"http://{self.renderer.host}"
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.search_urls = {}
        for code in self.languages:
            with translation.override(code):
                self.search_urls[reverse("search:search")] = code
        self.fetched: dict[str, Fetched] = {}
        self.seen: set[str] = set()
        self.files: dict[str, str] = {}
        self.not_exported: set[str] = set()

    # Addresses -------------------------------------------------------------------------------

    def normalize(self, url: str, base: str = "/") -> str | None:
        """The site-absolute form (path?query) of an address on this site, else None."""
        url = url.strip()
        if not url or url.startswith(links.SKIPPED_SCHEMES):
            return None if url.startswith(links.SKIPPED_SCHEMES) else base
        parts = urlsplit(urljoin(self.origin + base, url))
        if parts.scheme not in ("http", "https") or parts.netloc not in self.hosts | {
            urlsplit(self.origin).netloc
        }:
            return None
        path = parts.path or "/"
        return path + (f"?{parts.query}" if parts.query else "")

    def language_of(self, url: str) -> str:
        first = url.lstrip("/").split("/", 1)[0]
        return first if first in self.languages else settings.LANGUAGE_CODE

    def prefix(self, code: str) -> str:
        return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"

    def wanted(self, url: str) -> bool:
        path = urlsplit(url).path
        if path.startswith(EXCLUDED_PREFIXES) or path in self.search_urls:
            return False
        if self.selection is None:
            return True
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL, "/documents/")):
            return True
        return self.selection.includes(path)

    # Crawl -----------------------------------------------------------------------------------

    def seeds(self) -> list[str]:
        if self.selection is not None:
            return sorted(self.selection.page_urls)
        urls = [page.get_url(current_site=self.site) for page in published_pages(self.site)]
        urls += [self.prefix(code) for code in self.languages]
        return [url for url in dict.fromkeys(urls) if url]

    def crawl(self, scratch: Path, urls: list[str]) -> None:
        """Fetch the URLs and, breadth first, what they link to on this site."""
        queue = deque(url for url in urls if url not in self.seen and self.wanted(url))
        self.seen.update(queue)
        while queue:
            url = queue.popleft()
            try:
                rendered = self.renderer.fetch(url)
            except RenderError:
                self.not_exported.add(url)
                continue
            raw = scratch / str(len(self.fetched))
            raw.write_bytes(rendered.body)
            item = Fetched(url=url, content_type=rendered.content_type, raw=raw)
            self.fetched[url] = item
            found = self.links_in(item, rendered.body)
            if self.selection is not None and urlsplit(url).path in self.selection.profile_urls:
                for link in found:  # pages linked from the profile belong to the pack
                    self.selection.add_linked_page(urlsplit(link).path)
            for link in found:
                if link not in self.seen and self.wanted(link):
                    self.seen.add(link)
                    queue.append(link)
            self.progress(len(self.fetched), len(self.fetched) + len(queue))

    def links_in(self, item: Fetched, body: bytes) -> list[str]:
        if item.media_type == "text/html":
            text = links.replace_forms(body.decode(), lambda form: "")
            candidates = links.html_urls(text)
        elif item.media_type == "text/css":
            candidates = links.css_urls(body.decode())
        else:
            return []
        found = []
        for candidate in candidates:
            without_fragment, _fragment = links.split_fragment(candidate)
            url = self.normalize(without_fragment, item.url)
            if url is not None and url != item.url:
                found.append(url)
        return found

    # Generated pages ---------------------------------------------------------------------------

    def generate(self, scratch: Path) -> list[Fetched]:
        """Pages that exist only in the copy: offline search, "not in this copy", a pack's
        landing page."""
        contact = self.contact()
        for code in self.languages:
            prefix = self.prefix(code)
            with translation.override(code):
                search_url = reverse("search:search")
            self.add_generated(scratch, search_url, "offline/search.html", {"index_url": INDEX_URL})
            self.add_generated(
                scratch, prefix + NOT_INCLUDED_PATH, "offline/not_included.html", contact
            )
            if self.selection is not None:
                context = {
                    "country": self.selection.country,
                    "pack_pages": self.pack_pages(code),
                    **contact,
                }
                self.add_generated(scratch, prefix, "offline/pack_index.html", context)
        return [item for item in self.fetched.values() if item.generated]

    def add_generated(self, scratch: Path, url: str, template: str, context: dict) -> None:
        rendered = self.renderer.render_template(url, template, context)
        raw = scratch / f"generated-{slugify(url) or 'root'}-{len(self.fetched)}"
        raw.write_bytes(rendered.body)
        self.fetched[url] = Fetched(url, rendered.content_type, raw, generated=True)

    def pack_pages(self, code: str) -> list[dict]:
        """Pages of a pack in a language's edition, for its landing page."""
        result = []
        for url, item in sorted(self.fetched.items()):
            if item.generated or item.media_type != "text/html" or "?" in url:
                continue
            if self.language_of(url) != code or url == self.prefix(code):
                continue
            match = H1.search(item.raw.read_text())
            result.append({"title": plain_text(match.group(1)) if match else url, "url": url})
        return result

    def contact(self) -> dict:
        portal_settings = PortalSettings.for_site(self.site)
        return {
            "portal_email": portal_settings.contact_email or core_settings().contact_email,
            "portal_address": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/",
        }

    # Names and writing -------------------------------------------------------------------------

    def file_for(self, item: Fetched) -> str:
        path, _, query = item.url.partition("?")
        relative = file_path_for_url(path)
        extension = EXTENSIONS.get(item.media_type)
        if relative.name == "index.html" and extension and extension != ".html":
            relative = relative.with_name("index" + extension)
        elif not relative.suffix:
            relative = relative.with_name(relative.name + (extension or ""))
        if query:
            relative = relative.with_name(
                f"{relative.stem}__{slugify(query) or 'q'}{relative.suffix or extension or ''}"
            )
        return str(relative)

    def name_files(self) -> None:
        self.files = {url: self.file_for(item) for url, item in self.fetched.items()}
        self.files[INDEX_URL] = INDEX_URL.lstrip("/")

    def target_file(self, url: str, from_url: str) -> str:
        if url in self.files:
            return self.files[url]
        path = urlsplit(url).path
        if path in self.search_urls:
            return self.files[path]  # the offline search page of that language
        # Not in this copy (outside a country pack, or it failed to render).
        return self.files[self.prefix(self.language_of(from_url)) + NOT_INCLUDED_PATH]

    def rewriter(self, item: Fetched) -> Callable[[str], str]:
        own_file = self.files[item.url]

        def rewrite(url: str) -> str:
            if url.startswith(links.SKIPPED_SCHEMES):
                return url
            without_fragment, fragment = links.split_fragment(url)
            target = self.normalize(without_fragment, item.url)
            if target is None:
                return url  # another site: stays as it is
            return links.relative_link(own_file, self.target_file(target, item.url), fragment)

        return rewrite

    def public_address(self, url: str) -> str:
        """The address of a page of this site on the public site (the admin's base URL)."""
        target = self.normalize(url)
        if target is None:
            return url  # another site
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + target

    def form_note(self, item: Fetched, language: str) -> Callable[[str], str]:
        contact = self.contact()

        def replace(form: str) -> str:
            if links.is_search_form(form):
                return form
            with translation.override(language):
                return render_to_string("offline/form_note.html", contact)

        return replace

    def write(self) -> ExportResult:
        result = ExportResult(root=self.output)
        index = []
        absolute = re.compile(
            "https?://(?:" + "|".join(re.escape(h) for h in self.hosts if h) + r")(/[^\s\"'<>]*)?"
        )
        for url, item in self.fetched.items():
            destination = self.output / self.files[url]
            destination.parent.mkdir(parents=True, exist_ok=True)
            body = item.raw.read_bytes()
            if item.media_type == "text/html":
                text = body.decode()
                language = (LANG.search(text) or [None, settings.LANGUAGE_CODE])[1]
                text = links.replace_forms(text, self.form_note(item, language))
                text = links.rewrite_html(text, self.rewriter(item))
                text = links.rewrite_meta(text, self.public_address)
                body = text.encode()
                result.pages += 1
                if not item.generated:
                    entry = self.index_entry(self.files[url], text, language)
                    if entry:
                        index.append(entry)
            elif item.media_type == "text/css":
                body = links.rewrite_css(body.decode(), self.rewriter(item)).encode()
            elif item.media_type in TEXT_TYPES:
                body = self.rewrite_absolute(absolute, item, body)
            destination.write_bytes(body)
            result.files += 1
            result.bytes += len(body)
        index_js = (
            "window.PORTAL_SEARCH_INDEX="
            + json.dumps(index, ensure_ascii=False, separators=(",", ":"))
            + ";\n"
        )
        (self.output / "search-index.js").write_text(index_js)
        readme = render_to_string(
            "offline/README.txt",
            {
                **self.contact(),
                "made_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "country": self.selection.country if self.selection else None,
            },
        )
        (self.output / "README.txt").write_text(readme)
        result.files += 2
        result.bytes += len(index_js.encode()) + len(readme.encode())
        result.not_exported = sorted(self.not_exported)
        return result

    def rewrite_absolute(self, pattern: re.Pattern, item: Fetched, body: bytes) -> bytes:
        """Feeds, JSON and CSV carry absolute addresses of the site: make them relative."""
        rewrite = self.rewriter(item)
        text = pattern.sub(lambda match: rewrite(match.group(0)), body.decode(errors="replace"))
        return text.encode()

    def index_entry(self, file: str, text: str, language: str) -> dict | None:
        main = MAIN.search(text)
        if main is None:
            return None
        content_language = (LANG.search(main.group("attrs")) or [None, language])[1]
        if content_language != language:
            return None  # a fallback copy: the original is indexed once, in its own language
        body = NOTICE.sub(" ", main.group("body"))
        heading = H1.search(body)
        if heading:
            body = body[: heading.start()] + body[heading.end() :]
        return {
            "u": file,
            "t": plain_text(heading.group(1)) if heading else file,
            "l": language,
            "x": plain_text(body)[:SEARCH_TEXT_CHARS],
        }

    # The whole run -----------------------------------------------------------------------------

    def prepare_output(self) -> None:
        if self.output.exists():
            if any(self.output.iterdir()) and not (self.output / MARKER).exists():
                raise ExportError(
                    f"{self.output} is not empty and not an earlier offline copy: "
                    "choose another --output."
                )
            shutil.rmtree(self.output)
        self.output.mkdir(parents=True)
        (self.output / MARKER).write_text("made by manage.py export_offline\n")

    def run(self, make_zip: bool = False) -> ExportResult:
        started = time.monotonic()
        self.prepare_output()
        with tempfile.TemporaryDirectory(prefix="portal-offline-") as scratch:
            self.crawl(Path(scratch), self.seeds())
            generated = self.generate(Path(scratch))
            self.seen.update([INDEX_URL, *(item.url for item in generated)])
            # What the generated pages need (the search script...) that pages did not link.
            self.crawl(
                Path(scratch),
                [u for item in generated for u in self.links_in(item, item.raw.read_bytes())],
            )
            self.name_files()
            result = self.write()
        if make_zip:
            result.zip_path = zip_folder(self.output)
            result.zip_bytes = result.zip_path.stat().st_size
        result.seconds = time.monotonic() - started
        return result


def zip_folder(folder: Path) -> Path:
    """folder.zip beside the folder, holding the folder (so it unpacks into one directory)."""
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != MARKER:
                zipped.write(path, PurePosixPath(folder.name, *path.relative_to(folder).parts))
    return archive
