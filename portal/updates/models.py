"""Updates (news) and events. Updates feed RSS and Atom; events export to calendars."""

from __future__ import annotations

import calendar
import zoneinfo
from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from portal.core.dates import DatePrecision, iso_partial_date
from portal.countries.models import Country
from portal.taxonomy.feed_links import update_feed_links
from portal.taxonomy.listing import (
    CountryFilter,
    CustomFilter,
    Listing,
    SortOption,
    TopicFilter,
    YearFilter,
)
from portal.taxonomy.models import RELATED_CONTENT_PANELS, Topic
from portal.taxonomy.pages import ClassifiedPage, SectionIndexPage


def feeds_for(country_slug: str = "", topic_slug: str = "") -> list[dict]:
    """The all-updates feeds, and the country's or topic's feeds when a listing is narrowed."""
    feeds = update_feed_links(str(_("All updates")))
    country = Country.objects.filter(iso2=country_slug.upper()).first() if country_slug else None
    if country:
        title = _("Updates about %(country)s") % {"country": country.name}
        feeds = update_feed_links(str(title), "country", country.slug) + feeds
    topic = Topic.objects.filter(slug=topic_slug).first() if topic_slug else None
    if topic:
        title = _("Updates on %(topic)s") % {"topic": topic.name}
        feeds = update_feed_links(str(title), "topic", topic.slug) + feeds
    return feeds


class UpdatePage(ClassifiedPage):
    date = models.DateField(_("date"), default=date.today, help_text=_("When this happened."))
    source_publication = models.CharField(
        _("original source"),
        max_length=300,
        blank=True,
        help_text=_("The publication that first reported it, e.g. “Vientiane Times”."),
    )
    source_url = models.URLField(_("original source address"), max_length=1000, blank=True)

    date_ordering = ("-date", "-first_published_at")
    group_order = 30

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source_publication"), FieldPanel("source_url")],
            heading=_("Original source"),
        ),
        *ClassifiedPage.classification_panels,
        *RELATED_CONTENT_PANELS,
    ]
    parent_page_types = ["updates.UpdateIndexPage"]

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    @property
    def display_date(self) -> date | None:
        return self.date

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feeds_for()
        return context

    @property
    def card_details(self) -> list[str]:
        return [self.source_publication] if self.source_publication else []

    @property
    def published_datetime(self) -> datetime:
        """A moment for feeds: the first publication if it fell on the update's date, else
        midnight UTC of that date."""
        published = self.first_published_at
        if published is not None and published.date() == self.date:
            return published
        return datetime.combine(self.date, time.min, tzinfo=UTC)

    def extra_search_text(self) -> list[str]:
        return [self.source_publication]

    def get_structured_data(self, request) -> dict | None:
        data = {
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.published_datetime.isoformat(),
            "inLanguage": self.locale.language_code,
            "url": self.get_full_url(request),
            "about": [{"@type": "Country", "name": c.name} for c in self.countries.all()],
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.source_url or self.source_publication:
            data["isBasedOn"] = {
                "@type": "CreativeWork",
                **({"url": self.source_url} if self.source_url else {}),
                **({"publisher": self.source_publication} if self.source_publication else {}),
            }
        return data


class UpdateIndexPage(SectionIndexPage):
    item_model = UpdatePage
    listing = Listing(
        filters=[CountryFilter(), TopicFilter(), YearFilter("date")],
        sort_options=[
            SortOption("date", _("Newest first"), UpdatePage.date_ordering),
            SortOption("title", _("Title (A to Z)"), ("title",)),
        ],
    )
    subpage_types = ["updates.UpdatePage"]

    class Meta:
        verbose_name = _("updates section")

    def get_context(self, request, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        applied = context["listing"].applied
        context["feeds"] = feeds_for(applied.get("country", ""), applied.get("topic", ""))
        return context


class EventPage(ClassifiedPage):
    start_date = models.DateField(_("start date"))
    date_precision = models.CharField(
        _("how exact is the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "When only the month or the year is known, say so: readers then see “August "
            "2006” rather than an invented day."
        ),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("For events over several days.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Of the times above, e.g. Asia/Vientiane. Needed when times are given."),
    )
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Venue and city, if known.")
    )
    online = models.BooleanField(_("online"), default=False)
    organizer = models.CharField(_("organiser"), max_length=300, blank=True)
    link_url = models.URLField(_("event website"), max_length=1000, blank=True)
    information_source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source of this information"),
        help_text=_("For past events known from a report: the report that mentions it."),
    )

    date_ordering = ("-start_date", "title")
    group_order = 40

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("date_precision")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("end_time"), FieldPanel("time_zone")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("online"),
                FieldPanel("organizer"),
                FieldPanel("link_url"),
                FieldPanel("information_source"),
            ],
            heading=_("Where and who"),
        ),
        *ClassifiedPage.classification_panels,
        FieldPanel("body"),
        *RELATED_CONTENT_PANELS,
    ]
    parent_page_types = ["updates.EventIndexPage"]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start_date and self.date_precision == DatePrecision.MONTH:
            self.start_date = self.start_date.replace(day=1)
        elif self.start_date and self.date_precision == DatePrecision.YEAR:
            self.start_date = self.start_date.replace(month=1, day=1)
        partial = self.date_precision != DatePrecision.DAY
        if partial and (self.start_time or self.end_time or self.end_date):
            errors["date_precision"] = _(
                "An event whose exact day is unknown cannot have times or an end date."
            )
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.end_time and not self.start_time:
            errors["end_time"] = _("Give a start time too, or no times at all.")
        if self.time_zone and self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = _("Unknown time zone: use a name such as Asia/Vientiane.")
        elif (self.start_time or self.end_time) and not self.time_zone:
            errors["time_zone"] = _("Say in which time zone the times are.")
        if (
            self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The end time is not after the start time.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_date(self) -> date | None:
        return self.start_date

    @property
    def display_date_precision(self) -> str:
        return self.date_precision

    @property
    def last_day(self) -> date:
        """The last day the event may take place (the end of the month or year when only that
        is known)."""
        if self.date_precision == DatePrecision.YEAR:
            return date(self.start_date.year, 12, 31)
        if self.date_precision == DatePrecision.MONTH:
            days = calendar.monthrange(self.start_date.year, self.start_date.month)[1]
            return self.start_date.replace(day=days)
        return self.end_date or self.start_date

    @property
    def is_upcoming(self) -> bool:
        return self.last_day >= timezone.localdate()

    @property
    def starts_at(self) -> datetime | None:
        if self.start_time and self.time_zone:
            return datetime.combine(
                self.start_date, self.start_time, tzinfo=zoneinfo.ZoneInfo(self.time_zone)
            )
        return None

    @property
    def ends_at(self) -> datetime | None:
        if self.end_time and self.time_zone:
            return datetime.combine(
                self.end_date or self.start_date,
                self.end_time,
                tzinfo=zoneinfo.ZoneInfo(self.time_zone),
            )
        return None

    @property
    def card_details(self) -> list[str]:
        where = _("Online") if self.online and not self.place else self.place
        return [str(d) for d in (where, self.organizer) if d]

    def extra_search_text(self) -> list[str]:
        return [self.place, self.organizer]

    def get_structured_data(self, request) -> dict | None:
        start = self.starts_at.isoformat() if self.starts_at else None
        end = self.ends_at.isoformat() if self.ends_at else None
        data = {
            "@type": "Event",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "startDate": start or iso_partial_date(self.start_date, self.date_precision),
            "eventStatus": "https://schema.org/EventScheduled",
        }
        if end or self.end_date:
            data["endDate"] = end or self.end_date.isoformat()
        locations = []
        if self.place or self.countries.exists():
            country = self.countries.first()
            locations.append(
                {
                    "@type": "Place",
                    "name": self.place or (country.name if country else ""),
                    **(
                        {"address": {"@type": "PostalAddress", "addressCountry": country.iso2}}
                        if country
                        else {}
                    ),
                }
            )
        if self.online:
            locations.append({"@type": "VirtualLocation", "url": self.link_url or data["url"]})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if self.online and self.place
            else "https://schema.org/OnlineEventAttendanceMode"
            if self.online
            else "https://schema.org/OfflineEventAttendanceMode"
        )
        if self.organizer:
            data["organizer"] = {"@type": "Organization", "name": self.organizer}
        return data


