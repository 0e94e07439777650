"""Lean settings for the test suite. The database comes from DATABASE_URL (SQLite by default)."""

import os
import tempfile
from pathlib import Path

from .base import *
from .base import database_from_url

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"  # noqa: S105
ALLOWED_HOSTS = ["*"]

# Test databases are created by pytest-django; SQLite tests use an in-memory database unless a
# URL is given (the browser tests need a shared file because the live server runs in a thread).
DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///:memory:")),
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run at once in tests; tests about the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

_TMP = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = Path(os.environ.get("PORTAL_MEDIA_ROOT", _TMP / "media"))
PORTAL_OPEN_DATA_ROOT = _TMP / "opendata"
# The mirror's own tests switch it on with a folder of their own; no frontend cache in tests.
PORTAL_MIRROR_ENABLED = False
PORTAL_MIRROR_ROOT = _TMP / "mirror"
WAGTAILFRONTENDCACHE: dict = {}
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing directory

WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Test-only page types for the offline country packs (see the app's docstring).
INSTALLED_APPS = [*INSTALLED_APPS, "portal.offline.tests.packapp"]

# The API's own tests set a low limit where they test it; the rest of the suite never meets it.
PORTAL_API_RATE_LIMIT = "100000/minute"

# Tests build their Site at localhost:80 (what the suite's assertions expect); the sync with
# PORTAL_BASE_URL has its own tests (portal/home/tests/test_site_address.py).
PORTAL_SYNC_SITE_WITH_BASE_URL = False
PORTAL_CACHE_MAX_AGE = 60
PORTAL_CACHE_SHARED_MAX_AGE = 60

# The suite searches through the database engine (the demo is built once per database, and the
# embedded index is not part of the database snapshot); the search app's own tests run each
# test on both engines, each with an index directory of its own (portal/search/tests/conftest.py).
PORTAL_SEARCH_ENGINE = os.environ.get("PORTAL_SEARCH_ENGINE", "database")
PORTAL_SEARCH_INDEX_DIR = os.environ.get("PORTAL_SEARCH_INDEX_DIR", str(_TMP / "search-index"))
