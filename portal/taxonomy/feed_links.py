"""Links to the update feeds (served by the updates app) for <link rel="alternate"> and for
visible "subscribe" links. Resolved by URL name so that taxonomy does not import updates."""

from django.urls import NoReverseMatch, reverse

FORMATS = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


def update_feed_links(title: str, kind: str = "", value: str = "") -> list[dict]:
    """kind: "" for all updates, "country" (value: lower-case ISO code) or "topic" (slug)."""
    links = []
    for fmt, mime, label in FORMATS:
        name = f"updates:{kind}_{fmt}" if kind else f"updates:{fmt}"
        try:
            url = reverse(name, args=[value] if kind else [])
        except NoReverseMatch:
            continue
        links.append({"url": url, "type": mime, "format": label, "title": f"{title} ({label})"})
    return links
