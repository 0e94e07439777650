"""The environment variables the settings package (portal/settings/) reads: Django's and
the libraries' own settings, in one list. `manage.py describe_settings` prints them, with the
portal's own app settings (portal/<app>/conf.py), as the README's configuration table, and a
test checks that the list and the settings modules name the same variables.

Not in the settings package (nothing there may import an app, and the operations app reads
this list): the settings modules read os.environ themselves (they must, before
Django is set up); this list only describes what they read.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EnvironmentVariable:
    name: str
    default: str
    description: str
    # Where it is read: "settings" (this package) or a file of the repository.
    read_in: str = "settings"


ENVIRONMENT = [
    EnvironmentVariable(
        "DJANGO_SECRET_KEY",
        "required in production",
        "Django's secret key (development generates one into var/secret_key).",
    ),
    EnvironmentVariable(
        "DATABASE_URL",
        "SQLite in var/portal.sqlite3",
        "The database, e.g. postgres://portal@127.0.0.1:5432/portal (required in production).",
    ),
    EnvironmentVariable(
        "DATABASE_CONN_MAX_AGE",
        "60",
        "Production: seconds a database connection is kept open for the next request.",
    ),
    EnvironmentVariable(
        "ALLOWED_HOSTS",
        "required in production",
        "Comma-separated host names the site answers to (development: localhost).",
    ),
    EnvironmentVariable(
        "CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins trusted for form posts, e.g. https://portal.example.org.",
    ),
    EnvironmentVariable(
        "PORTAL_BASE_URL",
        "http://127.0.0.1:8000",
        "The public address: emails, the admin, and the Wagtail Site's host, port and scheme "
        "(canonical links, hreflang, sitemaps, feeds).",
    ),
    EnvironmentVariable(
        "REDIS_URL",
        "",
        "Shared cache (rate limits, sign-in counters) in Redis; unset: a table in the database.",
    ),
    EnvironmentVariable(
        "PORTAL_VAR_DIR", "var/", "Where the running site writes its files (database, uploads)."
    ),
    EnvironmentVariable("PORTAL_MEDIA_ROOT", "var/media", "Uploaded images and documents."),
    EnvironmentVariable(
        "PORTAL_STATIC_ROOT", "var/static", "Where collectstatic writes the static files."
    ),
    EnvironmentVariable(
        "DEFAULT_FROM_EMAIL",
        "Trafficking Portal <portal@localhost>",
        "Sender of the portal's emails.",
    ),
    EnvironmentVariable(
        "SERVER_EMAIL", "DEFAULT_FROM_EMAIL", "Sender of Django's own error emails."
    ),
    EnvironmentVariable(
        "EMAIL_HOST",
        "localhost",
        "SMTP server (development without it writes emails to var/mail/).",
    ),
    EnvironmentVariable("EMAIL_PORT", "25", "SMTP port."),
    EnvironmentVariable("EMAIL_HOST_USER", "", "SMTP user name (production)."),
    EnvironmentVariable("EMAIL_HOST_PASSWORD", "", "SMTP password (production)."),
    EnvironmentVariable("EMAIL_USE_TLS", "false", "SMTP with STARTTLS (port 587)."),
    EnvironmentVariable("EMAIL_USE_SSL", "false", "SMTP over TLS from the start (port 465)."),
    EnvironmentVariable("EMAIL_TIMEOUT", "20", "Seconds an SMTP connection may take."),
    EnvironmentVariable(
        "SECURE_SSL_REDIRECT",
        "true",
        "Production: redirect http to https (false only for plain http on loopback).",
    ),
    EnvironmentVariable(
        "SESSION_COOKIE_SECURE", "true", "Production: the session cookie only over https."
    ),
    EnvironmentVariable(
        "CSRF_COOKIE_SECURE", "true", "Production: the CSRF cookie only over https."
    ),
    EnvironmentVariable(
        "SECURE_HSTS_SECONDS", "31536000", "Production: Strict-Transport-Security max-age."
    ),
    EnvironmentVariable(
        "PORTAL_LOGIN_FAILURE_LIMIT",
        "10",
        "Failed sign-ins that lock an account, or a client address, out (django-axes).",
    ),
    EnvironmentVariable(
        "PORTAL_LOGIN_LOCKOUT_MINUTES",
        "15",
        "How long failures count and a lockout lasts, in minutes.",
    ),
    EnvironmentVariable(
        "PORTAL_OTP_ISSUER",
        "Anti-Trafficking Portal",
        "The name authenticator apps show beside the account.",
    ),
    EnvironmentVariable(
        "PORTAL_FRONTEND_CACHE_URL",
        "",
        "A Varnish or CDN accepting PURGE (e.g. http://127.0.0.1:6081): pages that change are "
        "purged there.",
    ),
    EnvironmentVariable(
        "PORTAL_LOG_LEVEL",
        "INFO",
        "Production: level of the portal's own loggers (libraries log at WARNING).",
    ),
    EnvironmentVariable(
        "SENTRY_DSN",
        "",
        "Production: report errors to this Sentry project (no personal data is sent); unset: "
        "no reports.",
    ),
    EnvironmentVariable(
        "SENTRY_ENVIRONMENT", "production", "The environment name Sentry files reports under."
    ),
    EnvironmentVariable(
        "WEB_CONCURRENCY",
        "2",
        "gunicorn workers of make run-production.",
        read_in="scripts/run_production.py",
    ),
    EnvironmentVariable(
        "TEST_DATABASE_URL",
        "postgres://postgres@127.0.0.1:5432/portal",
        "PostgreSQL server for make test.",
        read_in="scripts/run_tests.py",
    ),
]
