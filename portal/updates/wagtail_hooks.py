from django.utils.translation import gettext as _
from wagtail import hooks

from portal.core.hooks import COUNTRY_PANELS_HOOK, DIGEST_ITEMS_HOOK
from portal.taxonomy.panels import country_panel, digest_items

from .models import EventPage, UpdatePage, upcoming_condition


@hooks.register(COUNTRY_PANELS_HOOK)
def updates_about_country(country, request) -> str | None:
    return country_panel(
        country,
        request,
        model=UpdatePage,
        title=_("Recent updates about %(country)s") % {"country": country.name},
        view_all_label=_("All updates about %(country)s") % {"country": country.name},
    )


@hooks.register(COUNTRY_PANELS_HOOK)
def upcoming_events_in_country(country, request) -> str | None:
    return country_panel(
        country,
        request,
        model=EventPage,
        title=_("Upcoming events about %(country)s") % {"country": country.name},
        view_all_label=_("All events about %(country)s") % {"country": country.name},
        extra_filter=lambda events: events.filter(upcoming_condition()),
        order=lambda events: events.order_by("start_date", "title"),
    )


@hooks.register(DIGEST_ITEMS_HOOK)
def new_updates(since, until):
    return digest_items(UpdatePage, "update", since, until)


@hooks.register(DIGEST_ITEMS_HOOK)
def new_events(since, until):
    return digest_items(EventPage, "event", since, until)
