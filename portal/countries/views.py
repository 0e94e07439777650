"""Views behind the country index page's routes: the listing with its filters, the basic page
of a country without a profile, the regional flow pages and the downloads."""

from dataclasses import dataclass

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.sources.citations import NoteList

from . import dataset
from .maps.flow_map import flow_map
from .models import Country, CountryIndexPage, Figure, Flow, Indicator, Region, Role, Tier
from .overview import CountryData, flow_rows, preferred_figures

NO_TIER = "none"
DOWNLOAD_MAX_AGE = 600


class CountryFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        required=False,
        choices=[("", gettext_lazy("All regions")), *Region.choices],
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[("", gettext_lazy("Any role")), *Role.choices],
    )
    tier = forms.ChoiceField(
        label=gettext_lazy("Latest tier"),
        required=False,
        choices=[
            ("", gettext_lazy("Any tier")),
            *Tier.choices,
            (NO_TIER, gettext_lazy("No tier recorded")),
        ],
    )


@dataclass
class CountryEntry:
    country: Country
    url: str
    has_profile: bool
    latest_tier: Figure | None


def latest_tiers() -> dict[int, Figure]:
    """Each country's most recent tier placement (by report year, then most recent source)."""
    figures = Figure.objects.filter(indicator=Indicator.TIER).select_related("source")
    latest: dict[int, Figure] = {}
    for figure in preferred_figures(list(figures)).values():
        current = latest.get(figure.country_id)
        if current is None or figure.year > current.year:
            latest[figure.country_id] = figure
    return latest


def country_index(request: HttpRequest, page: CountryIndexPage) -> HttpResponse:
    form = CountryFilterForm(request.GET or None)
    countries = Country.objects.all()
    tiers = latest_tiers()
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("region"):
        countries = countries.in_region(filters["region"])
    if filters.get("role"):
        countries = countries.with_role(filters["role"])
    entries = []
    profiles = page.live_profiles()
    for country in countries:
        tier = tiers.get(country.pk)
        wanted_tier = filters.get("tier")
        if wanted_tier == NO_TIER and tier is not None:
            continue
        if wanted_tier and wanted_tier != NO_TIER and (tier is None or tier.tier != wanted_tier):
            continue
        profile = profiles.get(country.pk)
        url = profile.get_url(request) if profile else page.country_url(country, request)
        entries.append(CountryEntry(country, url, profile is not None, tier))
    groups = []
    for region in Region:
        members = sorted(
            (e for e in entries if e.country.region == region),
            key=lambda e: e.country.display_name.casefold(),
        )
        if members:
            region_url = page.get_url(request) + page.reverse_subpage("region", args=[region.value])
            groups.append({"region": region, "url": region_url, "entries": members})
    return page.render(
        request,
        context_overrides={
            "form": form,
            "groups": groups,
            "count": len(entries),
            "filtered": bool(filters and any(filters.values())),
            "downloads": downloads(page, request),
        },
        template="countries/country_index_page.html",
    )


def downloads(page: CountryIndexPage, request: HttpRequest, country: Country | None = None) -> dict:
    base = page.get_url(request)
    if country is None:
        return {
            "figures_csv": base + page.reverse_subpage("dataset_csv", args=["figures"]),
            "flows_csv": base + page.reverse_subpage("dataset_csv", args=["flows"]),
            "json": base + page.reverse_subpage("dataset_json"),
        }
    return {
        "figures_csv": base + page.reverse_subpage("country_csv", args=[country.slug, "figures"]),
        "flows_csv": base + page.reverse_subpage("country_csv", args=[country.slug, "flows"]),
        "json": base + page.reverse_subpage("country_json", args=[country.slug]),
    }


def _country(iso2: str) -> Country:
    return get_object_or_404(Country, iso2=iso2.upper())


def country_context(
    request: HttpRequest, index_page: CountryIndexPage | None, country: Country, notes: NoteList
) -> dict:
    """What both kinds of country page show of the country's data (after any narrative, so
    that the data notes follow the narrative's)."""
    data = CountryData.build(country, notes)
    return {
        "country": country,
        "data": data,
        "notes": notes,
        "flows": data.flows,
        "flow_map": data.flow_map,
        "flows_caption": _("Flows into, out of and through %(country)s")
        % {"country": country.display_name},
        "show_direction": True,
        "index_page": index_page,
        "iso2_lower": country.slug,
        "downloads": downloads(index_page, request, country) if index_page else None,
        "all_downloads": downloads(index_page, request) if index_page else None,
    }


def basic_country_page(request: HttpRequest, page: CountryIndexPage, iso2: str) -> HttpResponse:
    """What the portal knows about a country that has no profile: its region and roles, its
    figures and the flows that touch it, and what other sections hold about it."""
    country = _country(iso2)
    return page.render(
        request,
        context_overrides=country_context(request, page, country, NoteList()),
        template="countries/country_basic_page.html",
    )


def region_flows(request: HttpRequest, page: CountryIndexPage, region: str) -> HttpResponse:
    try:
        region = Region(region)
    except ValueError as error:
        raise Http404 from error
    countries = list(Country.objects.in_region(region))
    flows = list(Flow.objects.touching_any(countries).for_display())
    notes = NoteList()
    return page.render(
        request,
        context_overrides={
            "region": region,
            "flows": flow_rows(flows, notes),
            "flows_caption": _("Flows that touch %(region)s") % {"region": region.label},
            "countries": sorted(countries, key=lambda c: c.display_name.casefold()),
            "flow_map": flow_map(
                flows,
                title=_("Trafficking flows in %(region)s") % {"region": region.label},
                map_id="region-map",
            ),
            "notes": notes,
            "index_page": page,
        },
        template="countries/region_flows_page.html",
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    return response


def _json_response(document: dict, filename: str) -> HttpResponse:
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=DOWNLOAD_MAX_AGE)
    return response


CSV_WRITERS = {"figures": dataset.figures_csv, "flows": dataset.flows_csv}


def country_csv(request: HttpRequest, iso2: str, kind: str) -> HttpResponse:
    country = _country(iso2)
    text = CSV_WRITERS[kind]([country], _base_url(request))
    return _csv_response(text, f"{country.slug}-{kind}.csv")


def country_json(request: HttpRequest, iso2: str) -> HttpResponse:
    country = _country(iso2)
    return _json_response(dataset.dataset([country], _base_url(request)), f"{country.slug}.json")


def dataset_csv(request: HttpRequest, kind: str) -> HttpResponse:
    return _csv_response(CSV_WRITERS[kind](None, _base_url(request)), f"countries-{kind}.csv")


def dataset_json(request: HttpRequest) -> HttpResponse:
    return _json_response(dataset.dataset(None, _base_url(request)), "countries.json")
