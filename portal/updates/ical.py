"""Events as iCalendar (RFC 5545): one event, or all upcoming events as a subscribable feed."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from portal.core.dates import DatePrecision, format_partial_date

from .models import EventPage


def event_uid(event: EventPage, request: HttpRequest) -> str:
    host = request.get_host().split(":")[0]
    return f"{event.translation_key}-{event.locale.language_code}@{host}"


def event_component(event: EventPage, request: HttpRequest) -> CalendarEvent:
    component = CalendarEvent()
    url = event.get_full_url(request)
    component.add("uid", event_uid(event, request))
    component.add("dtstamp", event.last_published_at or timezone.now())
    if event.first_published_at:
        component.add("created", event.first_published_at)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    component.add("summary", event.title)
    notes = [event.summary]
    if event.date_precision != DatePrecision.DAY:
        notes.append(
            _("The exact date is not known: %(when)s.")
            % {"when": format_partial_date(event.start_date, event.date_precision)}
        )
    if event.organizer:
        notes.append(_("Organiser: %(organizer)s") % {"organizer": event.organizer})
    notes.append(url)
    component.add("description", "\n\n".join(notes))
    component.add("url", url)
    if event.starts_at:
        component.add("dtstart", event.starts_at)
        if event.ends_at:
            component.add("dtend", event.ends_at)
    else:
        # All-day: DTEND is exclusive, the day after the last day.
        component.add("dtstart", event.start_date)
        component.add("dtend", event.last_day + timedelta(days=1))
    where = [event.place] if event.place else []
    if event.online:
        where.append(_("Online"))
    where.extend(country.name for country in event.countries.all())
    if where:
        component.add("location", ", ".join(where))
    topics = [topic.name for topic in event.topics.all()]
    if topics:
        component.add("categories", topics)
    component.add("status", "CONFIRMED")
    return component


def build_calendar(events: list[EventPage], *, name: str, request: HttpRequest) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()
