"""Each kind of change rewrites exactly the mirrored files that show it (the task queue runs
at once in tests), leaves the others untouched, and takes unpublished, deleted, moved and
private pages out at once, before any worker ran."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from portal.core.models import PortalSettings
from portal.countries.models import Figure, Flow
from portal.mirror.mirror import Mirror
from portal.mirror.models import MirroredUrl
from portal.sources.models import Source

from .conftest import gone, read, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

UPDATE = "/home/updates/trafficking-in-persons-report-2007-lao-pdr/"
# Shows none of the changes below (a frame page: every page links to it, it links to none of
# them).
BYSTANDER = "/how-you-can-help/"
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def file_of(url: str) -> str:
    return MirroredUrl.objects.get(url=url).path


def changed(before: dict, after: dict) -> set[str]:
    return {path for path in after if before.get(path) != after[path]}


@pytest.fixture
def update(demo_site):
    return Page.objects.get(url_path=UPDATE).specific


@pytest.fixture
def mirrored(mirror):
    """Mirror some addresses (not the whole site: rendering only what a test needs)."""

    def build(*urls: str) -> dict:
        result = mirror.refresh(urls, follow_links=False)
        assert sorted(result.written) == sorted(urls), result
        return snapshot(mirror.root)

    return build


def test_publishing_a_change_rewrites_the_page_its_listing_and_feeds(
    update, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    before = mirrored(update.url, "/updates/", "/feeds/updates.rss", BYSTANDER)
    update.title = "Lao PDR stays in Tier 2, report says"
    with django_capture_on_commit_callbacks(execute=True):
        update.save_revision().publish()
    after = snapshot(mirror_root)
    # The page in each language (Lao and Thai show it as a fallback), its listing and feed;
    # and the bulk downloads, which opendata regenerated.
    rewritten = {
        path
        for path in changed(before, after)
        if not path.startswith(("data/", "lo/data/", "th/data/"))
    }
    assert rewritten == {
        f"{path}{suffix}"
        for path in (
            file_of(update.url),
            f"lo/{file_of(update.url)}",
            f"th/{file_of(update.url)}",
            "updates/index.html",
            "feeds/updates.rss",
        )
        for suffix in ("", ".gz", ".br")
    }
    for url in (update.url, "/updates/", "/feeds/updates.rss"):
        assert "Lao PDR stays in Tier 2, report says" in read(mirror_root, file_of(url))


def test_a_newly_published_update_appears_in_listings_feeds_and_its_country(
    update, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    listings = ["/updates/", "/feeds/updates.rss", "/countries/la/everything/"]
    before = mirrored(*listings, BYSTANDER)
    with django_capture_on_commit_callbacks(execute=True):
        new = update.copy(
            update_attrs={"title": "New cross-border agreement signed", "slug": "agreement"},
            keep_live=False,
        )
        new.save_revision().publish()
    after = snapshot(mirror_root)
    for url in listings:
        assert "New cross-border agreement signed" in read(mirror_root, file_of(url))
    assert "New cross-border agreement signed" in read(mirror_root, "updates/agreement/index.html")
    assert file_of(BYSTANDER) not in changed(before, after)


def test_unpublishing_takes_the_page_out_at_once(
    update, mirrored, mirror_root, settings, django_capture_on_commit_callbacks
):
    mirrored(update.url, "/lo" + update.url, "/updates/")
    settings.TASKS = NO_WORKER  # nothing runs the queue: the removal must not wait for it
    with django_capture_on_commit_callbacks(execute=True):
        update.unpublish()
    assert gone(mirror_root, "updates/trafficking-in-persons-report-2007-lao-pdr/index.html")
    assert gone(mirror_root, "lo/updates/trafficking-in-persons-report-2007-lao-pdr/index.html")
    assert update.title in read(mirror_root, "updates/index.html")  # the worker's part

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        Mirror().refresh(["/updates/"], follow_links=False)
    assert update.title not in read(mirror_root, "updates/index.html")


def test_deleting_takes_the_page_out_and_rewrites_what_linked_to_it(
    update, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    before = mirrored(update.url, "/updates/", "/feeds/updates.rss", BYSTANDER)
    title = update.title
    with django_capture_on_commit_callbacks(execute=True):
        update.delete()
    after = snapshot(mirror_root)
    assert gone(mirror_root, "updates/trafficking-in-persons-report-2007-lao-pdr/index.html")
    assert title not in read(mirror_root, "updates/index.html")
    assert title not in read(mirror_root, "feeds/updates.rss")
    assert file_of(BYSTANDER) not in changed(before, after)


def test_a_page_made_private_leaves_at_once_and_is_never_written_again(
    update, mirrored, mirror_root, settings, django_capture_on_commit_callbacks
):
    mirrored(update.url)
    settings.TASKS = NO_WORKER
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=update, restriction_type="login")
    assert gone(mirror_root, "updates/trafficking-in-persons-report-2007-lao-pdr/index.html")
    assert Mirror().refresh([update.url], follow_links=False).written == []
    assert gone(mirror_root, "updates/trafficking-in-persons-report-2007-lao-pdr/index.html")


def test_moving_a_page_moves_its_file(
    demo_site, mirrored, mirror_root, settings, django_capture_on_commit_callbacks
):
    page = Page.objects.get(url_path="/home/privacy-policy-and-disclaimer/")
    about = Page.objects.get(url_path="/home/about-us/")
    mirrored(page.url, "/about-us/")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(about, pos="last-child")
    assert gone(mirror_root, "privacy-policy-and-disclaimer/index.html")
    assert "<h1>" in read(mirror_root, "about-us/privacy-policy-and-disclaimer/index.html")


def test_a_scheduled_publication_is_written_when_it_goes_live(
    update, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    mirrored(update.url)
    update.title = "Scheduled: the report's Lao chapter"
    revision = update.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    revision.publish()  # scheduled, not live yet
    assert "Scheduled:" not in read(mirror_root, file_of(update.url))
    type(revision).objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert "Scheduled: the report&#x27;s Lao chapter" in read(mirror_root, file_of(update.url))


def test_a_changed_source_rewrites_the_pages_that_cite_it(
    demo_site, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    source = Source.objects.get(slug="us-dos-tip-2007")
    before = mirrored(source.get_absolute_url(), "/countries/la/", BYSTANDER)
    source.title = "Trafficking in Persons Report, June 2007 (revised)"
    with django_capture_on_commit_callbacks(execute=True):
        source.save()
    after = snapshot(mirror_root)
    for url in (source.get_absolute_url(), "/countries/la/"):
        assert "June 2007 (revised)" in read(mirror_root, file_of(url))
    assert file_of(BYSTANDER) not in changed(before, after)


def test_a_changed_figure_rewrites_its_country_and_downloads(
    demo_site, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    figure = Figure.objects.filter(country__iso2="LA", value__isnull=False, tier="").first()
    urls = ["/countries/la/", "/countries/la/csv/figures/", "/countries/la/json/", BYSTANDER]
    before = mirrored(*urls)
    figure.value = Decimal("987654")
    with django_capture_on_commit_callbacks(execute=True):
        figure.save()
    after = snapshot(mirror_root)
    assert "987654" in read(mirror_root, "countries/la/csv/figures/index.csv")
    assert "987654" in read(mirror_root, "countries/la/json/index.json")
    assert "987,654" in read(mirror_root, "countries/la/index.html")
    assert file_of(BYSTANDER) not in changed(before, after)


def test_a_changed_flow_rewrites_its_region_page(
    demo_site, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    flow = Flow.objects.filter(origin__iso2="LA").first()
    region = f"/countries/regions/{flow.origin.region}/"
    before = mirrored(region, BYSTANDER)
    flow.description = "Seen again along the Mekong crossings."
    with django_capture_on_commit_callbacks(execute=True):
        flow.save()
    after = snapshot(mirror_root)
    assert file_of(region) in changed(before, after)
    assert file_of(BYSTANDER) not in changed(before, after)


def test_site_settings_rewrite_every_page(
    demo_site, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    mirrored("/", "/lo/about-us/", BYSTANDER, "/feeds/updates.rss")
    portal_settings = PortalSettings.for_site(demo_site.get_site())
    portal_settings.copyright_holder = "The Mekong Anti-Trafficking Network"
    with django_capture_on_commit_callbacks(execute=True):
        portal_settings.save()
    for url in ("/", "/lo/about-us/", BYSTANDER):
        assert "The Mekong Anti-Trafficking Network" in read(mirror_root, file_of(url))


def test_a_published_translation_replaces_the_fallback(
    demo_site, mirrored, mirror_root, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    # An update: the demo translates the section pages, not each update.
    page = Page.objects.get(url_path=UPDATE).specific
    thai_url = f"/th{page.url}"
    mirrored(thai_url)
    fallback = '<main id="main" tabindex="-1" lang="en">'  # English content, Thai frame
    assert fallback in read(mirror_root, file_of(thai_url))
    with django_capture_on_commit_callbacks(execute=True):
        thai = page.copy_for_translation(Locale.objects.get(language_code="th"), copy_parents=True)
        thai.title = "รายงานการค้ามนุษย์ 2007: สปป.ลาว"
        thai.save_revision().publish()
    text = read(mirror_root, file_of(thai_url))
    assert fallback not in text and "รายงานการค้ามนุษย์ 2007: สปป.ลาว" in text


def test_regenerated_bulk_files_are_mirrored(
    demo_site, mirror, mirror_root, django_capture_on_commit_callbacks
):
    from portal.opendata.tasks import generate_open_data

    with django_capture_on_commit_callbacks(execute=True):
        generate_open_data.enqueue()
    assert read(mirror_root, "data/anti-trafficking-portal-data.json").startswith("{")
    assert (mirror_root / "data/anti-trafficking-portal-data-csv.zip").stat().st_size > 0
    assert not (mirror_root / "data/anti-trafficking-portal-data-csv.zip.gz").exists()
    assert "anti-trafficking-portal-data.json" in read(mirror_root, "data/index.html")
