"""Resources, organisations, updates and events: the site's listings, with the same filters
(each filter here is the site listing's own, see portal.taxonomy.listing)."""

from collections.abc import Callable
from typing import Any, Literal
from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field
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

from ..endpoints import (
    api_router,
    detail_operation,
    list_operation,
    path_parameter,
    query_parameter,
)
from ..params import CODE_PATTERN, LanguageQuery, PageQuery
from ..records import pages as records
from ..schemas import EventOut, OrganizationOut, ResourceOut, UpdateOut

router = api_router(__name__, tags=["Published pages"])

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


def detail(model: type[Page], item_id: UUID, language: str) -> Page | None:
    """A published page by its translation key, in the language asked for, else in English."""
    pages = records.published(model).filter(translation_key=item_id)
    page = pages.filter(locale__language_code=language).first()
    if page is None:
        page = pages.filter(locale=Locale.get_default()).first()
    return page


def _add(
    path: str,
    names: tuple[str, str],
    summaries: tuple[str, str],
    description: str,
    model: type[Page],
    schema: type,
    query: type[PageQuery],
    items: Callable[[Any], QuerySet],
    record: Callable[[Any, str], dict[str, Any]],
) -> None:
    """A type's list and, after it, one item by its id: the OpenAPI document and the
    reference page keep list and item together."""
    list_name, item_name = names
    list_operation(
        router,
        path,
        name=list_name,
        function_name=f"list_{list_name}",
        schema=schema,
        query=query,
        items=items,
        record=record,
        summary=summaries[0],
        description=description,
    )
    # The function's name makes the operation id (portal_api_routers_pages_get_<name>), which
    # is also the item's anchor on the reference page.
    detail_operation(
        router,
        f"{path}/{{item_id}}",
        name=item_name,
        function_name=f"get_{item_name}",
        schema=schema,
        parameters=[path_parameter("item_id", UUID), query_parameter(LanguageQuery)],
        find=lambda item_id, query: detail(model, item_id, query.lang),
        record=record,
        not_found=lambda item_id, query: _("No published item has this id."),
        summary=summaries[1],
    )


def _events(query: EventQuery) -> QuerySet:
    items = filtered(EventPage, EventIndexPage, query, when=query.when)
    if query.year is not None:
        items = items.filter(start_date__year=query.year)
    return items


_add(
    "/resources",
    ("resources", "resource"),
    (N_("Resources"), N_("A resource")),
    N_("The library: laws, plans, agreements, reports and other documents."),
    ResourcePage,
    ResourceOut,
    ResourceQuery,
    lambda q: filtered(
        ResourcePage, ResourceIndexPage, q, type=q.type, year=q.year, language=q.language
    ),
    records.resource_record,
)
_add(
    "/organizations",
    ("organizations", "organization"),
    (N_("Organisations"), N_("An organisation")),
    N_("The directory: who works where, doing what, and their public contact."),
    OrganizationPage,
    OrganizationOut,
    OrganizationQuery,
    lambda q: filtered(
        OrganizationPage,
        OrganizationIndexPage,
        q,
        type=q.type,
        service=q.service,
        language=q.language,
    ),
    records.organization_record,
)
_add(
    "/updates",
    ("updates", "update"),
    (N_("Updates"), N_("An update")),
    N_("News, newest first."),
    UpdatePage,
    UpdateOut,
    UpdateQuery,
    lambda q: filtered(UpdatePage, UpdateIndexPage, q, year=q.year),
    records.update_record,
)
_add(
    "/events",
    ("events", "event"),
    (N_("Events"), N_("An event")),
    N_("Conferences, trainings and campaigns, latest first."),
    EventPage,
    EventOut,
    EventQuery,
    _events,
    records.event_record,
)
