"""/countries/compare/ and its CSV and JSON downloads (routes of the country index page)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.sources.citations import NoteList
from portal.taxonomy.templatetags.page_meta_tags import json_ld as to_script

from ..models import Country, CountryIndexPage, Indicator, Region
from .query import MAX_COLUMNS, parse_query
from .table import build, wanted_figures


def compare_urls(page: CountryIndexPage, request: HttpRequest) -> dict[str, str]:
    base = page.get_url(request)
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return {
        "form": base + page.reverse_subpage("compare"),
        "page": base + page.reverse_subpage("compare") + suffix,
        "csv": base + page.reverse_subpage("compare_csv") + suffix,
        "json": base + page.reverse_subpage("compare_json") + suffix,
    }


INDICATOR_CHOICES = [("", gettext_lazy("All indicators")), *Indicator.choices]


def compare_view(request: HttpRequest, page: CountryIndexPage) -> HttpResponse:
    from ..structured_data import dataset_json_ld
    from ..views import downloads

    countries = sorted(Country.objects.all(), key=lambda c: c.display_name.casefold())
    by_code = {c.iso2: c for c in countries}
    wanted, errors = parse_query(request.GET, by_code)
    comparison = None
    json_ld = None
    urls = compare_urls(page, request)
    if (wanted.get("countries") or wanted.get("region")) and not errors:
        comparison = build(wanted)
        names = [c.label for c in comparison.columns]
        json_ld = dataset_json_ld(
            request,
            name=_("Trafficking figures compared: %(names)s") % {"names": ", ".join(names)},
            description=_(
                "Figures by year and indicator for %(names)s, side by side, each with its source."
            )
            % {"names": ", ".join(names)},
            url=urls["page"],
            places=[*wanted["countries"], *([wanted["region"]] if wanted["region"] else [])],
            years=comparison.years,
            downloads=[
                (_("Figures compared (CSV)"), "csv", urls["csv"]),
                (_("Figures, flows and sources (JSON)"), "json", urls["json"]),
            ],
        )
    selected = [c.iso2 for c in wanted.get("countries", [])]
    slots = [*selected, *[""] * (MAX_COLUMNS - len(selected))][:MAX_COLUMNS]
    response = page.render(
        request,
        context_overrides={
            "countries": countries,
            "slots": slots,
            "regions": Region.choices,
            "indicators": INDICATOR_CHOICES,
            "wanted": wanted,
            "errors": errors,
            "comparison": comparison,
            "notes": comparison.notes if comparison else NoteList(),
            "urls": urls,
            "json_ld": to_script({"@context": "https://schema.org", **json_ld}) if json_ld else "",
            "names": [c.label for c in comparison.columns] if comparison else [],
            "index_page": page,
            "all_downloads": downloads(page, request),
            "meta_title": _("Compare countries"),
        },
        template="countries/compare_page.html",
    )
    if errors:
        response.status_code = 400
    return response


def _wanted_or_error(request: HttpRequest) -> tuple[dict, HttpResponse | None]:
    wanted, errors = parse_query(request.GET, {c.iso2: c for c in Country.objects.all()})
    if not errors and not (wanted.get("countries") or wanted.get("region")):
        errors = [_("Choose at least two countries, or a country and a region.")]
    if errors:
        return wanted, HttpResponse(
            "\n".join(errors), status=400, content_type="text/plain; charset=utf-8"
        )
    return wanted, None


def _file_name(wanted: dict) -> str:
    parts = [c.slug for c in wanted["countries"]] + ([wanted["region"]] if wanted["region"] else [])
    return "compare-" + "-".join(parts)


def compare_csv(request: HttpRequest) -> HttpResponse:
    """The compared figures in the columns of the figures download (one row per figure and
    source, so both sources of a disputed figure are there)."""
    from .. import dataset
    from ..views import _base_url, _csv_response

    wanted, error = _wanted_or_error(request)
    if error:
        return error
    base = _base_url(request)
    records = (dataset.figure_record(f, base) for f in wanted_figures(wanted))
    return _csv_response(
        dataset.to_csv(records, dataset.FIGURE_FIELDS), _file_name(wanted) + ".csv"
    )


def compare_json(request: HttpRequest) -> HttpResponse:
    """Everything about the compared countries (a region: all its countries) as JSON."""
    from .. import dataset
    from ..views import _base_url, _json_response

    wanted, error = _wanted_or_error(request)
    if error:
        return error
    countries = {c.pk: c for c in wanted["countries"]}
    if wanted["region"]:
        countries.update({c.pk: c for c in Country.objects.in_region(wanted["region"])})
    document = dataset.dataset(sorted(countries.values(), key=lambda c: c.iso2), _base_url(request))
    return _json_response(document, _file_name(wanted) + ".json")
