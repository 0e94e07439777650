"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the running site writes (SQLite database, uploads, generated secrets) lives under var/.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # The portal's apps, by domain.
    "portal.core",
    "portal.home",
    "portal.standardpages",
    # Order matters for demo content (load_demo runs apps in this order).
    "portal.taxonomy",
    "portal.sources",
    "portal.countries",
    "portal.mailer",
    "portal.search",
    "portal.library",
    "portal.organizations",
    "portal.updates",
    "portal.inquiries",
    "portal.accounts",
    "portal.needs",
    "portal.newsletter",
    # Language editions (translation status, fallback, demo translations) and the offline copy.
    # Keep them after the content apps: their demo loaders translate and export those apps' pages.
    "portal.languages",
    "portal.offline",
    # Open data: the public JSON API (/api/v1/) and the bulk downloads (/data/).
    "portal.api",
    "portal.opendata",
    # Backups, restore and the purge of personal data (top layer: nothing imports it).
    "portal.operations",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Translation in the admin (wagtail-localize; its locales app replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "corsheaders",
    # Background tasks: Django's tasks API with a durable queue in the database.
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS before anything that may answer early (preflight requests to /api/).
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's rate limit, caching headers, conditional requests and JSON errors (after
    # LocaleMiddleware: API labels follow the `lang` parameter, not the browser's language).
    "portal.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: serves the English page, with a notice, where a Lao or Thai translation is missing.
    "portal.core.middleware.LanguageFallbackMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"


# Database: SQLite under var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
def database_from_url(url: str) -> dict:
    """Parse a database URL and add the options each engine needs to behave under load."""
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Web workers and the task worker write concurrently: without these SQLite answers
        # "database is locked". WAL lets readers proceed while one writer works.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. English is the default; Lao and Thai editions from the start.
LANGUAGE_CODE = "en"
# More languages: add them here (with a Locale in the admin and a catalogue in portal/locale/).
LANGUAGES = [
    ("en", "English"),
    ("lo", "ລາວ"),
    ("th", "ไทย"),
]
# Interface catalogues a fluent person has reviewed. Others are machine-made and the site says so
# (README: "Languages").
PORTAL_REVIEWED_INTERFACE_LANGUAGES: list[str] = []
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Translations stay linked to their English source, so editors see when the source changed.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

# Static files and uploads.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Page editors with long StreamFields exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background tasks. Wagtail 8 itself queues search indexing and reference index updates here,
# so a worker must run beside the web process (make run starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Cache: per-process memory by default; Redis when REDIS_URL is given, so that rate limits are
# shared between web workers in production.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions are only created for people who log in or submit a form; anonymous readers get no
# cookie at all (see docs/privacy in README).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Email. Development writes messages to var/mail/; production reads an SMTP server from the
# environment (production.py).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trafficking Portal <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "desk@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "Anti-Trafficking Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home from the admin
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILEMBEDS_FINDERS: list = []  # embeds would make readers' browsers call third parties

# The project's own name for itself, shown in page titles and emails.
PORTAL_NAME = _("Anti-Trafficking Portal")

# Quick exit: where the button on every page sends a reader who must hide the portal at once.
# A neutral, widely used page; a plain link (with JavaScript, location.replace()).
PORTAL_QUICK_EXIT_URL = os.environ.get("PORTAL_QUICK_EXIT_URL", "https://www.bbc.com/weather")

# Logs never keep a reader's full IP address: the filter truncates every address in a record
# (IPv4 to /24, IPv6 to /48). gunicorn's access log does the same (gunicorn.conf.py).
LOG_FILTERS = {"truncate_ips": {"()": "portal.core.logfilters.TruncateIPAddressesFilter"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        # runserver's access log: the client's network (truncated address), then the request.
        "access": {"format": "%(asctime)s %(client_ip)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["truncate_ips"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["truncate_ips"],
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.server": {"handlers": ["access"], "level": "WARNING", "propagate": False},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
    },
}

# The sections linked from the site frame and the home page, as page types; a section appears
# once a live page of that type exists (in the reader's language, or else in English).
PORTAL_SECTIONS = [
    "countries.CountryIndexPage",
    "library.ResourceIndexPage",
    "organizations.OrganizationIndexPage",
    "updates.UpdateIndexPage",
    "updates.EventIndexPage",
    "inquiries.InquiryCornerPage",
    "needs.NeedsBoardPage",
    "newsletter.NewsletterPage",
]

# Open data API (/api/v1/): requests per client address per window ("120/minute"; also
# "/second", "/hour", "/day"), and the largest page a list returns.
API_RATE_LIMIT = os.environ.get("PORTAL_API_RATE_LIMIT", "120/minute")
API_MAX_PAGE_SIZE = 100
API_CACHE_MAX_AGE = 300
# Only the API is open to other origins, and only for reading.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

# Bulk downloads (/data/): where the generated files are kept, and how long publishing waits
# (seconds) before regenerating them, so that a burst of edits costs one regeneration.
OPEN_DATA_ROOT = Path(os.environ.get("PORTAL_OPEN_DATA_ROOT", VAR_DIR / "opendata"))
OPEN_DATA_DEBOUNCE_SECONDS = 60

# ---------------------------------------------------------------------------------------------
# Privacy and operations: how long personal data is kept, and backups. Read from the
# environment; the privacy policy page states these periods (its test checks that it does).
# ---------------------------------------------------------------------------------------------
# Days the outbox keeps the body of a sent (or abandoned) email; the row itself (purpose,
# status, dates) stays for the delivery record. Links that expire sooner (password reset,
# email verification, newsletter confirmation) are erased as soon as they expire.
PORTAL_OUTBOX_RETENTION_DAYS = int(os.environ.get("PORTAL_OUTBOX_RETENTION_DAYS", "30"))
# Days the admin's audit log (who viewed, exported, erased personal data; role changes) and
# every other Wagtail log entry is kept.
PORTAL_AUDIT_LOG_RETENTION_DAYS = int(os.environ.get("PORTAL_AUDIT_LOG_RETENTION_DAYS", "365"))
# Backups: an age public key ("age1…"): when set, archives are encrypted to it, so the server
# cannot read its own old backups. The matching private key stays off the server; restore
# reads it with --identity FILE (or PORTAL_BACKUP_AGE_IDENTITY_FILE).
PORTAL_BACKUP_AGE_RECIPIENT = os.environ.get("PORTAL_BACKUP_AGE_RECIPIENT", "")
PORTAL_BACKUP_AGE_IDENTITY_FILE = os.environ.get("PORTAL_BACKUP_AGE_IDENTITY_FILE", "")
