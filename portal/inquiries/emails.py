"""The desk's emails to requesters, rendered from text and HTML templates in the requester's
language and handed to the outbox (stored first, sent by the worker with retries)."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Site

from portal.core.conf import core_settings
from portal.core.models import PortalSettings
from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import queue_email

from .conf import inquiry_settings
from .models import Inquiry, InquiryEntry, Queue


def _default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def desk_address() -> str:
    """Where replies go: the contact address editors set in the portal settings, else the
    deployment's PORTAL_CONTACT_EMAIL."""
    site = _default_site()
    if site is not None:
        address = PortalSettings.for_site(site).contact_email
        if address:
            return address
    return core_settings().contact_email


def email_language(inquiry: Inquiry) -> str:
    """The requester's preferred language where the portal has it, else the form's language."""
    available = {code for code, _name in settings.LANGUAGES}
    for code in (inquiry.preferred_language, inquiry.submitted_language):
        if code in available:
            return code
    return settings.LANGUAGE_CODE


def privacy_url() -> str:
    site = _default_site()
    if site is None:
        return ""
    page = PortalSettings.for_site(site).privacy_page
    return page.specific.localized.get_full_url() if page else ""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_email(template: str, subject: str, context: dict, language: str) -> RenderedEmail:
    """Render inquiries/emails/<template>.txt and .html in `language`."""
    with translation.override(language):
        context = {
            "PORTAL_NAME": core_settings().display_name,
            "desk_address": desk_address(),
            "privacy_url": privacy_url(),
            "retention_months": inquiry_settings().retention_months,
            "language": language,
            **context,
        }
        return RenderedEmail(
            subject=gettext(subject) % context,
            text=render_to_string(f"inquiries/emails/{template}.txt", context).strip() + "\n",
            html=render_to_string(f"inquiries/emails/{template}.html", context),
        )


# Subjects are marked for translation here and translated inside render_email.
ACKNOWLEDGEMENT_SUBJECTS = {
    Queue.RESEARCH: gettext_noop("[%(reference)s] We have received your inquiry"),
    Queue.GENERAL: gettext_noop("[%(reference)s] We have received your message"),
}
ANSWER_SUBJECTS = {
    Queue.RESEARCH: gettext_noop("[%(reference)s] Answer to your inquiry"),
    Queue.GENERAL: gettext_noop("[%(reference)s] Reply to your message"),
}


def _send_to_requester(
    inquiry: Inquiry,
    template: str,
    subject: str,
    *,
    extra_context: dict | None = None,
    headers: dict | None = None,
) -> OutgoingEmail:
    """Render one of the desk's emails in the requester's language and queue it, with replies
    going to the desk."""
    language = email_language(inquiry)
    context = {
        "inquiry": inquiry,
        "reference": inquiry.reference,
        "is_research": inquiry.queue == Queue.RESEARCH,
        **(extra_context or {}),
    }
    rendered = render_email(template, subject, context, language)
    return queue_email(
        to=[inquiry.email],
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        purpose=f"inquiries.{template}",
        reference=inquiry.reference,
        reply_to=[desk_address()],
        headers={"Content-Language": language, **(headers or {})},
    )


def send_acknowledgement(inquiry: Inquiry) -> OutgoingEmail:
    email = _send_to_requester(
        inquiry,
        "acknowledgement",
        ACKNOWLEDGEMENT_SUBJECTS[Queue(inquiry.queue)],
        headers={"Auto-Submitted": "auto-replied"},
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(acknowledgement_message_id=email.message_id)
    inquiry.acknowledgement_message_id = email.message_id
    return email


def send_answer(inquiry: Inquiry, entry: InquiryEntry) -> OutgoingEmail:
    headers = {}
    if inquiry.acknowledgement_message_id:
        # Thread the answer under the acknowledgement in the requester's mailbox.
        headers["In-Reply-To"] = inquiry.acknowledgement_message_id
        headers["References"] = inquiry.acknowledgement_message_id
    return _send_to_requester(
        inquiry,
        "answer",
        ANSWER_SUBJECTS[Queue(inquiry.queue)],
        extra_context={"answer": entry.body},
        headers=headers,
    )
