"""What every record has: its stable id, its address on the site and in the API, and when it
last changed."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

API_NAMESPACE = "api-v1"


def site_base_url() -> str:
    """The public address, for records made outside a request (the bulk files)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(base_url: str, url: str | None) -> str | None:
    """A root-relative address made absolute; full addresses (other sites) are kept."""
    if not url:
        return None
    return url if url.startswith(("http://", "https://")) else base_url + url


def api_url(base_url: str, name: str, language: str = "", **kwargs: Any) -> str:
    """An item's address in the API; a translation's carries its language."""
    url = base_url + reverse(f"{API_NAMESPACE}:{name}", kwargs=kwargs)
    if language and language != settings.LANGUAGE_CODE:
        url += "?" + urlencode({"lang": language})
    return url


def timestamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def latest(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def page_record(page: Page, base_url: str, api_name: str) -> dict[str, Any]:
    """The fields every published page shares. Expects countries, topics and locale to be
    prefetched (see `records.pages.published`)."""
    language = page.locale.language_code
    record: dict[str, Any] = {
        "id": str(page.translation_key),
        "slug": page.slug,
        "language": language,
        "title": page.title,
        "summary": getattr(page, "summary", ""),
    }
    if hasattr(page, "countries"):
        record["countries"] = sorted(c.iso2 for c in page.countries.all())
        record["topics"] = sorted({t.slug for t in page.topics.all()})
    record.update(
        {
            "first_published_at": timestamp(page.first_published_at),
            "url": absolute(base_url, page.get_url()),
            "api_url": api_url(base_url, api_name, language, item_id=page.translation_key),
            "last_modified": timestamp(page.last_published_at),
        }
    )
    return record
