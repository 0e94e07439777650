"""Countries (with roles, forms and sectors), figures by year, flows and the sources they cite."""

from typing import Literal
from uuid import UUID

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field

from portal.countries.models import Country, Flow, Indicator, Role

from ..endpoints import api_router, detail_operation, list_operation, path_parameter
from ..params import ISO2_PATTERN, SLUG_PATTERN, ChangedQuery, ListQuery, RegionSlug
from ..records import countries as records
from ..schemas import CountryOut, FigureOut, FlowOut, SourceOut

router = api_router(__name__, tags=["Countries and data"])

IndicatorSlug = Literal[tuple(Indicator.values)]  # type: ignore[valid-type]
RoleSlug = Literal[tuple(Role.values)]  # type: ignore[valid-type]


class CountryQuery(ListQuery):
    region: RegionSlug | None = Field(None, description=N_("In this region (slug)."))
    role: RoleSlug | None = Field(None, description=N_("With this role in trafficking."))
    form: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("With this form of exploitation (topic slug).")
    )
    sector: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("With this sector (topic slug).")
    )


class FigureQuery(ChangedQuery):
    indicator: IndicatorSlug | None = Field(None, description=N_("What is counted."))
    year: int | None = Field(None, ge=1900, le=2100, description=N_("Year covered."))
    source: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("Cited source (its slug).")
    )


class FiguresQuery(FigureQuery):
    country: str | None = Field(
        None, pattern=ISO2_PATTERN, description=N_("Of this country (ISO alpha-2).")
    )
    region: RegionSlug | None = Field(None, description=N_("Of a country of this region."))


class FlowQuery(ChangedQuery):
    country: str | None = Field(
        None,
        pattern=ISO2_PATTERN,
        description=N_("Out of, into or through this country (ISO alpha-2)."),
    )
    region: RegionSlug | None = Field(
        None, description=N_("Out of, into or through a country of this region.")
    )
    form: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("Form of exploitation (topic slug).")
    )
    sector: str | None = Field(None, pattern=SLUG_PATTERN, description=N_("Sector (topic slug)."))
    source: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("Cited source (its slug).")
    )


class SourceQuery(ChangedQuery):
    year: int | None = Field(None, ge=0, le=9999, description=N_("Year of publication."))


def _country_or_none(iso2: str) -> Country | None:
    return Country.objects.filter(iso2=iso2.upper()).first()


def _country(iso2: str) -> Country:
    country = _country_or_none(iso2)
    if country is None:
        raise Http404(_no_country(iso2))
    return country


def _no_country(iso2: str) -> str:
    return _("No country has the code %(code)s.") % {"code": iso2}


def _filter_figures(items, query: FigureQuery):
    if query.indicator:
        items = items.filter(indicator=query.indicator)
    if query.year is not None:
        items = items.filter(year=query.year)
    if query.source:
        items = items.filter(source__slug=query.source)
    if since := query.since():
        items = items.filter(updated_at__gte=since)
    return items


def _countries(query: CountryQuery):
    items = records.countries()
    if query.region:
        items = items.in_region(query.region)
    if query.role:
        items = items.with_role(query.role)
    if query.form:
        items = items.filter(forms__slug=query.form).distinct()
    if query.sector:
        items = items.filter(sectors__slug=query.sector).distinct()
    return items


def _figures(query: FiguresQuery):
    items = _filter_figures(records.figures(), query)
    if query.country:
        items = items.filter(country__iso2=query.country.upper())
    if query.region:
        items = items.filter(country__region=query.region)
    return items


def _flows(query: FlowQuery):
    items = records.flows()
    if query.country:
        items = items.filter(pk__in=Flow.objects.touching(_country(query.country)).values("pk"))
    if query.region:
        items = items.filter(
            pk__in=records.touching_region(Flow.objects.all(), query.region).values("pk")
        )
    if query.form:
        items = items.filter(pk__in=Flow.objects.filter(forms__slug=query.form).values("pk"))
    if query.sector:
        items = items.filter(pk__in=Flow.objects.filter(sectors__slug=query.sector).values("pk"))
    if query.source:
        items = items.filter(source__slug=query.source)
    if since := query.since():
        items = items.filter(updated_at__gte=since)
    return items


