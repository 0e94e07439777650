"""What happens to a subscriber: sign-up, confirmation, changes, unsubscribing, erasure.

Sign-up never changes a confirmed subscriber's data and answers the same whatever the state of
the address: the choices travel inside the signed confirmation link and are applied only when
the owner of the mailbox follows it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.core.conf import core_settings
from portal.countries.models import Country
from portal.mailer.models import OutgoingEmail
from portal.mailer.outbox import queue_email
from portal.taxonomy.models import Topic

from .conf import newsletter_settings
from .links import absolute_reverse
from .models import Subscriber
from .models.subscribers import normalize_email
from .tokens import Choices, make_confirm_token, make_manage_token

CONFIRMATION_PURPOSE = "newsletter.confirmation"


def sign_up(email: str, choices: Choices) -> Subscriber:
    """Record a sign-up and queue the confirmation email. Returns the (maybe existing) row."""
    email = normalize_email(email)
    forget_stale_sign_ups()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"name": choices.name, "language": choices.language}
        )
        if created:
            _apply_interests(subscriber, choices)
        send_confirmation(subscriber, choices)
    return subscriber


def send_confirmation(subscriber: Subscriber, choices: Choices) -> OutgoingEmail:
    language = choices.language or subscriber.language
    token = make_confirm_token(subscriber, choices)
    with translation.override(language):
        context = {
            "subscriber": subscriber,
            "name": choices.name or subscriber.name,
            "already_subscribed": subscriber.status == Subscriber.Status.SUBSCRIBED,
            "confirm_url": absolute_reverse("newsletter:confirm", language, token=token),
            "valid_days": max(1, newsletter_settings().confirm_max_age // 86400),
            "PORTAL_NAME": core_settings().display_name,
        }
        subject = (
            _("Confirm your changes to the newsletter")
            if context["already_subscribed"]
            else _("Please confirm your newsletter subscription")
        )
        return queue_email(
            to=[subscriber.email],
            subject=subject,
            body_text=render_to_string("newsletter/email/confirm.txt", context),
            body_html=render_to_string("newsletter/email/confirm.html", context),
            purpose=CONFIRMATION_PURPOSE,
            reference=subscriber.uuid.hex,
        )


@transaction.atomic
def confirm(subscriber: Subscriber, choices: Choices) -> None:
    """Apply the choices from the confirmation link and start sending to this address."""
    subscriber.name = choices.name
    if choices.language in dict(settings.LANGUAGES):
        subscriber.language = choices.language
    if subscriber.status != Subscriber.Status.SUBSCRIBED:
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
    subscriber.save()
    _apply_interests(subscriber, choices)


def unsubscribe(subscriber: Subscriber) -> None:
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        subscriber.refresh_from_db()


@transaction.atomic
def erase(subscriber: Subscriber) -> None:
    """Remove everything the portal holds about one person, on their request: the record, its
    bounces and deliveries (cascade), the emails it was sent, and admin history naming them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    OutgoingEmail.objects.filter(
        purpose__startswith="newsletter.", reference=subscriber.uuid.hex
    ).delete()
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
    ).delete()
    subscriber.delete()


def forget_stale_sign_ups() -> int:
    """Unconfirmed sign-ups older than NEWSLETTER_PENDING_DAYS are deleted."""
    cutoff = timezone.now() - timedelta(days=newsletter_settings().pending_days)
    stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff)
    count = 0
    for subscriber in stale[:200]:
        erase(subscriber)
        count += 1
    return count


def choices_from_form(cleaned_data: dict) -> Choices:
    return Choices(
        name=cleaned_data.get("name", "").strip(),
        language=cleaned_data.get("language") or settings.LANGUAGE_CODE,
        countries=tuple(sorted(c.iso2 for c in cleaned_data.get("countries") or ())),
        topics=tuple(sorted(t.pk for t in cleaned_data.get("topics") or ())),
    )


def _apply_interests(subscriber: Subscriber, choices: Choices) -> None:
    subscriber.countries.set(Country.objects.filter(iso2__in=choices.countries))
    subscriber.topics.set(Topic.objects.filter(pk__in=choices.topics))


def manage_links(subscriber: Subscriber) -> dict[str, str]:
    token = make_manage_token(subscriber)
    language = subscriber.language
    return {
        "unsubscribe_url": absolute_reverse("newsletter:unsubscribe", language, token=token),
        "preferences_url": absolute_reverse("newsletter:preferences", language, token=token),
    }
