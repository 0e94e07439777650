"""Checking external links politely, and what a record remembers of its last checks.

`LinkCheckedMixin` gives a model (a source, a related link) the fields the checker fills in;
`LinkChecker` asks each address with HEAD, then GET when HEAD is refused, with a timeout, a
User-Agent naming the portal and its address, and a pause between two requests to one host.
Which records to check is the business of the apps above (see portal.desk.links).
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from portal.core.conf import core_settings

logger = logging.getLogger(__name__)

# Servers that refuse HEAD say so in different ways; these answers get a GET before the link
# counts as failing.
HEAD_REFUSED = {400, 403, 405, 501}
# "Too many requests", "unavailable for now": says nothing about the link; not a failure.
INCONCLUSIVE = {429, 503}
# After this many failed checks in a row, readers are told the link may be out of date.
FAILURES_BEFORE_NOTICE = 2


class LinkCheckedMixin(models.Model):
    """What the link checker last found for the model's `url`."""

    link_status = models.CharField(
        _("link status"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("The HTTP status of the last check, or why it failed."),
    )
    link_checked_at = models.DateTimeField(_("link last checked"), null=True, editable=False)
    link_failing_since = models.DateTimeField(_("link broken since"), null=True, editable=False)
    link_failures = models.PositiveSmallIntegerField(
        _("failed checks in a row"), default=0, editable=False
    )

    class Meta:
        abstract = True

    @property
    def link_broken(self) -> bool:
        return self.link_failures > 0

    @property
    def link_may_be_outdated(self) -> bool:
        """Shown to readers: two failures in a row, not one (a server may be down an hour)."""
        return self.link_failures >= FAILURES_BEFORE_NOTICE

    def link_state_label(self) -> str:
        """For editors: "" while the link works, else since when and why it fails."""
        if not self.link_broken or self.link_failing_since is None:
            return ""
        since = date_format(timezone.localtime(self.link_failing_since), "j F Y")
        return gettext("Link broken since %(date)s (%(status)s)") % {
            "date": since,
            "status": self.link_status,
        }

    link_state_label.short_description = _("link check")

    def record_link_check(self, result: "CheckResult") -> list[str]:
        """Update the fields from a check; returns the names of the fields changed."""
        self.link_status = result.status[:80]
        self.link_checked_at = result.checked_at
        if result.inconclusive:
            pass  # the count of failures in a row stands until a real answer
        elif result.ok:
            self.link_failures = 0
            self.link_failing_since = None
        else:
            self.link_failures = min(self.link_failures + 1, 32767)
            if self.link_failing_since is None:
                self.link_failing_since = result.checked_at
        return ["link_status", "link_checked_at", "link_failing_since", "link_failures"]


class LinkCheckPanel(Panel):
    """The edit form's read-only account of the last link check."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("heading", _("Link check"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/link_check_panel.html"

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["record"] = self.instance
            return context


@dataclass(frozen=True)
class CheckResult:
    url: str
    ok: bool
    status: str  # "200", "404", "timeout", "connection refused"...
    checked_at: datetime
    method: str = "HEAD"
    inconclusive: bool = False


def default_user_agent() -> str:
    base_url = settings.WAGTAILADMIN_BASE_URL
    return f"AntiTraffickingPortal-LinkChecker/1.0 (+{base_url})"


class LinkChecker:
    """Checks addresses one at a time, waiting `host_delay` seconds between two requests to
    the same host. `clock` and `sleep` can be replaced (tests count the waits)."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        host_delay: float | None = None,
        user_agent: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        config = core_settings()
        self.timeout = config.link_check_timeout if timeout is None else timeout
        self.host_delay = config.link_check_host_delay if host_delay is None else host_delay
        self.user_agent = user_agent or config.link_check_user_agent or default_user_agent()
        self.clock = clock
        self.sleep = sleep
        self._last_request: dict[str, float] = {}
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": self.user_agent, "Accept": "*/*"})
        self.session.max_redirects = 5

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            remaining = self.host_delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()

    def _request(self, method: str, url: str) -> requests.Response:
        self._wait_for(urlsplit(url).hostname or "")
        response = self.session.request(
            method, url, timeout=self.timeout, allow_redirects=True, stream=True
        )
        response.close()  # the status is all we need: never download the body
        return response

    def check(self, url: str) -> CheckResult:
        method = "HEAD"
        try:
            response = self._request(method, url)
            if response.status_code in HEAD_REFUSED:
                method = "GET"
                response = self._request(method, url)
        except requests.Timeout:
            return self._result(url, False, "timeout", method)
        except requests.TooManyRedirects:
            return self._result(url, False, "too many redirects", method)
        except requests.ConnectionError as error:
            refused = "refused" in str(error).lower()
            return self._result(
                url, False, "connection refused" if refused else "unreachable", method
            )
        except requests.RequestException as error:
            return self._result(url, False, type(error).__name__, method)
        code = response.status_code
        return self._result(url, code < 400, str(code), method, inconclusive=code in INCONCLUSIVE)

    def _result(
        self, url: str, ok: bool, status: str, method: str, inconclusive: bool = False
    ) -> CheckResult:
        if not ok:
            logger.info("Link check failed: %s (%s)", url, status)
        return CheckResult(
            url=url,
            ok=ok,
            status=status,
            checked_at=timezone.now(),
            method=method,
            inconclusive=inconclusive,
        )
