"""An edition as HTML email, plain-text email and web page; which items each reader gets.

Bodies are rendered once per (language, set of items) and shared by every subscriber in that
group; only the personal links differ, and they are put in by string replacement. That keeps
sending 20,000 messages close to the speed of the SMTP server.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import expand_db_html

from portal.core.conf import core_settings

from .links import absolute, absolute_reverse
from .models import Edition, EditionItem, NewsletterPage

UNSUBSCRIBE_PLACEHOLDER = "%%UNSUBSCRIBE_URL%%"
PREFERENCES_PLACEHOLDER = "%%PREFERENCES_URL%%"

KIND_LABELS = {
    "update": _("Updates"),
    "event": _("Events"),
    "resource": _("New resources"),
}
OTHER_KIND_LABEL = _("Also of interest")
KIND_ORDER = ["update", "event", "resource"]


@dataclass(frozen=True)
class Interests:
    """A subscriber's interests as the item matching needs them."""

    countries: frozenset[str]  # ISO alpha-2
    topics: frozenset[str]  # topic slugs, in every language the topic has

    @property
    def empty(self) -> bool:
        return not self.countries and not self.topics


NO_INTERESTS = Interests(frozenset(), frozenset())


def matches(item: EditionItem, interests: Interests) -> bool:
    """A subscriber without interests gets everything; one with interests gets the items about
    their countries or topics, and those marked for everyone."""
    if interests.empty or item.for_everyone:
        return True
    return bool(interests.countries & set(item.countries)) or bool(
        interests.topics & set(item.topics)
    )


def items_for(items: Iterable[EditionItem], interests: Interests) -> list[EditionItem]:
    return [item for item in items if matches(item, interests)]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str

    def personal(self, links: dict[str, str]) -> tuple[str, str]:
        """Text and HTML with this subscriber's own links."""
        unsubscribe = links["unsubscribe_url"]
        preferences = links["preferences_url"]
        text = self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(
            PREFERENCES_PLACEHOLDER, preferences
        )
        body = self.html.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe)).replace(
            PREFERENCES_PLACEHOLDER, html.escape(preferences)
        )
        return text, body


def grouped(items: list[EditionItem], language: str) -> list[dict]:
    """Items by kind (updates, events, resources, others), each in the reader's language."""
    groups: dict[str, list[dict]] = {}
    for item in items:
        version = item.in_language(language)
        kind = item.kind if item.kind in KIND_LABELS else "other"
        groups.setdefault(kind, []).append({**version, "url": absolute(version["url"])})
    order = [*KIND_ORDER, "other"]
    return [
        {"kind": kind, "label": KIND_LABELS.get(kind, OTHER_KIND_LABEL), "items": groups[kind]}
        for kind in order
        if kind in groups
    ]


def _absolute_links(markup: str) -> str:
    """Rich text links to the portal are site-relative; email needs the full address."""
    return re.sub(r'href="/', f'href="{settings.WAGTAILADMIN_BASE_URL.rstrip("/")}/', markup)


def html_to_text(markup: str) -> str:
    """Rich text (paragraphs, lists, links) as readable plain text."""
    text = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", markup, flags=re.S)
    text = re.sub(r"<li[^>]*>", "- ", text)
    text = re.sub(r"</(p|li|h\d|ul|ol)>", "\n", text)
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def email_context(edition: Edition, language: str, items: list[EditionItem]) -> dict:
    intro_html = _absolute_links(expand_db_html(edition.intro_for(language)))
    return {
        "edition": edition,
        "subject": edition.subject_for(language),
        "intro_html": intro_html,
        "intro_text": html_to_text(intro_html),
        "groups": grouped(items, language),
        "all_items_count": len(edition.items.all()),
        "shown_items_count": len(items),
        "web_url": web_url(edition, language),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "preferences_url": PREFERENCES_PLACEHOLDER,
        "PORTAL_NAME": core_settings().display_name,
        "LANGUAGE_CODE": language,
    }


def render_email(edition: Edition, language: str, items: list[EditionItem]) -> RenderedEmail:
    with translation.override(language):
        context = email_context(edition, language, items)
        return RenderedEmail(
            subject=str(context["subject"]),
            text=render_to_string("newsletter/email/edition.txt", context),
            html=render_to_string("newsletter/email/edition.html", context),
        )


class EmailCache:
    """Rendered bodies by (language, items), for one edition."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.items = list(edition.items.all())
        self._cache: dict[tuple, RenderedEmail] = {}  # by (language, item keys)
        self._by_reader: dict[tuple, RenderedEmail] = {}  # by (language, interests)

    def for_reader(self, language: str, interests: Interests) -> RenderedEmail:
        reader = (language, interests)
        if reader not in self._by_reader:
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            items = items_for(self.items, interests)
            key = (language, tuple(item.pk for item in items))
            if key not in self._cache:
                self._cache[key] = render_email(self.edition, language, items)
            self._by_reader[reader] = self._cache[key]
        return self._by_reader[reader]


def web_url(edition: Edition, language: str) -> str:
    with translation.override(language):
        page = NewsletterPage.for_reader(language)
        if page is None:
            return absolute("/")
        if edition.number is None:  # previewing an edition not saved yet
            return absolute(page.url + page.reverse_subpage("archive"))
        return absolute(page.url + page.reverse_subpage("edition", args=[edition.number]))


def web_context(edition: Edition, language: str) -> dict:
    items = list(edition.items.all())
    intro = edition.intro_for(language)
    return {
        "edition": edition,
        "subject": edition.subject_for(language),
        "intro": intro,
        "groups": grouped(items, language),
    }


def preview_response(edition: Edition, request: HttpRequest, mode: str) -> HttpResponse:
    """What the admin's preview panel shows: the email as everyone-gets-everything."""
    language = request.GET.get("language") or settings.LANGUAGE_CODE
    rendered = render_email(edition, language, list(edition.items.all()))
    sample_links = {
        "unsubscribe_url": absolute_reverse("newsletter:signup", language),
        "preferences_url": absolute_reverse("newsletter:signup", language),
    }
    text, body = rendered.personal(sample_links)
    if mode == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    if mode == "web":
        page = NewsletterPage.for_reader(language)
        if page is not None:
            with translation.override(language):
                return TemplateResponse(
                    request,
                    "newsletter/edition_web.html",
                    {"page": page, "self": page, **web_context(edition, language)},
                )
    return HttpResponse(body, content_type="text/html; charset=utf-8")
