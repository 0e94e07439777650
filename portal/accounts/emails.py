"""Email to account holders, written in their language and sent through the outbox.

Templates come in pairs: `<name>_subject.txt` (one line) and `<name>.txt` (the plain-text
body). Both are rendered with autoescaping off inside the templates, since they are text.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.conf import core_settings
from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import queue_email

from .models import profile_for


def language_for(user) -> str:
    profile = profile_for(user)
    return profile.language if profile else settings.LANGUAGE_CODE


def send_templated_email(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    purpose: str,
    reference: str = "",
) -> OutgoingEmail:
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and queue them.

    Templates build links as `{{ BASE_URL }}{% url ... %}`, so that links lead to the
    recipient's language edition (the URL is reversed while that language is active)."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {"PORTAL_NAME": core_settings().display_name, "BASE_URL": base_url, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return queue_email(
        to=[to],
        subject=" ".join(subject.split()),
        body_text=body.strip() + "\n",
        purpose=purpose,
        reference=reference,
    )


def email_user(
    user, *, template: str, context: dict, purpose: str, reference: str = ""
) -> OutgoingEmail:
    """Write to an account holder in the language they chose."""
    return send_templated_email(
        to=user.email,
        language=language_for(user),
        template=template,
        context={"recipient": user, "profile": profile_for(user), **context},
        purpose=purpose,
        reference=reference,
    )
