"""The country list: ISO codes from pycountry, TIP report regions, the portal's names."""

import pytest

from portal.countries.models import Country, Region
from portal.countries.reference_data import sync_countries

pytestmark = pytest.mark.django_db

EAST_ASIA_AND_PACIFIC = set(
    [
        "AU",
        "BN",
        "CN",
        "FJ",
        "FM",
        "HK",
        "ID",
        "JP",
        "KH",
        "KI",
        "KP",
        "KR",
        "LA",
        "MH",
        "MM",
        "MN",
        "MO",
        "MY",
        "NR",
        "NZ",
        "PG",
        "PH",
        "PW",
        "SB",
        "SG",
        "TH",
        "TL",
        "TO",
        "TV",
        "TW",
        "VN",
        "VU",
        "WS",
    ]
)


def test_every_country_is_loaded_with_its_codes(db):
    assert Country.objects.count() == 201
    laos = Country.objects.get(iso2="LA")
    assert (laos.iso3, laos.numeric, laos.name, laos.region) == (
        "LAO",
        "418",
        "Lao PDR",
        Region.EAST_ASIA_PACIFIC,
    )
    assert set(
        Country.objects.in_region(Region.EAST_ASIA_PACIFIC).values_list("iso2", flat=True)
    ) == (EAST_ASIA_AND_PACIFIC)
    assert {r: Country.objects.in_region(r).count() for r in Region} == {
        Region.AFRICA: 49,
        Region.EAST_ASIA_PACIFIC: 33,
        Region.EUROPE: 49,
        Region.NEAR_EAST: 19,
        Region.SOUTH_CENTRAL_ASIA: 13,
        Region.WESTERN_HEMISPHERE: 38,
    }


def test_names_follow_un_usage_with_the_old_names_kept(db):
    names = dict(
        Country.objects.filter(iso2__in=["VN", "MM", "KR", "TW", "CN"]).values_list("iso2", "name")
    )
    assert names == {
        "VN": "Viet Nam",
        "MM": "Myanmar",
        "KR": "Republic of Korea",
        "TW": "Taiwan",
        "CN": "China",
    }
    assert Country.objects.get(iso2="MM").alternative_names()[0] == "Burma"
    assert "Vietnam" in Country.objects.get(iso2="VN").alternative_names()


def test_sync_creates_what_is_missing_and_keeps_editors_changes(site_tree):
    laos = Country.objects.get(iso2="LA")
    laos.name = "Laos (edited)"
    laos.save()
    Country.objects.filter(iso2="TH").delete()
    assert sync_countries(Country) == 1
    assert sync_countries(Country) == 0
    assert Country.objects.get(iso2="LA").name == "Laos (edited)"
    assert Country.objects.get(iso2="TH").numeric == "764"
