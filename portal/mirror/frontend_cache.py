"""Purging Wagtail's frontend cache (Varnish through HTTPBackend, or a CDN) with the same
affected-URL set that rewrites the mirror (settings: WAGTAILFRONTENDCACHE, from
PORTAL_FRONTEND_CACHE_URL)."""

import logging
from collections.abc import Iterable

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Site

logger = logging.getLogger(__name__)


def configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge(paths: Iterable[str]) -> list[str]:
    """Purge site-absolute paths from every configured frontend cache; returns the full URLs."""
    if not configured():
        return []
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    base = site.root_url.rstrip("/")
    urls = [base + path for path in sorted(set(paths)) if path.startswith("/")]
    for name, backend in get_backends().items():
        logger.info("Purging %d addresses from the frontend cache %s", len(urls), name)
        backend.purge_batch(urls)
    return urls
