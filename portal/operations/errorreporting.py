"""Error reports to Sentry, with nothing personal in them.

The portal holds data of people asking about trafficking: an error report must never carry
what they wrote or who they are. Production settings call `init_sentry` only when SENTRY_DSN
is set; the SDK is told not to collect personal data (`send_default_pii=False`, no request
bodies, no local variables), and `scrub_event` removes what could still carry it before
anything leaves the server: request bodies, cookies, headers, query strings and the client's
environment, the user, frame variables, and any email address or full IP address left in a
message, an exception value or a breadcrumb. Kept: the exception type, the stack trace (file,
function, line), the request's method and path (with token-like segments hidden), tags.
"""

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from portal.core.logfilters import truncate_addresses

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
# Signed links (newsletter preferences, email verification, password reset) carry tokens in
# their path: they point at one person.
TOKEN_SEGMENT = re.compile(r"^(?=.*[:=])[\w:=.-]+$|^[\w-]{20,}$")
REQUEST_KEPT = ("method", "url")


def scrub_text(text: str) -> str:
    """Email addresses replaced, IP addresses cut to their network (IPv4 /24, IPv6 /48)."""
    return truncate_addresses(EMAIL_ADDRESS.sub("[email]", text))


def scrub_url(url: str) -> str:
    """The address without query string, fragment or token-like path segments."""
    parts = urlsplit(url)
    segments = ["[token]" if TOKEN_SEGMENT.match(s) else s for s in parts.path.split("/")]
    return urlunsplit((parts.scheme, parts.netloc, "/".join(segments), "", ""))


def _scrub_values(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_values(item) for item in value]
    return value


def _drop_frame_variables(event: dict) -> None:
    stacktraces = [event.get("stacktrace")]
    for key in ("exception", "threads"):
        container = event.get(key)
        values = container.get("values", []) if isinstance(container, dict) else []
        stacktraces.extend(value.get("stacktrace") for value in values if isinstance(value, dict))
    for stacktrace in stacktraces:
        for frame in (stacktrace or {}).get("frames", []):
            frame.pop("vars", None)


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send: the event without personal data."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in REQUEST_KEPT if key in request}
        if "url" in kept:
            kept["url"] = scrub_url(str(kept["url"]))
        event["request"] = kept
    event.pop("user", None)
    _drop_frame_variables(event)
    for key in ("extra", "contexts", "logentry", "message", "exception", "breadcrumbs", "tags"):
        if key in event:
            event[key] = _scrub_values(event[key])
    return event


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    """Sentry's before_breadcrumb: log lines and queries without addresses."""
    return _scrub_values(crumb)


def init_sentry(dsn: str, *, environment: str = "production", **options: Any) -> None:
    """Start the SDK (`options`: more of sentry_sdk.init's, e.g. a transport in tests)."""
    import sentry_sdk

    sentry_sdk.init(
        **options,
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
        # Errors only: no performance traces, no profiles, no release-health sessions.
        traces_sample_rate=0,
        auto_session_tracking=False,
        send_client_reports=False,
    )
