import re
from urllib.parse import urlsplit

from django.utils import timezone


def link_path(text: str, route: str) -> str:
    """The site path of the first link to `route` (e.g. "confirm") in an email's text."""
    match = re.search(rf"https?://\S+/newsletter/{route}/\S+/", text)
    assert match, f"no {route} link in:\n{text}"
    return urlsplit(match.group(0)).path


def form_data(email: str, **extra) -> dict:
    from django.core import signing

    started = signing.dumps(
        {"t": timezone.now().timestamp() - 60}, salt="portal.antispam.form-started"
    )
    return {"email": email, "language": "en", "form_started": started, "website": "", **extra}
