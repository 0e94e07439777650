"""Countries (with roles, forms and sectors), figures by year, flows and the sources they cite."""

from typing import Literal
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from ninja import Field, Path, Query, Router

from portal.countries.models import Country, Flow, Indicator, Role

from ..pagination import base_url, paginate
from ..params import ISO2_PATTERN, SLUG_PATTERN, ChangedQuery, ListQuery, RegionSlug
from ..records import countries as records
from ..schemas import ERRORS, CountryOut, FigureOut, FlowOut, SourceOut, paged

router = Router(tags=["Countries and data"])

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


def _country(iso2: str) -> Country:
    country = Country.objects.filter(iso2=iso2.upper()).first()
    if country is None:
        raise Http404(_("No country has the code %(code)s.") % {"code": iso2})
    return country


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


@router.get(
    "/countries",
    response={200: paged(CountryOut), **ERRORS},
    url_name="countries",
    summary=N_("Countries"),
    description=N_("Every country, by ISO code, with its roles, forms and sectors."),
)
def list_countries(request: HttpRequest, query: Query[CountryQuery]):
    items = records.countries()
    if query.region:
        items = items.in_region(query.region)
    if query.role:
        items = items.with_role(query.role)
    if query.form:
        items = items.filter(forms__slug=query.form).distinct()
    if query.sector:
        items = items.filter(sectors__slug=query.sector).distinct()
    context = records.CountryContext()
    return paginate(request, items, query, lambda c, base: records.country_record(c, base, context))


@router.get(
    "/countries/{iso2}",
    response={200: CountryOut, **ERRORS},
    url_name="country",
    summary=N_("A country"),
)
def get_country(request: HttpRequest, iso2: str = Path(..., pattern=ISO2_PATTERN)):
    return records.country_record(_country(iso2), base_url(request))


@router.get(
    "/countries/{iso2}/figures",
    response={200: paged(FigureOut), **ERRORS},
    url_name="country_figures",
    summary=N_("A country's figures by year"),
)
def list_country_figures(
    request: HttpRequest, query: Query[FigureQuery], iso2: str = Path(..., pattern=ISO2_PATTERN)
):
    items = _filter_figures(records.figures().filter(country=_country(iso2)), query)
    return paginate(request, items, query, records.figure_record)


@router.get(
    "/figures",
    response={200: paged(FigureOut), **ERRORS},
    url_name="figures",
    summary=N_("Figures"),
    description=N_("Figures by country and year, each with its source."),
)
def list_figures(request: HttpRequest, query: Query[FiguresQuery]):
    items = _filter_figures(records.figures(), query)
    if query.country:
        items = items.filter(country__iso2=query.country.upper())
    if query.region:
        items = items.filter(country__region=query.region)
    return paginate(request, items, query, records.figure_record)


@router.get(
    "/figures/{item_id}",
    response={200: FigureOut, **ERRORS},
    url_name="figure",
    summary=N_("A figure"),
)
def get_figure(request: HttpRequest, item_id: UUID):
    figure = records.figures().filter(uuid=item_id).first()
    if figure is None:
        raise Http404(_("No figure has this id."))
    return records.figure_record(figure, base_url(request))


@router.get(
    "/flows",
    response={200: paged(FlowOut), **ERRORS},
    url_name="flows",
    summary=N_("Trafficking flows"),
    description=N_("Routes from origin to destination, each with its source."),
)
def list_flows(request: HttpRequest, query: Query[FlowQuery]):
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
    return paginate(request, items, query, records.flow_record)


@router.get(
    "/flows/{item_id}", response={200: FlowOut, **ERRORS}, url_name="flow", summary=N_("A flow")
)
def get_flow(request: HttpRequest, item_id: UUID):
    flow = records.flows().filter(uuid=item_id).first()
    if flow is None:
        raise Http404(_("No flow has this id."))
    return records.flow_record(flow, base_url(request))


@router.get(
    "/sources",
    response={200: paged(SourceOut), **ERRORS},
    url_name="sources",
    summary=N_("Sources"),
    description=N_("The bibliography every figure, flow and profile cites."),
)
def list_sources(request: HttpRequest, query: Query[SourceQuery]):
    items = records.sources()
    if query.year is not None:
        items = items.filter(year=query.year)
    if since := query.since():
        items = items.filter(updated_at__gte=since)
    return paginate(request, items, query, records.source_record)


@router.get(
    "/sources/{item_id}",
    response={200: SourceOut, **ERRORS},
    url_name="source",
    summary=N_("A source"),
    description=N_("By UUID or by slug."),
)
def get_source(request: HttpRequest, item_id: str = Path(..., pattern=SLUG_PATTERN)):
    try:
        source = records.sources().filter(uuid=UUID(item_id)).first()
    except ValueError:
        source = records.sources().filter(slug=item_id).first()
    if source is None:
        raise Http404(_("No source has this id."))
    return records.source_record(source, base_url(request))
