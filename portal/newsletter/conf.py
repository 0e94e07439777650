"""The newsletter's settings, with their defaults. Override any of them in Django settings."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class NewsletterSettings:
    confirm_max_age: int  # seconds a confirmation link stays valid
    batch_size: int  # messages sent over one SMTP connection
    max_per_second: float  # rate limit; 0 means as fast as the server accepts
    bounce_limit: int  # bounces after which an address counts as failing
    max_attempts: int  # temporary failures per recipient before giving up
    lease_seconds: int  # a sending run that has not reported for this long is considered dead
    task_seconds: int  # one background task sends for about this long, then hands over
    pending_days: int  # unconfirmed sign-ups are forgotten after this many days


def newsletter_settings() -> NewsletterSettings:
    return NewsletterSettings(
        confirm_max_age=getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 3 * 24 * 60 * 60),
        batch_size=getattr(settings, "NEWSLETTER_BATCH_SIZE", 100),
        max_per_second=getattr(settings, "NEWSLETTER_MAX_PER_SECOND", 10),
        bounce_limit=getattr(settings, "NEWSLETTER_BOUNCE_LIMIT", 3),
        max_attempts=getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 5),
        lease_seconds=getattr(settings, "NEWSLETTER_LEASE_SECONDS", 120),
        task_seconds=getattr(settings, "NEWSLETTER_TASK_SECONDS", 60),
        pending_days=getattr(settings, "NEWSLETTER_PENDING_DAYS", 30),
    )