def upcoming_condition(today: date | None = None) -> Q:
    """Events whose last possible day is today or later (see EventPage.last_day)."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    year_start = today.replace(month=1, day=1)
    return (
        Q(date_precision=DatePrecision.DAY)
        & (Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        | Q(date_precision=DatePrecision.MONTH, start_date__gte=month_start)
        | Q(date_precision=DatePrecision.YEAR, start_date__gte=year_start)
    )


def _when(items: QuerySet, value: str) -> QuerySet:
    if value == "past":
        return items.exclude(upcoming_condition())
    if value == "upcoming":
        return items.filter(upcoming_condition())
    return items


class EventIndexPage(SectionIndexPage):
    item_model = EventPage
    listing = Listing(
        filters=[
            CustomFilter(
                "when",
                _("Show"),
                [("upcoming", _("Upcoming events")), ("past", _("Past events")), ("all", _("All"))],
                _when,
                default="upcoming",
            ),
            CountryFilter(),
            TopicFilter(),
        ],
        sort_options=[
            SortOption("date", _("By date"), ("start_date", "title")),
            SortOption("title", _("Title (A to Z)"), ("title",)),
        ],
    )
    subpage_types = ["updates.EventPage"]

    class Meta:
        verbose_name = _("events section")

    def run_listing(self, request):
        result = super().run_listing(request)
        if result.applied.get("when") == "past" and result.sort == "date":
            result.items = result.items.order_by("-start_date", "title")  # most recent first
        return result
