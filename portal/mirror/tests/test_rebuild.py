"""manage.py rebuild_mirror: the whole public site from scratch, stale files removed; safe on
an empty database."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from portal.mirror.models import MirroredUrl
from portal.mirror.storage import MARKER

from .conftest import read

pytestmark = pytest.mark.django_db


def test_rebuild_writes_the_site_in_every_language_and_removes_stale_files(site_tree, mirror_root):
    stale = mirror_root / "old-page" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("unpublished long ago")
    MirroredUrl.objects.create(url="/gone/", path="gone/index.html")
    output = io.StringIO()
    call_command("rebuild_mirror", "--no-progress", stdout=output)
    assert "written" in output.getvalue()
    for path in ("index.html", "lo/index.html", "th/index.html", "sitemap.xml", "robots.txt"):
        assert read(mirror_root, path)
    assert read(mirror_root, "feeds/updates.rss").startswith("<?xml")
    assert not stale.exists() and not stale.parent.exists()
    assert not MirroredUrl.objects.filter(url="/gone/").exists()
    assert (mirror_root / MARKER).exists()
    # Nothing made for one reader, nothing outside the public site.
    written = {p.relative_to(mirror_root).as_posix() for p in mirror_root.rglob("*")}
    assert not any(p.startswith(("admin", "search", "accounts", "api/v1")) for p in written)
    assert not any("tmp" in p.rsplit("/", 1)[-1] for p in written)
    for entry in MirroredUrl.objects.filter(status=MirroredUrl.Status.WRITTEN):
        assert b"csrfmiddlewaretoken" not in (mirror_root / entry.path).read_bytes()


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
