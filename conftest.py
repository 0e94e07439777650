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


@pytest.fixture
def site_tree(db):
    """Locales, the home page, the default Site and the editorial groups."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal.core.permissions import ensure_editorial_groups
    from portal.home.site import ensure_site

    # After a transactional test's flush, content types have new ids (see live_site).
    ContentType.objects.clear_cache()
    home = ensure_site()
    ensure_editorial_groups(apps)
    return home


@pytest.fixture
def demo_site(site_tree):
    """The full demo content, as `make run` loads it."""
    from portal.core.demo import load_all

    load_all(lambda message: None)
    return site_tree


@pytest.fixture
def live_site(live_server, transactional_db):
    """For browser tests: the live server flushes the database after each test, which removes
    what migrations created, so the demo site is built again for every test."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal.core.demo import load_all
    from portal.core.permissions import ensure_editorial_groups

    # The flush after the previous test recreated content types with new ids.
    ContentType.objects.clear_cache()
    load_all(lambda message: None)
    ensure_editorial_groups(apps)
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
