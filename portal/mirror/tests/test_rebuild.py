"""manage.py rebuild_mirror: the whole public site from scratch, stale files removed; safe on
an empty database."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portal.mirror.models import MirroredUrl
from portal.mirror.storage import MARKER

from .conftest import read

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def test_rebuild_removes_stale_files_and_records(demo_site, mirror_root, monkeypatch):
    """The whole demo site takes minutes (measured by hand: README); here the rebuild starts
    from two addresses and follows no link, which is enough to see the clean-up."""
    from portal.mirror import mirror as mirror_module

    monkeypatch.setattr(mirror_module.addresses, "seed_urls", lambda site=None: ["/", "/lo/"])
    original = mirror_module.Mirror.refresh
    monkeypatch.setattr(
        mirror_module.Mirror,
        "refresh",
        lambda self, urls, **kwargs: original(self, urls, follow_links=False),
    )
    stale = mirror_root / "old-page" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("unpublished long ago")
    MirroredUrl.objects.create(url="/gone/", path="gone/index.html")
    output = io.StringIO()
    call_command("rebuild_mirror", "--no-progress", stdout=output)
    assert "2 written" in output.getvalue()
    assert read(mirror_root, "index.html") and read(mirror_root, "lo/index.html")
    assert not stale.exists() and not stale.parent.exists()
    assert not MirroredUrl.objects.filter(url="/gone/").exists()
    assert (mirror_root / MARKER).exists()


def test_rebuild_on_an_empty_database_writes_nothing_and_succeeds(db, mirror_root):
    Site.objects.all().delete()
    output = io.StringIO()
    call_command("rebuild_mirror", "--no-progress", stdout=output)
    assert "0 written" in output.getvalue()
    assert [p.name for p in mirror_root.iterdir()] == [MARKER]


def test_rebuild_of_some_addresses_only(demo_site, mirror_root):
    call_command("rebuild_mirror", "--no-progress", "--url", "/about-us/", stdout=io.StringIO())
    assert "<h1>About Us</h1>" in read(mirror_root, "about-us/index.html")
    assert list(MirroredUrl.objects.values_list("url", flat=True)) == ["/about-us/"]


def test_a_second_rebuild_keeps_what_only_links_reach(demo_site, mirror_root, monkeypatch):
    """The everything-about page is in no seed: the profile links to it. A rebuild must follow
    that link even when the address is already recorded, or rebuilding twice removes it."""
    from portal.mirror import mirror as mirror_module

    profile, linked = "/countries/la/", "/countries/la/everything/"
    monkeypatch.setattr(mirror_module.addresses, "seed_urls", lambda site=None: [profile])
    allowed = {profile, linked}
    monkeypatch.setattr(mirror_module.addresses, "is_mirrorable", lambda url: url in allowed)
    for _ in range(2):
        call_command("rebuild_mirror", "--no-progress", stdout=io.StringIO())
        assert MirroredUrl.objects.get(url=linked).status == MirroredUrl.Status.WRITTEN
        assert read(mirror_root, "countries/la/everything/index.html")