def _sources(query: SourceQuery):
    items = records.sources()
    if query.year is not None:
        items = items.filter(year=query.year)
    if since := query.since():
        items = items.filter(updated_at__gte=since)
    return items


def _source(item_id: str):
    try:
        return records.sources().filter(uuid=UUID(item_id)).first()
    except ValueError:
        return records.sources().filter(slug=item_id).first()


def _country_record():
    """The records of one page of countries share what they look up (CountryContext)."""
    context = records.CountryContext()
    return lambda c, base: records.country_record(c, base, context)


ISO2 = path_parameter("iso2", pattern=ISO2_PATTERN)

list_operation(
    router,
    "/countries",
    name="countries",
    function_name="list_countries",
    schema=CountryOut,
    query=CountryQuery,
    items=_countries,
    new_record=_country_record,
    summary=N_("Countries"),
    description=N_("Every country, by ISO code, with its roles, forms and sectors."),
)
detail_operation(
    router,
    "/countries/{iso2}",
    name="country",
    function_name="get_country",
    schema=CountryOut,
    parameters=[ISO2],
    find=_country_or_none,
    record=records.country_record,
    not_found=_no_country,
    summary=N_("A country"),
)
list_operation(
    router,
    "/countries/{iso2}/figures",
    name="country_figures",
    function_name="list_country_figures",
    schema=FigureOut,
    query=FigureQuery,
    items=lambda query, iso2: _filter_figures(
        records.figures().filter(country=_country(iso2)), query
    ),
    record=records.figure_record,
    summary=N_("A country's figures by year"),
    path_parameters=[ISO2],
)
list_operation(
    router,
    "/figures",
    name="figures",
    function_name="list_figures",
    schema=FigureOut,
    query=FiguresQuery,
    items=_figures,
    record=records.figure_record,
    summary=N_("Figures"),
    description=N_("Figures by country and year, each with its source."),
)
detail_operation(
    router,
    "/figures/{item_id}",
    name="figure",
    function_name="get_figure",
    schema=FigureOut,
    parameters=[path_parameter("item_id", UUID)],
    find=lambda item_id: records.figures().filter(uuid=item_id).first(),
    record=records.figure_record,
    not_found=lambda item_id: _("No figure has this id."),
    summary=N_("A figure"),
)
list_operation(
    router,
    "/flows",
    name="flows",
    function_name="list_flows",
    schema=FlowOut,
    query=FlowQuery,
    items=_flows,
    record=records.flow_record,
    summary=N_("Trafficking flows"),
    description=N_("Routes from origin to destination, each with its source."),
)
detail_operation(
    router,
    "/flows/{item_id}",
    name="flow",
    function_name="get_flow",
    schema=FlowOut,
    parameters=[path_parameter("item_id", UUID)],
    find=lambda item_id: records.flows().filter(uuid=item_id).first(),
    record=records.flow_record,
    not_found=lambda item_id: _("No flow has this id."),
    summary=N_("A flow"),
)
list_operation(
    router,
    "/sources",
    name="sources",
    function_name="list_sources",
    schema=SourceOut,
    query=SourceQuery,
    items=_sources,
    record=records.source_record,
    summary=N_("Sources"),
    description=N_("The bibliography every figure, flow and profile cites."),
)
detail_operation(
    router,
    "/sources/{item_id}",
    name="source",
    function_name="get_source",
    schema=SourceOut,
    parameters=[path_parameter("item_id", pattern=SLUG_PATTERN)],
    find=_source,
    record=records.source_record,
    not_found=lambda item_id: _("No source has this id."),
    summary=N_("A source"),
    description=N_("By UUID or by slug."),
)
