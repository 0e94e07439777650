"""Fixtures shared by the whole suite. App-specific fixtures live in each app's tests."""

import contextlib
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


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: a test's rolled-back transaction must not leave
    behind what it cached (Wagtail's site root paths, rate-limit counters, rendered menus)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. Django keeps the active language per thread,
    and a request or test that switches to Lao or Thai leaves it switched for the next test
    on the same worker (seen as Lao form errors in an English test)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


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


DATABASE_SNAPSHOT = None  # this process's test database, as built (see the fixtures below)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per test database, right after migrations. Most tests read it,
    and building it for each test cost most of the suite's time; ordinary tests run inside a
    transaction that is rolled back, so they all start from this same state. Transactional
    tests put a snapshot of it back when they end (see `pytest_configure`)."""
    from portal.core.testing.snapshot import DatabaseSnapshot

    global DATABASE_SNAPSHOT
    with django_db_blocker.unblock():
        build_demo_site()
        DATABASE_SNAPSHOT = DatabaseSnapshot()
        DATABASE_SNAPSHOT.take()
    yield
    with django_db_blocker.unblock():
        DATABASE_SNAPSHOT.discard()


def pytest_configure(config):
    """Transactional tests end by putting the snapshot back instead of emptying the database
    (Django's flush): the next test, of either kind, starts from the demo site again."""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def restore_the_snapshot(self):
        if DATABASE_SNAPSHOT is None or not DATABASE_SNAPSHOT.restore():
            flush(self)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    TransactionTestCase._fixture_teardown = restore_the_snapshot


@contextlib.contextmanager
def deletion_signals_muted():
    """Delete without the receivers of pre_delete/post_delete (page unpublishing, translation
    clean-up, search index updates): Django then deletes related rows in bulk instead of one
    object at a time, several times faster. The caller tidies the search index itself."""
    from django.db.models.signals import post_delete, pre_delete

    saved = [(signal, signal.receivers) for signal in (pre_delete, post_delete)]
    try:
        for signal, _receivers in saved:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def forget_deleted_objects_in_search_indexes() -> None:
    """Index rows whose object is gone (deleted with the signals muted)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    for content_type_id in IndexEntry.objects.values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        entries = IndexEntry.objects.filter(content_type_id=content_type_id)
        if model is None:
            entries.delete()
            continue
        existing = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        entries.exclude(object_id__in=existing).delete()


def empty_site():
    """Remove every page below the home page and every row of the portal's own models, leaving
    locales, home page, Site, settings, groups and the country list: a site whose content a test
    builds itself."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import ProtectedError
    from wagtail.models import Page

    from portal.home.site import ensure_site
    from portal.search import documents

    ContentType.objects.clear_cache()  # ids change when a transactional test flushes
    home = ensure_site()
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("portal.") and config.label not in KEEP_APPS
        for model in config.get_models()
        if not issubclass(model, Page) and model._meta.label not in KEEP_MODELS
    ]
    going = Page.objects.filter(depth__gt=2) | Page.objects.filter(depth=2).exclude(pk=home.pk)
    documents.remove(going.values_list("pk", flat=True))  # keeps the vocabulary's counts right
    with deletion_signals_muted():
        Page.objects.filter(depth__gt=2).delete()
        Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
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
    forget_deleted_objects_in_search_indexes()
    # The country list stays, but what the demo said about each country goes with it.
    apps.get_model("countries", "Country").objects.update(
        is_source=False, is_transit=False, is_destination=False, has_internal_trafficking=False
    )
    home.refresh_from_db()
    return home


def load_demo_of(*labels: str) -> None:
    """The demo content of some apps only (by app label, in INSTALLED_APPS order), for tests
    that want real content on an emptied site without the cost of all of it."""
    from portal.core.demo import demo_loaders

    for label, load in demo_loaders():
        if label in labels:
            load(lambda message: None)


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

    ContentType.objects.clear_cache()  # a test may have cached ids of rolled-back rows
    home = ensure_site()
    # Built once per database (django_db_setup); transactional tests put it back from the
    # snapshot. Missing content means a test escaped both: fail here, not somewhere later.
    assert home.get_children().exists(), "The demo content is missing from the test database."
    return home


@pytest.fixture
def live_site(live_server, transactional_db):
    """For browser tests: the demo site behind a live server (put back before each test, as
    the live server's tests are transactional)."""
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


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, signed in the way a superuser is after signing in: with the
    second factor passed (superusers must have one; portal.security)."""
    from django.test import Client

    from portal.security.testing import login_staff

    client = Client()
    login_staff(client, admin_user)
    return client
