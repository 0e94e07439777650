"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the running site writes (SQLite database, uploads, generated secrets) lives under var/.
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # The portal's apps, by domain.
    "portal.core",
    # Sign-in security: throttled logins (django-axes), the staff second factor (django-otp),
    # documents that follow their pages. Above core, below the content apps.
    "portal.security",
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
    # The editorial desk: the "needs review" dashboard, link checking. It reads the content apps.
    "portal.desk",
    # The static mirror of the public site, kept at publish time (top layer: listens to all).
    "portal.mirror",
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
    # Sign-in security (see portal.security): lockouts, one-time passwords, recovery codes.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
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
    # First: Locale and view-restriction lookups answered once per request (core.requestmemo).
    "portal.core.requestmemo.RequestMemoMiddleware",
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
    # Read path (issue 15): gzip outside forms, ETag and 304s, Cache-Control for shared caches
    # on what every anonymous reader gets alike. Inside CsrfViewMiddleware: on the way out they
    # still see whether the page used a CSRF token (the CSRF middleware clears the mark).
    "portal.core.middleware.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.core.middleware.PublicCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Staff in groups that see personal data must pass a second factor before the admin.
    "portal.security.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: serves the English page, with a notice, where a Lao or Thai translation is missing.
    "portal.languages.middleware.LanguageFallbackMiddleware",
    # Answers a locked-out sign-in with the lockout page (django-axes); keep it last.
    "axes.middleware.AxesMiddleware",
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
# Which interface catalogues a fluent person reviewed: PORTAL_REVIEWED_INTERFACE_LANGUAGES
# (portal/languages/conf.py; README: "Languages").
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Date and number formats for languages Django has none for (Lao); see portal/languages/formats.
FORMAT_MODULE_PATH = ["portal.languages.formats"]
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
STATIC_ROOT = Path(os.environ.get("PORTAL_STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("PORTAL_MEDIA_ROOT", VAR_DIR / "media"))
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

# Cache: Redis when REDIS_URL is given, else a table in the database (created by `migrate`, see
# portal.security), so that rate limits and sign-in counters are shared by every web worker and
# the task worker. Never per-process memory outside the tests.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

# Sessions are only created for people who log in or submit a form; anonymous readers get no
# cookie at all (README: "Low bandwidth, offline copy, safety"; the Privacy Policy page).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A page with a form sets the CSRF token: as a session cookie, gone when the browser closes, so
# a reader on a shared phone leaves no lasting trace (Django's default keeps it a year).
CSRF_COOKIE_AGE = None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Email. Development writes messages to var/mail/; production reads an SMTP server from the
# environment (production.py).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trafficking Portal <portal@localhost>")
# Sender of error emails to ADMINS (none are set: errors go to the log, and to Sentry).
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

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

# The portal's own settings (its name, contact address, quick exit, read path, forms, and every
# other PORTAL_* and NEWSLETTER_* setting) are declared in portal/<app>/conf.py, each read from
# this module if it sets it, else from the environment variable of that name, else its default
# (portal/core/appsettings.py). `manage.py describe_settings` lists them all; so does the README.
# The environment variables read in this package are listed in portal/operations/environment.py.

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

# Open data API (/api/v1/): rate limit, page size, caching: portal/api/conf.py.
# Only the API is open to other origins, and only for reading.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

# Bulk downloads (/data/): portal/opendata/conf.py.

# Editorial desk (link checking, the "needs review" dashboard): portal/core/conf.py and
# portal/desk/conf.py. `manage.py check_links` runs from deploy/systemd/portal-check-links.timer.

# ---------------------------------------------------------------------------------------------
# Staff sign-in and lockouts (portal.security; README: "Staff sign-in and lockouts").
# ---------------------------------------------------------------------------------------------
# django-axes checks every password sign-in (admin and public login) before Django does, and
# counts failures per account and per client address in the database (shared by every worker).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Failed attempts that lock an account or an address, and how long (minutes) failures count and
# the lockout lasts. A failure during a lockout starts the period again.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("PORTAL_LOGIN_LOCKOUT_MINUTES", "15")) / 60
# Each separately: one account from anywhere, and one address trying any accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "portal.security.throttle.attempted_username"
# The real client address, honouring PORTAL_TRUSTED_PROXIES (portal.core.net).
AXES_CLIENT_IP_CALLABLE = "portal.security.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Axes keeps its own log of failures (AccessFailureLog); successful sign-ins are not recorded.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False  # lockouts are listed and lifted in the Wagtail admin instead
# Only users who may use the admin sign in at /admin/login/; public accounts are refused there
# with the same answer as a wrong password.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.forms.AdminLoginForm"

# Second factor (django-otp): who must use one and how recent it must be for exports and
# erasures, in portal/security/conf.py.
# The issuer name authenticator apps show beside the account.
OTP_TOTP_ISSUER = os.environ.get("PORTAL_OTP_ISSUER", "Anti-Trafficking Portal")
# Passkeys (django-otp-webauthn) as a second factor only: the relying party and its origins
# follow PORTAL_BASE_URL unless PORTAL_PASSKEY_* say otherwise (portal.security.conf).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "portal.security.passkeys.PortalWebAuthnHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "portal.security.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "portal.security.passkeys.relying_party_name"
# Its check wants OTP_WEBAUTHN_ALLOWED_ORIGINS; our helper answers from PORTAL_PASSKEY_ORIGINS.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# Documents are always served through Wagtail's view, which checks the pages they belong to
# (portal.security.documents); never as plain files from MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# axes announces itself at every start; its lockout warnings still reach the log.
LOGGING["loggers"]["axes.apps"] = {"level": "WARNING"}

# ---------------------------------------------------------------------------------------------
# Read path and production layout (issue 15, items 2-6). Every value an operator sets comes
# from the environment; the README's configuration table lists them.
# ---------------------------------------------------------------------------------------------
# Trusted proxies, Cache-Control of anonymous pages, compression: portal/core/conf.py. The
# Wagtail Site following PORTAL_BASE_URL (WAGTAILADMIN_BASE_URL above) at every `migrate`:
# portal/home/conf.py.

# Static mirror and frontend cache (portal.mirror; README "Static mirror"). -------------------
# Every public page in every language, the feeds, sitemap and downloads, as files (with .gz and
# .br copies) that the front web server serves without asking the application; rewritten by
# the task worker when what they show changes. Off unless PORTAL_MIRROR_ENABLED is set (the
# production layout in deploy/ sets it); `manage.py rebuild_mirror` builds it in full.
# PORTAL_MIRROR_ENABLED and PORTAL_MIRROR_ROOT: portal/mirror/conf.py.
# A shared cache in front (Varnish, deploy/varnish/portal.vcl, or a CDN accepting PURGE): the
# same affected addresses are purged from it. PORTAL_FRONTEND_CACHE_URL is where it listens
# for PURGE requests, e.g. http://127.0.0.1:6081.
if os.environ.get("PORTAL_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["PORTAL_FRONTEND_CACHE_URL"],
        }
    }

# Privacy and operations: how long personal data is kept, and the backups' age key, in
# portal/operations/conf.py (the privacy policy page states these periods; its test checks it).
