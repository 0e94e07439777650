"""Events: upcoming and past lists, honest partial dates, .ics per event and an upcoming-events
calendar feed (parsed back with icalendar)."""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from portal.testing import build
from portal.testing.html import card_titles
from portal.updates.models import EventPage
from portal.updates.wagtail_hooks import new_events, upcoming_events_in_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(site_tree):
    today = timezone.localdate()
    return {
        "workshop": build.event(
            "Border workshop",
            start_date=today + timedelta(days=10),
            start_time=time(9, 0),
            end_time=time(16, 30),
            time_zone="Asia/Vientiane",
            place="Savannakhet",
            organizer="Provincial committee",
            link_url="https://example.org/workshop",
            countries=["LA"],
            topics=["prevention"],
        ),
        "conference": build.event(
            "Regional conference",
            start_date=today + timedelta(days=40),
            end_date=today + timedelta(days=42),
            online=True,
            countries=["TH", "LA"],
        ),
        "running": build.event(
            "Running campaign",
            start_date=today - timedelta(days=3),
            end_date=today + timedelta(days=3),
            countries=["KH"],
        ),
        "commit": build.event(
            "COMMIT meeting",
            start_date=date(2006, 8, 1),
            date_precision="month",
            countries=["LA"],
            topics=["international-cooperation"],
        ),
        "old": build.event("Old seminar", start_date=date(2019, 5, 4), countries=["TH"]),
    }


def ical(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def titles(client, query: str = "") -> list[str]:
    return card_titles(client, f"/events/{query}")


def test_upcoming_by_default_past_most_recent_first(client, events):
    assert titles(client) == ["Running campaign", "Border workshop", "Regional conference"]
    assert titles(client, "?when=past") == ["Old seminar", "COMMIT meeting"]
    assert titles(client, "?when=past&country=la") == ["COMMIT meeting"]
    assert titles(client, "?when=upcoming&country=la&topic=prevention") == ["Border workshop"]
    assert len(titles(client, "?when=all")) == 5
    assert titles(client, "?when=later") == titles(client)  # unknown value: the default applies


def test_timed_event_as_ics(client, events):
    event = events["workshop"]
    calendar = ical(client, f"/feeds/events/{event.pk}.ics")
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Border workshop"
    assert str(vevent["UID"]) == f"{event.translation_key}-en@testserver"
    assert str(vevent["URL"]) == "http://localhost/events/border-workshop/"
    start = vevent.decoded("DTSTART")
    assert start == datetime.combine(event.start_date, time(9, 0), tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Asia/Vientiane"
    assert vevent["DTSTART"].params["TZID"] == "Asia/Vientiane"
    assert vevent.decoded("DTEND").time() == time(16, 30)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert str(vevent["LOCATION"]) == "Savannakhet, Lao PDR"
    assert "Organiser: Provincial committee" in str(vevent["DESCRIPTION"])
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Prevention"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Vientiane"]


def test_all_day_and_partial_date_events_as_ics(client, events):
    (conference,) = ical(client, f"/feeds/events/{events['conference'].pk}.ics").walk("VEVENT")
    start = events["conference"].start_date
    assert conference.decoded("DTSTART") == start
    assert conference.decoded("DTEND") == start + timedelta(days=3)  # exclusive end
    assert str(conference["LOCATION"]).startswith("Online")
    (commit,) = ical(client, f"/feeds/events/{events['commit'].pk}.ics").walk("VEVENT")
    assert commit.decoded("DTSTART") == date(2006, 8, 1)
    assert commit.decoded("DTEND") == date(2006, 9, 1)
    assert "The exact date is not known: August 2006." in str(commit["DESCRIPTION"])


def test_upcoming_calendar_feed(client, events):
    calendar = ical(client, "/feeds/events.ics")
    assert str(calendar["X-WR-CALNAME"]) == "Upcoming events"
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == ["Running campaign", "Border workshop", "Regional conference"]
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 3
    events["workshop"].unpublish()
    assert client.get(f"/feeds/events/{events['workshop'].pk}.ics").status_code == 404
    summaries = [str(e["SUMMARY"]) for e in ical(client, "/feeds/events.ics").walk("VEVENT")]
    assert "Border workshop" not in summaries


def test_event_page_states_only_what_is_known(client, events):
    html = BeautifulSoup(client.get("/events/commit-meeting/").content, "html.parser")
    when = html.select_one(".facts dd")
    assert when.time["datetime"] == "2006-08" and when.time.get_text() == "August 2006"
    assert "the exact day is not known" in when.get_text()
    assert "Past event" in when.get_text()
    data = json.loads(html.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Event" and data["startDate"] == "2006-08"
    assert data["location"]["address"]["addressCountry"] == "LA"
    ics_link = html.find("a", string="Add to my calendar (.ics)")
    assert ics_link["href"] == f"/feeds/events/{events['commit'].pk}.ics"

    timed = BeautifulSoup(client.get("/events/border-workshop/").content, "html.parser")
    data = json.loads(timed.select_one("script[type='application/ld+json']").string)
    assert data["startDate"].endswith("T09:00:00+07:00")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_event_validation(site_tree):
    def errors(**fields) -> dict:
        event = EventPage(title="x", slug="x", summary="x", **fields)
        with pytest.raises(ValidationError) as caught:
            event.clean()
        return caught.value.message_dict

    day = date(2026, 3, 10)
    assert "end_date" in errors(start_date=day, end_date=day - timedelta(days=1))
    assert "time_zone" in errors(start_date=day, start_time=time(9))
    assert "time_zone" in errors(start_date=day, start_time=time(9), time_zone="Mars/Base")
    assert "end_time" in errors(start_date=day, end_time=time(9), time_zone="UTC")
    assert "end_time" in errors(
        start_date=day, start_time=time(9), end_time=time(8), time_zone="UTC"
    )
    assert "date_precision" in errors(start_date=day, date_precision="month", end_date=day)
    partial = EventPage(title="x", slug="x", summary="x", start_date=day, date_precision="year")
    partial.clean()
    assert partial.start_date == date(2026, 1, 1)  # no invented day or month is kept


def test_country_panel_shows_upcoming_events_only(rf, events):
    html = BeautifulSoup(
        upcoming_events_in_country(build.country("LA"), rf.get("/")), "html.parser"
    )
    assert [a.get_text() for a in html.select("li a")] == ["Border workshop", "Regional conference"]
    assert html.find("a", string="All events about Lao PDR")["href"] == "/events/?country=la"


def test_digest_lists_events_published_in_the_window(events):
    now = datetime.now(UTC)
    EventPage.objects.exclude(pk=events["workshop"].pk).update(
        first_published_at=now - timedelta(days=60)
    )
    items = list(new_events(now - timedelta(days=1), now + timedelta(minutes=1)))
    assert [(i.kind, i.title, i.url) for i in items] == [
        ("event", "Border workshop", "/events/border-workshop/")
    ]
