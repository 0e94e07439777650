"""The Lao and Thai editions are complete: no page type shows an English interface string.

Each page type is rendered in Lao and Thai. Every visible text of the page (text nodes, the
title, labels read out by screen readers) is compared with the interface's English strings
(the msgids of the catalogue): one left in English, or a date with an English month, fails.
What editors wrote (the shown page's own fields) is left out: a page nobody translated yet is
shown in English on purpose, with a notice. Proper names that stay as they are: ALLOWED.
"""

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from wagtail.models import Page
from wagtail_localize.segments.extract import extract_segments

from portal.testing.html import soup

pytestmark = pytest.mark.django_db

# Interface strings that are the same in every language: names, codes, formats.
ALLOWED = {"RSS", "Atom", "CSV", "JSON", "PDF", "iCalendar", "API", "English"}

# Attributes whose text a reader sees or hears.
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
ENGLISH_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b|\b(?:{MONTHS})\.? \d{{1,4}}\b")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _pattern(msgid: str, short: bool = False) -> re.Pattern:
    """Placeholders match anything; in a short msgid (matched as the whole text) only a value's
    length: "Country %(n)s" is the interface's "Country 2", not a source titled "Country
    Reports on Human Rights Practices 2006: Laos"."""
    parts = PLACEHOLDER.split(msgid)
    return re.compile((r".{1,24}?" if short else r".+?").join(re.escape(part) for part in parts))


def _words(msgid: str) -> int:
    """English words in a msgid, placeholders left out ("%(start)s to %(end)s" has one)."""
    return len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", msgid)))


@cache
def interface_strings() -> list[tuple[str, re.Pattern]]:
    """The English interface (msgids), each as a pattern where placeholders match anything."""
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "lo/LC_MESSAGES/django.po"))
    msgids = set()
    for entry in catalogue:
        for msgid in (entry.msgid, entry.msgid_plural):
            text = " ".join(msgid.split())
            literal = PLACEHOLDER.sub("", text)
            if text and text not in ALLOWED and re.search(r"[A-Za-z]{3}", literal):
                msgids.add(text)
    return [
        (msgid, _pattern(msgid, short=_words(msgid) < 3), _words(msgid) >= 3)
        for msgid in sorted(msgids)
    ]


def _normal(text: str) -> str:
    return " ".join(text.split())


def visible_texts(html: BeautifulSoup, language: str) -> list[str]:
    texts = []
    for node in html.find_all(string=True):
        if not isinstance(node, NavigableString) or node.parent.name in ("script", "style"):
            continue
        if type(node).__name__ in ("Comment", "Doctype", "Declaration"):
            continue
        # Text marked as written in another language is content shown as it is (an English
        # search result, the language switcher's "English"); the menus are checked apart
        # (MENUS). The <main> of a page shown in English still holds the Lao interface.
        marked = node.find_parent(lambda tag: tag.has_attr("lang") and tag.name != "main")
        if marked is not None and marked.name != "html" and marked["lang"] != language:
            continue
        texts.append(_normal(node))
    for element in html.find_all(True):
        texts += [_normal(element[name]) for name in READ_ATTRIBUTES if element.has_attr(name)]
    description = html.find("meta", attrs={"name": "description"})
    if description is not None:
        texts.append(_normal(description["content"]))
    return [text for text in texts if text]


def editor_texts(page: Page | None) -> list[str]:
    """What editors wrote on the shown page (wagtail-localize's segments, without markup)."""
    if page is None:
        return []
    segments = extract_segments(page.specific)
    texts = [page.title]
    for segment in segments:
        value = getattr(segment, "string", None)
        if value is not None:
            texts.append(_normal(BeautifulSoup(value.data, "html.parser").get_text(" ")))
        elif isinstance(getattr(segment, "value", None), str):
            texts.append(_normal(segment.value))
    return [text for text in texts if text]


# The frame's menus: every link in them must lead to a page in the reader's language.
MENUS = ".utility-nav a, .section-nav a, .footer-nav a, a.brand"


def english_left(response, language: str) -> list[str]:
    """The English interface strings and dates a Lao or Thai page shows."""
    html = soup(response)
    page = response.context.get("page") if response.context else None
    written = editor_texts(page if isinstance(page, Page) else None)
    found = [
        f"menu link to English {link.get('href')!r}"
        for link in html.select(MENUS)
        if link.get("lang", language) != language
    ]
    for text in visible_texts(html, language):
        if ALLOWED.issuperset({text}) or any(text in w for w in written):
            continue
        # A longer string is found inside a text, a short one only as the whole text ("Search"
        # inside an English title is the title's word, not the interface's).
        for msgid, pattern, long in interface_strings():
            if (pattern.search(text) if long else pattern.fullmatch(text)) is not None:
                found.append(f"{msgid!r} in {text[:80]!r}")
                break
        else:
            # Dates the interface writes stand alone ("Published 28 November 2026"); one in
            # a paragraph is what an editor wrote.
            if len(text.split()) <= 8 and ENGLISH_DATE.search(text):
                found.append(f"date {text[:80]!r}")
    return found


