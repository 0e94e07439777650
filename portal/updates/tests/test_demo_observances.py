"""The demo's upcoming events: yearly observances on fixed dates, cited, each the next one to
come, all-day and one day long, so that the calendar has something upcoming to show."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from portal.updates.demo import next_occurrence
from portal.updates.models import EventPage


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 7, 29), date(2026, 7, 30)),
        (date(2026, 7, 30), date(2026, 7, 30)),  # the day itself is still upcoming
        (date(2026, 12, 3), date(2027, 7, 30)),
    ],
)
def test_next_occurrence(today, expected):
    assert next_occurrence(7, 30, today) == expected


@pytest.mark.django_db
def test_the_calendar_lists_the_next_observances_as_all_day_single_day_events(client, demo_site):
    html = BeautifulSoup(client.get("/events/").content, "html.parser")
    upcoming = [a.get_text(strip=True) for a in html.select(".item-card__title a")]
    assert any(t.startswith("World Day against Trafficking in Persons") for t in upcoming)
    assert any(t.startswith("EU Anti-Trafficking Day") for t in upcoming)

    world_day = EventPage.objects.get(slug__startswith="world-day-against-trafficking")
    assert (world_day.start_date.month, world_day.start_date.day) == (7, 30)
    assert world_day.is_upcoming and world_day.start_time is None
    assert "68/192" in world_day.summary and world_day.link_url.startswith("https://www.un.org/")
    calendar = Calendar.from_ical(client.get("/feeds/events.ics").content)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == world_day.title]
    assert event.decoded("DTSTART") == world_day.start_date  # a date: all day, no time
    assert event.decoded("DTEND") == world_day.start_date + timedelta(days=1)
