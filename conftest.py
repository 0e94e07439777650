"""Fixtures shared by the whole suite. App-specific fixtures live in each app's tests."""

import os
import shutil

import pytest

from portal.testing.site import build_demo_site, empty_site

# pytest-playwright runs an event loop in the main thread; Django's ORM refuses to run there
# unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    group_tests_by_starting_state(items)
    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        return
    if IN_CI:
        return  # CI must run them; they fail loudly if the browser is missing.
    skip = pytest.mark.skip(reason=f"chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def group_tests_by_starting_state(items) -> None:
    """Within each module (or class) the tests that start from the empty site run together,
    so the database changes state at most twice per module instead of at each test."""
    first_seen: dict = {}
    for index, item in enumerate(items):
        first_seen.setdefault(item.parent.nodeid, index)
    items.sort(
        key=lambda item: (first_seen[item.parent.nodeid], "site_tree" not in item.fixturenames)
    )


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


class DatabaseStates:
    """The committed states a test can start from, each a snapshot of this process's test
    database: "demo" (the demo site, for most tests) and "empty" (what `site_tree` gives:
    emptied once, not for each of its tests). Before each database test the state it wants
    is put back if another one is in place (see `_database_state`); tests in a transaction
    roll back to it, transactional tests put it back when they end (see `pytest_configure`)."""

    def __init__(self) -> None:
        self.snapshots: dict = {}
        self.current: str | None = None

    def take(self, name: str) -> None:
        from portal.testing.snapshot import DatabaseSnapshot

        snapshot = DatabaseSnapshot(name=name)
        snapshot.take()
        self.snapshots[name] = snapshot
        self.current = name

    def switch_to(self, name: str) -> None:
        if name == self.current:
            return
        if name in self.snapshots:
            self.snapshots[name].restore()
            self.current = name
        else:  # only "empty", made from the demo site the first time a test wants it
            self.switch_to("demo")
            empty_site()
            self.take(name)
        forget_cached_state()

    def restore_current(self) -> bool:
        snapshot = self.snapshots.get(self.current)
        return snapshot is not None and snapshot.restore()

    def discard(self) -> None:
        for snapshot in self.snapshots.values():
            snapshot.discard()
        self.snapshots.clear()
        self.current = None


DATABASE_STATES = DatabaseStates()


def forget_cached_state() -> None:
    """What Django and Wagtail cache about rows that a restored snapshot replaced."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database of this process: migrated with the demo site built in it, made once
    per template and copied for each worker and later runs (portal/testing/database.py). Most
    tests read the demo site, and building it for each test cost most of the suite's time.
    Replaces pytest-django's fixture (its --reuse-db and --create-db have no effect: the
    template follows the code by itself)."""
    from portal.testing.database import set_up_test_database

    with django_db_blocker.unblock():
        destroy = set_up_test_database(build_demo_site, verbosity=request.config.option.verbose)
        DATABASE_STATES.take("demo")
    yield
    with django_db_blocker.unblock():
        DATABASE_STATES.discard()
        destroy()


@pytest.fixture
def _database_state(request, django_db_setup, django_db_blocker):
    """Put back the state the test starts from before its transaction begins: "empty" for
    tests that use `site_tree` (directly or through their fixtures), else "demo"."""
    wanted = "empty" if "site_tree" in request.node.fixturenames else "demo"
    with django_db_blocker.unblock():
        DATABASE_STATES.switch_to(wanted)


@pytest.fixture
def _django_db_helper(_database_state, _django_db_helper):
    """pytest-django's own (every database test goes through it), after `_database_state`."""
    return _django_db_helper


def pytest_configure(config):
    """Transactional tests end by putting the snapshot back instead of emptying the database
    (Django's flush): the next test, of either kind, starts from the same state again."""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def restore_the_snapshot(self):
        if not DATABASE_STATES.restore_current():
            flush(self)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()

    TransactionTestCase._fixture_teardown = restore_the_snapshot


@pytest.fixture
def site_tree(db):
    """An empty site (locales, home page, Site, settings, editorial groups) for tests that
    build their own content: the "empty" state, made once per process and put back before
    the test (see `_database_state`); what the test adds goes with its transaction."""
    from portal.home.site import ensure_site

    if DATABASE_STATES.current != "empty":  # asked for late, with request.getfixturevalue
        return empty_site()
    return ensure_site()


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


@pytest.fixture(scope="session")
def _smtp_sink():
    """One SMTP server per test process (starting one for each of its 120 users cost time)."""
    from portal.testing.smtp import SMTPSink

    sink = SMTPSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp_server(_smtp_sink, settings):
    """A real SMTP server on loopback, empty and accepting; Django's mail goes to it for the
    test's duration. A test may stop it or make it refuse: the next one finds it reset."""
    sink = _smtp_sink
    sink.reject_with = None
    sink.start()
    sink.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.reject_with = None


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, signed in the way a superuser is after signing in: with the
    second factor passed (superusers must have one; portal.security)."""
    from django.test import Client

    from portal.testing.security import login_staff

    client = Client()
    login_staff(client, admin_user)
    return client
