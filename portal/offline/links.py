"""Finding and rewriting the links of exported files.

The portal's templates write attributes in double quotes and never nest forms, so regular
expressions over attributes are enough (and several times faster than parsing each page, which
matters for a 5,000-page site). The export's tests check the result with a real HTML parser.
"""

import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

# Attributes whose value is one URL.
URL_ATTRIBUTE = re.compile(
    r"""(?P<prefix>\s(?:href|src|action|poster|data-src)=)(?P<quote>["'])(?P<url>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
SRCSET_ATTRIBUTE = re.compile(
    r"""(?P<prefix>\ssrcset=)(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE | re.DOTALL
)
# Metadata for sharing (Open Graph, Twitter cards): an absolute address by definition.
META_CONTENT = re.compile(
    r"""(?P<prefix><meta\s[^>]*?\scontent=)(?P<quote>["'])(?P<url>https?://.*?)(?P=quote)""",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<url>[^"')]+)(?P=quote)\s*\)""")
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>.*?</form>", re.IGNORECASE | re.DOTALL)
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#", "sms:", "geo:")


def srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def html_urls(html: str) -> list[str]:
    urls = [match.group("url") for match in URL_ATTRIBUTE.finditer(html)]
    for match in SRCSET_ATTRIBUTE.finditer(html):
        urls.extend(srcset_urls(match.group("url")))
    urls.extend(match.group("url") for match in CSS_URL.finditer(html))
    return urls


def css_urls(css: str) -> list[str]:
    return [match.group("url") for match in CSS_URL.finditer(css)]


Rewrite = Callable[[str], str]


def rewrite_html(html: str, rewrite: Rewrite) -> str:
    def attribute(match: re.Match) -> str:
        quote = match.group("quote")
        return f"{match.group('prefix')}{quote}{rewrite(match.group('url'))}{quote}"

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match.group("url").split(","):
            parts = candidate.strip().split(maxsplit=1)
            if parts:
                candidates.append(" ".join([rewrite(parts[0]), *parts[1:]]))
        quote = match.group("quote")
        return f"{match.group('prefix')}{quote}{', '.join(candidates)}{quote}"

    html = URL_ATTRIBUTE.sub(attribute, html)
    html = SRCSET_ATTRIBUTE.sub(srcset, html)
    return rewrite_css(html, rewrite)


def rewrite_meta(html: str, rewrite: Rewrite) -> str:
    """Absolute addresses in <meta content>: a copy has no address of its own, so they name the
    public site (as text for whoever shares the page, never as a link in the copy)."""

    def content(match: re.Match) -> str:
        quote = match.group("quote")
        return f"{match.group('prefix')}{quote}{rewrite(match.group('url'))}{quote}"

    return META_CONTENT.sub(content, html)


def rewrite_css(css: str, rewrite: Rewrite) -> str:
    def url(match: re.Match) -> str:
        quote = match.group("quote")
        return f"url({quote}{rewrite(match.group('url'))}{quote})"

    return CSS_URL.sub(url, css)


def replace_forms(html: str, replacement: Callable[[str], str]) -> str:
    """Replace each <form> by replacement(opening tag attributes); it may return the form."""
    return FORM.sub(lambda match: replacement(match.group(0)), html)


def is_search_form(form_html: str) -> bool:
    opening = form_html[: form_html.find(">") + 1]
    return 'role="search"' in opening and 'method="post"' not in opening.lower()


def relative_link(from_file: str, to_file: str, fragment: str = "") -> str:
    """A link from one exported file to another, both relative to the export's root."""
    link = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return link + (f"#{fragment}" if fragment else "")


def split_fragment(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    without = url[: len(url) - len(parts.fragment) - 1] if parts.fragment else url.rstrip("#")
    return without, parts.fragment
