"""Everything about one country, or about the countries of a region, across every classified
page type: /countries/la/everything/ and /regions/east-asia-pacific/ (the listing itself is
taxonomy's, shared with the topic pages)."""

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.taxonomy.feed_links import update_feed_links
from portal.taxonomy.places import Place, Places
from portal.taxonomy.views import tagged_response

from .models import Country, Region


def country_all(request: HttpRequest, code: str) -> HttpResponse:
    """Everything about one country: /countries/la/everything/."""
    if code != code.lower():
        raise Http404
    country = get_object_or_404(Country, iso2=code.upper())
    return tagged_response(
        request,
        title=_("Everything about %(country)s") % {"country": country.name},
        intro=_("Resources, organisations, updates, events and other pages about %(country)s.")
        % {"country": country.name},
        condition=Q(countries=country),
        params={"country": country.slug},
        fixed="country",
        feeds=update_feed_links(
            _("Updates about %(country)s") % {"country": country.name}, "country", country.slug
        ),
        extra={"country": country},
    )


def region_all(request: HttpRequest, region: str) -> HttpResponse:
    """Everything about the countries of one region: /regions/east-asia-pacific/."""
    if region not in Region.values:
        raise Http404
    label = Region(region).label
    return tagged_response(
        request,
        title=_("Everything about %(region)s") % {"region": label},
        intro=_("Content about the countries of %(region)s.") % {"region": label},
        condition=Q(countries__region=region),
        params={},
        fixed="",
        feeds=[],
        extra={"region_countries": Country.objects.in_region(region)},
    )


def taxonomy_places() -> Places:
    """What taxonomy's listings offer of countries and regions (see portal.taxonomy.places)."""
    return Places(
        countries=lambda: [Place(c.slug, c.name, c.everything_url) for c in Country.objects.all()],
        regions=lambda: [
            Place(value, label, reverse("everything:region", args=[value]))
            for value, label in Region.choices
        ],
    )


def country_labels(values: Iterable[str]) -> dict[str, str]:
    """The search's country facet values (lower-case ISO codes) with the countries' names."""
    return {
        c.iso2.lower(): c.name for c in Country.objects.filter(iso2__in=[v.upper() for v in values])
    }
