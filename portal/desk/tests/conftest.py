import pytest
from django.utils import timezone

from portal.desk.links import CHECKED_MODELS

from .linkserver import LinkServer


@pytest.fixture
def link_server():
    with LinkServer() as server:
        yield server


@pytest.fixture
def checked_demo_links(db, settings):
    """The demo's real addresses count as just checked, so a run reaches only the test's
    loopback addresses (tests have no network)."""
    settings.PORTAL_LINK_CHECK_HOST_DELAY = 0
    settings.PORTAL_LINK_CHECK_TIMEOUT = 0.5
    for model in CHECKED_MODELS:
        model.objects.update(link_checked_at=timezone.now())
