"""Production: everything secret or site-specific comes from the environment.

Required: DJANGO_SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS. Optional: REDIS_URL, EMAIL_HOST,
EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL,
PORTAL_BASE_URL, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SESSION_COOKIE_SECURE,
CSRF_COOKIE_SECURE, CSRF_TRUSTED_ORIGINS, and those of base.py (README: Configuration).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import LOG_FILTERS, database_from_url


def required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set for production settings."
        )
    return value


DEBUG = False
# Rate limits and sign-in counters must be shared by every worker (base.py: Redis when
# REDIS_URL is set, else the database cache), never counted in one process's memory.
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    raise ImproperlyConfigured("Production needs a shared cache: set REDIS_URL or use the default.")
SECRET_KEY = required_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
DATABASES = {"default": database_from_url(required_env("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = 60
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Secure cookies unless the site is served over plain http (make run-production on loopback).
SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "true").lower() == "true"
CSRF_COOKIE_SECURE = os.environ.get("CSRF_COOKIE_SECURE", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names and pre-compressed (gzip, brotli) copies, served with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
EMAIL_TIMEOUT = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["truncate_ips"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"portal": {"level": "INFO"}},
}