def page_url(model_label: str, language: str) -> str:
    from django.apps import apps

    model = apps.get_model(model_label)
    page = model.objects.live().filter(locale__language_code="en").order_by("path").first()
    return f"/{language}{page.url}"


def source_url(language: str) -> str:
    from portal.sources.models import Source

    return f"/{language}/sources/{Source.objects.order_by('slug').first().slug}/"


PAGE_TYPES = {
    "home": lambda lang: f"/{lang}/",
    "country index": lambda lang: f"/{lang}/countries/",
    "country profile": lambda lang: f"/{lang}/countries/la/",
    "region": lambda lang: f"/{lang}/regions/east-asia-pacific/",
    "topics": lambda lang: f"/{lang}/topics/",
    "topic": lambda lang: f"/{lang}/topics/fishing/",
    "library": lambda lang: page_url("library.ResourceIndexPage", lang),
    "resource": lambda lang: page_url("library.ResourcePage", lang),
    "organisations": lambda lang: page_url("organizations.OrganizationIndexPage", lang),
    "organisation": lambda lang: page_url("organizations.OrganizationPage", lang),
    "updates": lambda lang: page_url("updates.UpdateIndexPage", lang),
    "update": lambda lang: page_url("updates.UpdatePage", lang),
    "events": lambda lang: page_url("updates.EventIndexPage", lang),
    "event": lambda lang: page_url("updates.EventPage", lang),
    "search": lambda lang: f"/{lang}/search/?q=trafficking",
    "inquiry corner": lambda lang: page_url("inquiries.InquiryCornerPage", lang),
    "contact": lambda lang: page_url("inquiries.ContactPage", lang),
    "newsletter": lambda lang: page_url("newsletter.NewsletterPage", lang),
    "needs board": lambda lang: page_url("needs.NeedsBoardPage", lang),
    "standard page": lambda lang: f"/{lang}/how-you-can-help/",
    "sources": lambda lang: f"/{lang}/sources/",
    "source": lambda lang: source_url(lang),
    "everything about a country": lambda lang: f"/{lang}/countries/la/everything/",
    "questions answered": lambda lang: page_url("inquiries.AnsweredQuestionIndexPage", lang),
    "newsletter sign-up": lambda lang: f"/{lang}/newsletter/signup/",
}


@pytest.mark.parametrize("language", ["lo", "th"])
def test_no_english_interface_left(client, demo_site, language):
    failures = {}
    for name, url in PAGE_TYPES.items():
        response = client.get(url(language))
        left = english_left(response, language)
        if left:
            failures[f"{name} {url(language)}"] = left
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


def test_views_outside_the_page_tree_name_their_editions(client, demo_site):
    for path in ["/topics/fishing/", "/regions/east-asia-pacific/", "/topics/"]:
        html = soup(client.get(f"/th{path}"))
        alternates = {
            link["hreflang"]: link["href"] for link in html.select("link[rel=alternate][hreflang]")
        }
        assert alternates == {
            "en": f"http://localhost{path}",
            "lo": f"http://localhost/lo{path}",
            "th": f"http://localhost/th{path}",
            "x-default": f"http://localhost{path}",
        }


def test_each_language_feed_links_to_its_own_edition(client, demo_site):
    feed = BeautifulSoup(client.get("/lo/feeds/updates.rss").content, "xml")
    assert urlsplit(feed.channel.find("link").get_text()).path == "/lo/updates/"
    # The updates are in English only: their Lao reader reads them under /lo/ (the fallback).
    paths = [urlsplit(item.find("link").get_text()).path for item in feed.find_all("item")]
    assert paths and all(path.startswith("/lo/updates/") for path in paths)
    atom = BeautifulSoup(client.get("/th/feeds/updates.atom").content, "xml")
    paths = [urlsplit(link["href"]).path for link in atom.find_all("link", rel="alternate")]
    assert paths and all(path.startswith("/th/") for path in paths)


def test_lao_dates_and_numbers_follow_the_locale():
    from datetime import date

    from django.utils import formats, translation

    with translation.override("lo"):
        assert formats.date_format(date(2026, 11, 28)) == "28 ພະຈິກ 2026"
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1.234,5"
    with translation.override("th"):
        assert formats.date_format(date(2026, 11, 28)) == "28 พฤศจิกายน 2026"
