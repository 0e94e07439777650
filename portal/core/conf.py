"""Site-wide settings: the portal's name and contact, the read path, forms, link checking.

Every field is a Django setting of that name (`PORTAL_TRUSTED_PROXIES`, ...), else the
environment variable, else the default (portal.core.appsettings). README: "Configuration".
"""

from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext_lazy

from .appsettings import AppSettings, setting

# The default name, marked here for the catalogues (display_name translates it). The field's
# default stays a plain string: a lazy one would need Django's settings when this module is
# imported, and production settings import it.
_NAME_IN_CATALOGUES = gettext_lazy("Anti-Trafficking Portal")


@dataclass(frozen=True)
class CoreSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    name: str = setting(
        "Anti-Trafficking Portal",
        "The portal's name in page titles, feeds and emails (translated where the catalogues "
        "have it).",
    )
    contact_email: str = setting(
        "desk@localhost",
        "Where the desk is reached: inquiry emails, the offline copy (unless the site settings "
        "name one).",
    )
    quick_exit_url: str = setting(
        "https://www.bbc.com/weather",
        "The neutral page the quick exit button sends a reader to.",
    )
    sections: list[str] = setting(
        [
            "countries.CountryIndexPage",
            "library.ResourceIndexPage",
            "organizations.OrganizationIndexPage",
            "updates.UpdateIndexPage",
            "updates.EventIndexPage",
            "inquiries.InquiryCornerPage",
            "needs.NeedsBoardPage",
            "newsletter.NewsletterPage",
        ],
        "Page types linked from the site frame and the home page, in order (each once a live "
        "page of it exists).",
    )
    trusted_proxies: int = setting(
        0,
        "How many reverse proxies append the client's address to X-Forwarded-For (0: use the "
        "connection's address; deploy/'s nginx: 1).",
    )
    cache_max_age: int = setting(
        60, "Cache-Control max-age (seconds) of anonymous pages without cookies or forms."
    )
    cache_shared_max_age: int = setting(
        60, "Cache-Control s-maxage (seconds) for shared caches (nginx, Varnish, a CDN)."
    )
    compress_responses: bool = setting(
        True, "gzip dynamic responses in Django (never those with a CSRF token)."
    )
    form_min_seconds: int = setting(
        3, "Public forms sent sooner than this after they were shown are taken for a robot."
    )
    form_max_age: int = setting(
        24 * 60 * 60, "Seconds a public form stays valid before it must be sent again."
    )
    link_check_timeout: float = setting(10.0, "Seconds one link-check request waits.")
    link_check_host_delay: float = setting(
        5.0, "Seconds between two link-check requests to one host."
    )
    link_check_user_agent: str = setting(
        "", "User-Agent of the link checker (empty: the portal's name and PORTAL_BASE_URL)."
    )
    review_after_months: int = setting(
        12, "Country profiles and organisations are due for review after this many months."
    )

    @property
    def display_name(self) -> str:
        """The name in the language active when it is shown (lazy, as emails rendered in the
        recipient's language need)."""
        return gettext_lazy(self.name)


def core_settings() -> CoreSettings:
    return CoreSettings.load()
