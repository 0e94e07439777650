"""A test copy of an edition for the editor, through the outbox like every single email."""

from django.conf import settings
from django.utils.translation import gettext as _

from portal.mailer.outbox import queue_email

from .rendering import render_email
from .sending.messages import list_domain


def send_test_email(edition, address: str, language: str | None = None):
    from .links import absolute_reverse

    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    rendered = render_email(edition, language, list(edition.items.all()))
    # The editor's copy links to the sign-up page where a subscriber's personal links would be.
    sample = absolute_reverse("newsletter:signup", language)
    text, body = rendered.personal({"unsubscribe_url": sample, "preferences_url": sample})
    return queue_email(
        to=[address],
        subject=_("[Test] %(subject)s") % {"subject": rendered.subject},
        body_text=text,
        body_html=body,
        purpose="newsletter.test",
        reference=f"edition-{edition.number}",
        headers={"List-Id": f"<newsletter.{list_domain()}>"},
    )
