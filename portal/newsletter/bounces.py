"""Bounces: recorded by staff in the admin, by `manage.py record_bounce`, or by code that reads
bounce messages. After NEWSLETTER_BOUNCE_LIMIT bounces an address counts as failing and gets
no more editions until staff clear "failing since" and reset the count on the subscriber."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .conf import newsletter_settings
from .models import Bounce, Subscriber
from .models.subscribers import normalize_email


class UnknownAddress(Exception):
    pass


@transaction.atomic
def record_bounce(
    email: str, *, kind: str = Bounce.Kind.HARD, note: str = "", recorded_by=None
) -> Bounce:
    subscriber = Subscriber.objects.select_for_update().filter(email=normalize_email(email)).first()
    if subscriber is None:
        raise UnknownAddress(email)
    bounce = Bounce.objects.create(
        subscriber=subscriber, kind=kind, note=note, recorded_by=recorded_by
    )
    Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=F("bounce_count") + 1)
    subscriber.refresh_from_db()
    if subscriber.bounce_count >= newsletter_settings().bounce_limit and not subscriber.is_failing:
        Subscriber.objects.filter(pk=subscriber.pk).update(failing_since=timezone.now())
    return bounce
