"""Published pages: resources, organisations, updates, events; topics; search results."""

import datetime as dt

from django.utils.translation import gettext_noop as N_
from ninja import Field, Schema

from .common import ItemOut


class PageOut(ItemOut):
    id: str = Field(
        description=N_("The page's stable identifier (a UUID shared by its translations).")
    )
    slug: str = Field(description=N_("The last part of the page's address."))
    language: str = Field(description=N_("The page's language (en, lo, th)."))
    title: str = Field(description=N_("Title."))
    summary: str = Field(description=N_("Two or three sentences about the item."))
    countries: list[str] = Field(description=N_("Countries it is about (ISO alpha-2)."))
    topics: list[str] = Field(description=N_("Topics it is about (slugs)."))
    first_published_at: dt.datetime | None = Field(description=N_("When it was first published."))


class ResourceOut(PageOut):
    resource_type: str = Field(description=N_("Type: report, law, action-plan, ..."))
    resource_type_label: str = Field(description=N_("The type's name."))
    publisher: str = Field(description=N_("Publisher or author."))
    year: int | None = Field(description=N_("Year of publication."))
    link_url: str = Field(description=N_("Where the resource is published."))
    document_url: str | None = Field(description=N_("The portal's copy of the document."))
    citation: str = Field(description=N_("How to cite it."))
    source_id: str | None = Field(
        description=N_("Its bibliography record (a source's UUID; see /sources).")
    )
    languages: list[str] = Field(description=N_("Languages it is written in (ISO 639)."))


class OrganizationOut(PageOut):
    acronym: str = Field(description=N_("Acronym."))
    organization_type: str = Field(description=N_("Type: ngo, government, un, ..."))
    organization_type_label: str = Field(description=N_("The type's name."))
    services: list[str] = Field(description=N_("Services offered (codes)."))
    languages: list[str] = Field(description=N_("Languages of contact (ISO 639)."))
    areas_served: str = Field(description=N_("Provinces or areas served."))
    website: str = Field(description=N_("Website."))
    phone: str = Field(description=N_("Public phone number."))
    hotline_number: str = Field(description=N_("Hotline for people in danger."))
    email: str = Field(description=N_("Public email address."))
    address: str = Field(description=N_("Public address."))
    last_verified: dt.date | None = Field(description=N_("When the details were last checked."))


class UpdateOut(PageOut):
    date: dt.date = Field(description=N_("When it happened."))
    source_publication: str = Field(description=N_("The publication that first reported it."))
    source_url: str = Field(description=N_("The original report's address."))


class EventOut(PageOut):
    start_date: dt.date = Field(
        description=N_("First day (first of the month or year when only that is known).")
    )
    date_precision: str = Field(description=N_("How exact the date is: day, month or year."))
    end_date: dt.date | None = Field(description=N_("Last day, for events over several days."))
    start_time: dt.time | None = Field(description=N_("Start time, in time_zone."))
    end_time: dt.time | None = Field(description=N_("End time, in time_zone."))
    time_zone: str = Field(description=N_("Time zone of the times (e.g. Asia/Vientiane)."))
    place: str = Field(description=N_("Venue and city."))
    online: bool = Field(description=N_("Whether it takes place online."))
    organizer: str = Field(description=N_("Organiser."))
    link_url: str = Field(description=N_("The event's website."))
    information_source_id: str | None = Field(
        description=N_("The source that reports the event (a source's UUID).")
    )


class TopicOut(ItemOut):
    id: str = Field(description=N_("The topic's slug: its stable identifier."))
    slug: str = Field(description=N_("The topic's slug."))
    language: str = Field(description=N_("Language of the name and description."))
    name: str = Field(description=N_("Name."))
    kind: str = Field(description=N_("Kind: form, sector, group or theme."))
    kind_label: str = Field(description=N_("The kind's name."))
    description: str = Field(description=N_("What the topic covers."))


class SearchResultOut(Schema):
    id: str = Field(description=N_("The page's stable identifier."))
    type: str = Field(description=N_("Kind of page (resource, update, country-profile, ...)."))
    title: str = Field(description=N_("Title."))
    language: str = Field(description=N_("The page's language."))
    date: dt.date | None = Field(description=N_("The page's date."))
    countries: list[str] = Field(description=N_("Countries it is about (ISO alpha-2)."))
    snippet: str = Field(description=N_("Where the words were found (plain text)."))
    url: str = Field(description=N_("The page on the portal."))
    api_url: str | None = Field(description=N_("The item in this API, when it has one."))
