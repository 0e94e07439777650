"""Fixtures shared by the whole suite. App-specific fixtures live in each app's tests."""

import os
import shutil

import pytest

# pytest-playwright runs an event loop in the main thread; Django's ORM refuses to run there
# unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        return
    if IN_CI:
        return  # CI must run them; they fail loudly if the browser is missing.
    skip = pytest.mark.skip(reason=f"chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def build_demo_site():
    """Locales, home page, Site, editorial groups and all demo content (idempotent)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal.core.demo import load_all
    from portal.core.permissions import ensure_editorial_groups

    # After a flush (transactional tests) content types come back with new ids.
    ContentType.objects.clear_cache()
    load_all(lambda message: None)
    ensure_editorial_groups(apps)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per test database, right after migrations. Most tests read it,
    and building it for each test cost most of the suite's time; ordinary tests run inside a
    transaction that is rolled back, so they all start from this same state."""
    with django_db_blocker.unblock():
        build_demo_site()


def empty_site():
    """Remove every page below the home page and every row of the portal's own models, leaving
    locales, home page, Site, settings, groups and the country list: a site whose content a test
    builds itself."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import ProtectedError
    from wagtail.models import Page

    from portal.home.site import ensure_site

    ContentType.objects.clear_cache()  # ids change when a transactional test flushes
    home = ensure_site()
    Page.objects.filter(depth__gt=2).delete()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("portal.") and config.label not in KEEP_APPS
        for model in config.get_models()
        if not issubclass(model, Page) and model._meta.label not in KEEP_MODELS
    ]
    for _attempt in range(len(models) + 1):  # PROTECTed rows go once what refers to them has
        remaining = []
        for model in models:
            try:
                model.objects.all().delete()
            except ProtectedError:
                remaining.append(model)
        if not remaining:
            break
        models = remaining
    home.refresh_from_db()
    return home


KEEP_APPS = {"core", "home", "portal_search"}  # settings, home page; search rows follow pages
KEEP_MODELS = {"countries.Country"}  # reference data (ISO 3166), loaded by a migration


@pytest.fixture
def site_tree(db):
    """An empty site (locales, home page, Site, settings, editorial groups) for tests that
    build their own content. Undone with the test's transaction."""
    return empty_site()


@pytest.fixture
def demo_site(db):
    """The full demo content, as `make run` loads it (built once per database)."""
    from django.contrib.contenttypes.models import ContentType

    from portal.home.site import ensure_site

    ContentType.objects.clear_cache()  # ids change when a transactional test flushes
    home = ensure_site()
    if not home.get_children().exists():  # emptied by a transactional test's flush
        build_demo_site()
    return home


@pytest.fixture
def live_site(live_server, transactional_db):
    """For browser tests: the live server flushes the database after each test, which removes
    what migrations created, so the demo site is built again for every test."""
    build_demo_site()
    return live_server


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's mail goes to it for the test's duration."""
    from portal.core.testing.smtp import SMTPSink

    sink = SMTPSink()
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()
