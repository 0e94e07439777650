"""Turning an answered inquiry into a public, anonymised Q&A page.

Staff get a proposal with the requester's name, organisation, email addresses, phone numbers
and web addresses already removed; they read and edit it, and the page is created as a draft
that goes through the site's normal moderation before anyone can read it.
"""

import re

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from .models import AnsweredQuestionIndexPage, AnsweredQuestionPage, EntryKind, Inquiry

REMOVED = "[…]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
# Seven or more digits, possibly grouped with spaces, dots, dashes or brackets: phone numbers.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")


class NoIndexPage(Exception):
    """There is no "Questions answered" page to put the Q&A under."""


def scrub(text: str, inquiry: Inquiry) -> str:
    """Remove what identifies the requester from `text`."""
    text = _EMAIL.sub(REMOVED, text)
    text = _URL.sub(REMOVED, text)
    text = _PHONE.sub(REMOVED, text)
    identifying = [inquiry.name, inquiry.organization, inquiry.email]
    # Each part of the name too ("Somchai" as well as "Somchai Phommavong"), longest first.
    identifying += [part for part in inquiry.name.split() if len(part) > 2]
    for value in sorted({v for v in identifying if v}, key=len, reverse=True):
        text = re.sub(re.escape(value), REMOVED, text, flags=re.IGNORECASE)
    return text


def latest_answer(inquiry: Inquiry) -> str:
    entry = inquiry.entries.filter(kind=EntryKind.ANSWER).order_by("-created_at").first()
    return entry.body if entry else ""


def proposal(inquiry: Inquiry) -> dict:
    """Initial values for the staff form: anonymised question and answer, a title."""
    question = scrub(inquiry.question, inquiry)
    first_line = " ".join(question.split())
    title = (inquiry.subject and scrub(inquiry.subject, inquiry)) or first_line
    if len(title) > 120:
        title = title[:119].rsplit(" ", 1)[0] + "…"
    return {"title": title, "question": question, "answer": scrub(latest_answer(inquiry), inquiry)}


def index_page_for(inquiry: Inquiry) -> AnsweredQuestionIndexPage:
    locale = Locale.get_default()
    index_page = AnsweredQuestionIndexPage.objects.filter(locale=locale).first()
    if index_page is None:
        index_page = AnsweredQuestionIndexPage.objects.first()
    if index_page is None:
        raise NoIndexPage(_("Create a “Questions answered” page under the Inquiry Corner first."))
    return index_page


def unique_slug(parent, title: str) -> str:
    base = slugify(title)[:60].strip("-") or "question"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_draft(
    inquiry: Inquiry, user: AbstractBaseUser, *, title: str, question: str, answer: str
) -> AnsweredQuestionPage:
    index_page = index_page_for(inquiry)
    with transaction.atomic():
        page = AnsweredQuestionPage(
            title=title,
            slug=unique_slug(index_page, title),
            question=question,
            answer=linebreaks(escape(answer)),
            answered_on=(inquiry.answered_at.date() if inquiry.answered_at else None),
            live=False,
            owner=user,
        )
        # Parental many-to-many values are kept in memory and saved with the page.
        page.topics.set([inquiry.topic] if inquiry.topic_id else [])
        page.countries.set(list(inquiry.countries.all()))
        index_page.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        Inquiry.objects.filter(pk=inquiry.pk).update(qa_page=page)
        inquiry.qa_page = page
        log(inquiry, "inquiries.qa_draft", user=user, data={"page": page.pk})
    return page
