from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from portal.taxonomy.listing import in_language_of

from .ical import build_calendar
from .models import EventPage, upcoming_condition

CALENDAR_SIZE = 500


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    """One event as an .ics file, to add to a calendar."""
    event = EventPage.objects.live().public().filter(pk=page_id).first()
    if event is None:
        raise Http404
    content = build_calendar([event], name=event.title, request=request)
    return _calendar_response(content, f"event-{event.pk}.ics")


@require_GET
@cache_control(max_age=3600, public=True)
def upcoming_events_ics(request: HttpRequest) -> HttpResponse:
    """All upcoming events, a calendar readers can subscribe to."""
    events = (
        in_language_of(EventPage.objects.live().public(), Locale.get_active())
        .filter(upcoming_condition())
        .prefetch_related("countries", "topics")
        .order_by("start_date", "title")[:CALENDAR_SIZE]
    )
    content = build_calendar(list(events), name=_("Upcoming events"), request=request)
    return _calendar_response(content, "upcoming-events.ics")
