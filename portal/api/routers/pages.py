"""Resources, organisations, updates and events: the site's listings, with the same filters
(each filter here is the site listing's own, see portal.taxonomy.listing)."""

from collections.abc import Callable
from typing import Any, Literal
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, Query, Router
from wagtail.models import Locale, Page

from portal.library.models import ResourceIndexPage, ResourcePage, ResourceType
from portal.organizations.models import (
    OrganizationIndexPage,
    OrganizationPage,
    OrganizationType,
    ServiceKind,
)
from portal.taxonomy.listing import CountryFilter, Listing, TopicFilter
from portal.taxonomy.pages import SectionIndexPage
from portal.updates.models import EventIndexPage, EventPage, UpdateIndexPage, UpdatePage

from ..pagination import base_url, paginate
from ..params import CODE_PATTERN, LanguageQuery, PageQuery
from ..records import pages as records
from ..schemas import ERRORS, EventOut, OrganizationOut, ResourceOut, UpdateOut, paged

router = Router(tags=["Published pages"])

ResourceTypeSlug = Literal[tuple(ResourceType.values)]  # type: ignore[valid-type]
OrganizationTypeSlug = Literal[tuple(OrganizationType.values)]  # type: ignore[valid-type]
ServiceCode = Literal[tuple(ServiceKind.values)]  # type: ignore[valid-type]


class ResourceQuery(PageQuery):
    type: ResourceTypeSlug | None = Field(None, description=N_("Type of resource."))
    year: int | None = Field(None, ge=0, le=9999, description=N_("Year of publication."))
    language: str | None = Field(
        None, pattern=CODE_PATTERN, description=N_("Written in this language (ISO 639 code).")
    )


class OrganizationQuery(PageQuery):
    type: OrganizationTypeSlug | None = Field(None, description=N_("Type of organisation."))
    service: ServiceCode | None = Field(None, description=N_("Offers this service."))
    language: str | None = Field(
        None, pattern=CODE_PATTERN, description=N_("Can be contacted in this language.")
    )


class UpdateQuery(PageQuery):
    year: int | None = Field(None, ge=1, le=9999, description=N_("Year of the update's date."))


class EventQuery(PageQuery):
    when: Literal["upcoming", "past", "all"] = Field(
        "all", description=N_("Upcoming events, past events or all.")
    )
    year: int | None = Field(None, ge=1, le=9999, description=N_("Year the event starts."))


def _locale(language: str) -> Locale:
    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


def _listing_filters(index_model: type[SectionIndexPage]) -> dict[str, Any]:
    """The section listing's filters by name; country and topic for every type (the site
    filters every type by them on the country and topic pages, with the same conditions)."""
    listing: Listing = index_model.listing
    return {"country": CountryFilter(), "topic": TopicFilter()} | {
        f.name: f for f in listing.filters
    }


def filtered(
    model: type[Page], index_model: type[SectionIndexPage], query: PageQuery, **values: Any
) -> QuerySet:
    """Published pages of a type in the query's language, narrowed by the site listing's own
    filters (`values` names them) and by region and time of last change."""
    items = records.published(model, _locale(query.lang))
    site_filters = _listing_filters(index_model)
    distinct = False
    for name, value in {"country": query.country, "topic": query.topic, **values}.items():
        if value is None or value == "":
            continue
        listing_filter = site_filters[name]
        items = listing_filter.apply(items, str(value))
        distinct = distinct or listing_filter.uses_relations
    if query.region:
        items = items.filter(countries__region=query.region)
        distinct = True
    if since := query.since():
        items = items.filter(last_published_at__gte=since)
    return items.distinct() if distinct else items


def detail(model: type[Page], item_id: UUID, language: str) -> Page:
    """A published page by its translation key, in the language asked for, else in English."""
    pages = records.published(model).filter(translation_key=item_id)
    page = pages.filter(locale__language_code=language).first()
    if page is None:
        page = pages.filter(locale=Locale.get_default()).first()
    if page is None:
        raise Http404(_("No published item has this id."))
    return page


def _add_detail(
    path: str, name: str, summary: str, model: type[Page], schema: type, record: Callable
) -> None:
    """One item by its id: the same operation for every type, registered after its list so
    that the OpenAPI document and the reference page keep list and item together."""

    def operation(request: HttpRequest, item_id: UUID, query: Query[LanguageQuery]):
        return record(detail(model, item_id, query.lang), base_url(request))

    # The function's name makes the operation id (portal_api_routers_pages_get_<name>), which
    # is also the item's anchor on the reference page.
    operation.__name__ = operation.__qualname__ = f"get_{name}"
    router.get(
        f"{path}/{{item_id}}", response={200: schema, **ERRORS}, url_name=name, summary=summary
    )(operation)


@router.get(
    "/resources",
    response={200: paged(ResourceOut), **ERRORS},
    url_name="resources",
    summary=N_("Resources"),
    description=N_("The library: laws, plans, agreements, reports and other documents."),
)
def list_resources(request: HttpRequest, query: Query[ResourceQuery]):
    items = filtered(
        ResourcePage,
        ResourceIndexPage,
        query,
        type=query.type,
        year=query.year,
        language=query.language,
    )
    return paginate(request, items, query, records.resource_record)


_add_detail(
    "/resources", "resource", N_("A resource"), ResourcePage, ResourceOut, records.resource_record
)


@router.get(
    "/organizations",
    response={200: paged(OrganizationOut), **ERRORS},
    url_name="organizations",
    summary=N_("Organisations"),
    description=N_("The directory: who works where, doing what, and their public contact."),
)
def list_organizations(request: HttpRequest, query: Query[OrganizationQuery]):
    items = filtered(
        OrganizationPage,
        OrganizationIndexPage,
        query,
        type=query.type,
        service=query.service,
        language=query.language,
    )
    return paginate(request, items, query, records.organization_record)


_add_detail(
    "/organizations",
    "organization",
    N_("An organisation"),
    OrganizationPage,
    OrganizationOut,
    records.organization_record,
)


@router.get(
    "/updates",
    response={200: paged(UpdateOut), **ERRORS},
    url_name="updates",
    summary=N_("Updates"),
    description=N_("News, newest first."),
)
def list_updates(request: HttpRequest, query: Query[UpdateQuery]):
    items = filtered(UpdatePage, UpdateIndexPage, query, year=query.year)
    return paginate(request, items, query, records.update_record)


_add_detail("/updates", "update", N_("An update"), UpdatePage, UpdateOut, records.update_record)


@router.get(
    "/events",
    response={200: paged(EventOut), **ERRORS},
    url_name="events",
    summary=N_("Events"),
    description=N_("Conferences, trainings and campaigns, latest first."),
)
def list_events(request: HttpRequest, query: Query[EventQuery]):
    items = filtered(EventPage, EventIndexPage, query, when=query.when)
    if query.year is not None:
        items = items.filter(start_date__year=query.year)
    return paginate(request, items, query, records.event_record)


_add_detail("/events", "event", N_("An event"), EventPage, EventOut, records.event_record)
