"""schema.org `Dataset` descriptions of the country data (JSON-LD), for the country pages and
the comparison page: what the data covers (places, years), who publishes it under which
licence, and its downloads as `DataDownload` distributions with absolute addresses."""

from collections.abc import Iterable

from django.http import HttpRequest
from wagtail.models import Site

from portal.core.conf import core_settings

from .models import Country, Region

# Licences the portal settings may name, by their canonical address (schema.org wants a URL).
LICENCE_URLS = {
    "cc by 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc by-sa 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
ENCODINGS = {"csv": "text/csv", "json": "application/json"}


def _publisher(request: HttpRequest) -> tuple[dict, str]:
    from portal.core.models import PortalSettings

    if Site.find_for_request(request) is not None:
        # The settings the page's templates read already (cached on the request).
        portal = PortalSettings.for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).first()
        portal = PortalSettings.for_site(site) if site else PortalSettings()
    creator = {
        "@type": "Organization",
        "name": portal.copyright_holder or str(core_settings().display_name),
        "url": request.build_absolute_uri("/"),
    }
    licence = portal.content_licence or ""
    return creator, LICENCE_URLS.get(licence.strip().casefold(), licence)


def temporal_coverage(years: Iterable[int]) -> str | None:
    """ISO 8601: "2007", or the interval "2006/2007"."""
    years = sorted(set(years))
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}/{years[-1]}"


def place(item: Country | Region) -> dict:
    if isinstance(item, Country):
        return {
            "@type": "Country",
            "name": item.name,
            "identifier": item.iso2,
            "alternateName": item.alternative_names(),
        }
    return {"@type": "Place", "name": str(Region(item).label)}


def dataset_json_ld(
    request: HttpRequest,
    *,
    name: str,
    description: str,
    url: str,
    places: list[Country | Region],
    years: Iterable[int],
    downloads: list[tuple[str, str, str]],
) -> dict:
    """The Dataset; `downloads` are (name, format "csv" or "json", address) and `url` the page,
    all absolute or made absolute here."""
    creator, licence = _publisher(request)
    data = {
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": request.build_absolute_uri(url),
        "creator": creator,
        "publisher": creator,
        "isAccessibleForFree": True,
        "spatialCoverage": [place(p) for p in places],
        "distribution": [
            {
                "@type": "DataDownload",
                "name": title,
                "encodingFormat": ENCODINGS[kind],
                "contentUrl": request.build_absolute_uri(address),
            }
            for title, kind, address in downloads
        ],
    }
    if licence:
        data["license"] = licence
    coverage = temporal_coverage(years)
    if coverage:
        data["temporalCoverage"] = coverage
    return data
