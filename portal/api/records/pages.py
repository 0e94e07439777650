"""Published pages: resources, organisations, updates and events. Only live pages without a
view restriction, in one language, or (for the bulk files) in every language."""

from typing import Any

from django.db.models import QuerySet
from wagtail.models import Locale, Page

from portal.library.models import ResourcePage
from portal.organizations.models import OrganizationPage
from portal.taxonomy.listing import in_language_of
from portal.updates.models import EventPage, UpdatePage

from .base import absolute, page_record

# Stable orders for pages of results: a meaningful order, then the translation key.
ORDERINGS: dict[type[Page], tuple[str, ...]] = {
    ResourcePage: ("title", "translation_key"),
    OrganizationPage: ("title", "translation_key"),
    UpdatePage: ("-date", "translation_key"),
    EventPage: ("-start_date", "translation_key"),
}


def published(model: type[Page], locale: Locale | None = None) -> QuerySet:
    """Live, public pages of a type: in a language as the site lists them (its translations,
    and English pages not translated yet), or in every language when `locale` is None."""
    items = model.objects.live().public()
    if locale is not None:
        items = in_language_of(items, locale)
    items = items.select_related("locale").prefetch_related("countries", "topics")
    if model is ResourcePage:
        items = items.select_related("document", "source").prefetch_related("languages")
    elif model is OrganizationPage:
        items = items.prefetch_related("services", "languages")
    elif model is EventPage:
        items = items.select_related("information_source")
    return items.order_by(*ORDERINGS[model], "pk")


def resource_record(page: ResourcePage, base_url: str) -> dict[str, Any]:
    record = page_record(page, base_url, "resource")
    source = page.source
    record.update(
        {
            "resource_type": page.resource_type,
            "resource_type_label": str(page.get_resource_type_display()),
            "publisher": page.publisher,
            "year": page.year,
            "link_url": page.link_url,
            "document_url": absolute(base_url, page.document.url) if page.document else None,
            "citation": page.citation_line,
            "source_id": str(source.uuid) if source else None,
            "languages": sorted(language.code for language in page.languages.all()),
        }
    )
    return record


def organization_record(page: OrganizationPage, base_url: str) -> dict[str, Any]:
    record = page_record(page, base_url, "organization")
    record.update(
        {
            "acronym": page.acronym,
            "organization_type": page.organization_type,
            "organization_type_label": str(page.get_organization_type_display()),
            "services": sorted(service.code for service in page.services.all()),
            "languages": sorted(language.code for language in page.languages.all()),
            "areas_served": page.areas_served,
            # The organisation's public contact details, as it publishes them.
            "website": page.website,
            "phone": page.phone,
            "hotline_number": page.hotline_number,
            "email": page.email,
            "address": page.address,
            "last_verified": page.last_verified.isoformat() if page.last_verified else None,
        }
    )
    return record


def update_record(page: UpdatePage, base_url: str) -> dict[str, Any]:
    record = page_record(page, base_url, "update")
    record.update(
        {
            "date": page.date.isoformat(),
            "source_publication": page.source_publication,
            "source_url": page.source_url,
        }
    )
    return record


def event_record(page: EventPage, base_url: str) -> dict[str, Any]:
    record = page_record(page, base_url, "event")
    source = page.information_source
    record.update(
        {
            "start_date": page.start_date.isoformat(),
            "date_precision": page.date_precision,
            "end_date": page.end_date.isoformat() if page.end_date else None,
            "start_time": page.start_time.isoformat() if page.start_time else None,
            "end_time": page.end_time.isoformat() if page.end_time else None,
            "time_zone": page.time_zone,
            "place": page.place,
            "online": page.online,
            "organizer": page.organizer,
            "link_url": page.link_url,
            "information_source_id": str(source.uuid) if source else None,
        }
    )
    return record
