"""`check_links` over sources and related links, against a real HTTP server on loopback:
what it records, the cap per run, and what editors and readers see."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.desk.links import check_links
from portal.sources.models import Source
from portal.standardpages.models import StandardPage
from portal.taxonomy.models import RelatedLink
from portal.testing.security import login_staff

from .linkserver import refused_url

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

STALE_NOTICE = "link may be out of date"


def make_due(*records) -> None:
    """As if the interval between checks had passed."""
    long_ago = timezone.now() - timedelta(days=3)
    for record in records:
        type(record).objects.filter(pk=record.pk).update(link_checked_at=long_ago)


@pytest.fixture
def sources(checked_demo_links, link_server):
    return {
        path: Source.objects.create(title=f"Test source {path}", url=link_server.url(path))
        for path in ("/ok", "/missing", "/no-head", "/moved", "/slow")
    }


def test_a_run_records_status_and_dates_and_counts_failures(sources, capsys):
    call_command("check_links")
    assert "Checked 5 address(es): 2 failing" in capsys.readouterr().out
    found = {p: Source.objects.get(pk=s.pk) for p, s in sources.items()}
    assert {p: (s.link_status, s.link_failures) for p, s in found.items()} == {
        "/ok": ("200", 0),
        "/missing": ("404", 1),
        "/no-head": ("200", 0),
        "/moved": ("200", 0),
        "/slow": ("timeout", 1),
    }
    assert all(s.link_checked_at for s in found.values())
    first_failure = found["/missing"].link_failing_since
    assert first_failure is not None and found["/ok"].link_failing_since is None
    assert not found["/missing"].link_may_be_outdated

    # Nothing is due again before the interval: a second run checks nothing.
    assert check_links().checked == 0
    make_due(*sources.values())
    check_links()
    missing = Source.objects.get(pk=sources["/missing"].pk)
    assert missing.link_failures == 2 and missing.link_may_be_outdated
    assert missing.link_failing_since == first_failure  # "since" the first failure

    # Fixed at the other end: the next check clears it all.
    Source.objects.filter(pk=missing.pk).update(url=sources["/ok"].url)
    make_due(missing)
    check_links()
    missing.refresh_from_db()
    assert (missing.link_failures, missing.link_failing_since) == (0, None)


def test_a_check_does_not_change_the_sources_updated_date(sources):
    before = Source.objects.get(pk=sources["/ok"].pk).updated_at
    check_links()
    assert Source.objects.get(pk=sources["/ok"].pk).updated_at == before


def test_the_cap_per_run_takes_the_least_recently_checked_first(sources, settings):
    settings.PORTAL_LINK_CHECK_MAX_PER_RUN = 2
    Source.objects.filter(pk=sources["/ok"].pk).update(
        link_checked_at=timezone.now() - timedelta(days=9)
    )
    Source.objects.filter(pk=sources["/missing"].pk).update(
        link_checked_at=timezone.now() - timedelta(days=5)
    )
    others = [sources[p].pk for p in ("/no-head", "/moved", "/slow")]
    Source.objects.filter(pk__in=others).update(link_checked_at=timezone.now())
    report = check_links()
    assert report.checked == 2
    assert [url for url, _status in report.failures] == [sources["/missing"].url]
    assert Source.objects.get(pk=sources["/ok"].pk).link_status == "200"


def test_one_address_used_twice_is_asked_once(checked_demo_links, link_server):
    url = link_server.url("/missing")
    Source.objects.create(title="One", url=url)
    Source.objects.create(title="Two", url=url)
    report = check_links()
    assert (report.checked, report.records_updated) == (1, 2)
    assert len(link_server.requests) == 1


@pytest.fixture
def about_with_links(checked_demo_links, link_server, demo_site):
    about = StandardPage.objects.get(slug="about-us", locale__language_code="en")
    about.related_links.add(
        RelatedLink(title="Gone report", url=refused_url()),
        RelatedLink(title="Fine report", url=link_server.url("/ok")),
    )
    about.save_revision().publish()
    return about


def test_related_links_are_checked_and_readers_warned_after_two_failures(client, about_with_links):
    check_links()
    gone = RelatedLink.objects.get(title="Gone report")
    assert (gone.link_status, gone.link_failures) == ("connection refused", 1)
    assert RelatedLink.objects.get(title="Fine report").link_status == "200"
    assert STALE_NOTICE not in client.get("/about-us/").content.decode()  # one failure: not yet

    make_due(gone)
    check_links()
    html = BeautifulSoup(client.get("/about-us/").content, "html.parser")
    item = html.find("a", string="Gone report").parent
    assert STALE_NOTICE in item.get_text()  # the link stays, with the notice
    assert STALE_NOTICE not in html.find("a", string="Fine report").parent.get_text()


def test_the_source_page_keeps_the_citation_and_warns_after_two_failures(client, sources):
    source = sources["/missing"]
    check_links()
    assert STALE_NOTICE not in client.get(source.get_absolute_url()).content.decode()
    make_due(source)
    check_links()
    html = BeautifulSoup(client.get(source.get_absolute_url()).content, "html.parser")
    address = html.find("a", class_="reference__url")
    assert address["href"] == source.url
    assert STALE_NOTICE in address.parent.get_text()


def test_editors_see_since_when_a_link_is_broken(client, admin_user, sources):
    check_links()
    login_staff(client, admin_user)
    listing = client.get(reverse("wagtailsnippets_sources_source:list") + "?ordering=-updated_at")
    text = " ".join(BeautifulSoup(listing.content, "html.parser").get_text().split())
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Link broken since {today} (404)" in text
    edit = client.get(reverse("wagtailsnippets_sources_source:edit", args=[sources["/slow"].pk]))
    text = " ".join(BeautifulSoup(edit.content, "html.parser").get_text().split())
    assert f"Link broken since {today} (timeout). 1 failed check in a row." in text
    edit = client.get(reverse("wagtailsnippets_sources_source:edit", args=[sources["/ok"].pk]))
    assert "The link worked when last checked" in edit.content.decode()


def test_editors_see_a_broken_related_link_in_the_page_form(client, admin_user, about_with_links):
    check_links()
    login_staff(client, admin_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[about_with_links.pk]))
    text = " ".join(BeautifulSoup(edit.content, "html.parser").get_text().split())
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Link broken since {today} (connection refused)" in text
