"""Production: everything secret or site-specific comes from the environment.

Required: DJANGO_SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS. Every other variable this package
reads is listed in portal/operations/environment.py; the portal's own settings (PORTAL_*,
NEWSLETTER_*) are read from the environment by portal/<app>/conf.py. README: "Configuration"
lists them all (`manage.py describe_settings --markdown` prints that table).
"""

import copy
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import LOGGING as BASE_LOGGING
from .base import STORAGES as BASE_STORAGES
from .base import database_from_url


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set for production settings."
        )
    return value


def env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "true" if default else "false").strip().lower() in (
        "1",
        "true",
        "yes",
        "on",
    )


DEBUG = False
# Rate limits and sign-in counters must be shared by every worker (base.py: Redis when
# REDIS_URL is set, else the database cache), never counted in one process's memory.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise ImproperlyConfigured("Production needs a shared cache: set REDIS_URL or use the default.")
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": database_from_url(required_env("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
# Secure cookies unless the site is served over plain http (make run-production on loopback).
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# As base.py, except static files: hashed names and pre-compressed (gzip, brotli) copies,
# served with far-future caching.
STORAGES = {
    **BASE_STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# Logs: base.py's (to standard error, which systemd's journal keeps; addresses truncated), with
# libraries at WARNING and the portal's own loggers at PORTAL_LOG_LEVEL.
LOGGING = copy.deepcopy(BASE_LOGGING)
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["portal"] = {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO").upper()}

# Error reporting to Sentry, only when SENTRY_DSN is set. No personal data leaves the server:
# portal.operations.errorreporting strips bodies, cookies, headers, users and email addresses.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from portal.operations.errorreporting import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    )
