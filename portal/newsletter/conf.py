"""The newsletter's settings (`NEWSLETTER_*`, portal.core.appsettings)."""

from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class NewsletterSettings(AppSettings):
    prefix: ClassVar[str] = "NEWSLETTER_"

    confirm_max_age: int = setting(3 * 24 * 60 * 60, "Seconds a confirmation link stays valid.")
    batch_size: int = setting(100, "Messages sent over one SMTP connection.")
    max_per_second: float = setting(
        10.0, "Messages per second at most; 0: as fast as the SMTP server accepts."
    )
    bounce_limit: int = setting(3, "Bounces after which an address counts as failing.")
    max_attempts: int = setting(5, "Temporary failures per recipient before giving up.")
    lease_seconds: int = setting(
        120, "A sending run that has not reported for this long is taken for dead and resumed."
    )
    task_seconds: int = setting(
        60, "One background task sends for about this long, then hands over to the next."
    )
    pending_days: int = setting(30, "Unconfirmed sign-ups are forgotten after this many days.")
    from_email: str = setting("", "Sender of the newsletter (empty: DEFAULT_FROM_EMAIL).")

    @property
    def sender(self) -> str:
        return self.from_email or settings.DEFAULT_FROM_EMAIL


def newsletter_settings() -> NewsletterSettings:
    return NewsletterSettings.load()
