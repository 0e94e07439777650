"""The tables of the bulk downloads: one per kind of item the API lists, with the same records
in the same order (pages in every language, each language in the API's order)."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop as N_
from django.utils.translation import override
from ninja import Schema
from wagtail.models import Locale, Page

from portal.api.records import countries, pages, topics
from portal.api.schemas import (
    CountryOut,
    EventOut,
    FigureOut,
    FlowOut,
    OrganizationOut,
    ResourceOut,
    SourceOut,
    TopicOut,
    UpdateOut,
)
from portal.library.models import ResourcePage
from portal.organizations.models import OrganizationPage
from portal.updates.models import EventPage, UpdatePage

# Fields every item has, written last in the CSV files (the schemas declare them first).
TRAILING_FIELDS = ["url", "api_url", "last_modified"]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    schema: type[Schema]
    rows: Callable[[str], Iterator[dict[str, Any]]]  # base URL -> records
    api_list: str  # the API's list endpoint (URL name)

    @property
    def fields(self) -> list[str]:
        names = list(self.schema.model_fields)
        return [n for n in names if n not in TRAILING_FIELDS] + TRAILING_FIELDS


def _records(items: Iterable, record: Callable[[Any, str], dict], base_url: str) -> Iterator:
    return (record(item, base_url) for item in items)


def _countries(base_url: str) -> Iterator[dict[str, Any]]:
    context = countries.CountryContext()
    for country in countries.countries():
        yield countries.country_record(country, base_url, context)


def _pages_in_every_language(model: type[Page], record: Callable) -> Callable[[str], Iterator]:
    def rows(base_url: str) -> Iterator[dict[str, Any]]:
        for locale in Locale.objects.order_by("language_code"):
            # Labels (type names) in the page's language, as the API gives them with `lang`.
            with override(locale.language_code):
                items = pages.published(model).filter(locale=locale)
                batch = list(_records(items, record, base_url))
            yield from batch

    return rows


def _topics(base_url: str) -> Iterator[dict[str, Any]]:
    for locale in Locale.objects.order_by("language_code"):
        with override(locale.language_code):
            items = topics.topics().filter(locale=locale)
            batch = list(_records(items, topics.topic_record, base_url))
        yield from batch


TABLES = [
    Table(
        "countries",
        N_("Countries with their roles, forms of exploitation and sectors."),
        CountryOut,
        _countries,
        "countries",
    ),
    Table(
        "figures",
        N_("Figures by country and year, each with its source."),
        FigureOut,
        lambda base: _records(countries.figures(), countries.figure_record, base),
        "figures",
    ),
    Table(
        "flows",
        N_("Trafficking flows from origin to destination, each with its source."),
        FlowOut,
        lambda base: _records(countries.flows(), countries.flow_record, base),
        "flows",
    ),
    Table(
        "sources",
        N_("The bibliography that figures, flows and profiles cite."),
        SourceOut,
        lambda base: _records(countries.sources(), countries.source_record, base),
        "sources",
    ),
    Table(
        "resources",
        N_("The library: laws, plans, agreements and reports (every language)."),
        ResourceOut,
        _pages_in_every_language(ResourcePage, pages.resource_record),
        "resources",
    ),
    Table(
        "organizations",
        N_("The directory of organisations (every language)."),
        OrganizationOut,
        _pages_in_every_language(OrganizationPage, pages.organization_record),
        "organizations",
    ),
    Table(
        "updates",
        N_("Updates (news) (every language)."),
        UpdateOut,
        _pages_in_every_language(UpdatePage, pages.update_record),
        "updates",
    ),
    Table(
        "events",
        N_("Events (every language)."),
        EventOut,
        _pages_in_every_language(EventPage, pages.event_record),
        "events",
    ),
    Table(
        "topics",
        N_("The topics everything is tagged with (every language)."),
        TopicOut,
        _topics,
        "topics",
    ),
]
