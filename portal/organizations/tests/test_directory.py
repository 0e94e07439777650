"""/organizations/: filters by type, country, service and language; public contact only, with
"last verified"; hotlines first on a country's page."""

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from portal.organizations.demo import ensure_services
from portal.organizations.models import Service
from portal.organizations.wagtail_hooks import organizations_in_country
from portal.testing import build

pytestmark = pytest.mark.django_db


def services(*codes: str) -> list[Service]:
    ensure_services()
    return list(Service.objects.filter(code__in=codes))


@pytest.fixture
def directory(site_tree):
    lao = build.language("lo", "Lao")
    thai = build.language("th", "Thai")
    build.organization(
        "Village Shelter",
        organization_type="shelter",
        countries=["LA"],
        services=services("shelter", "counselling"),
        languages=[lao],
        last_verified=date(2026, 10, 1),
        phone="+856 21 000 000",
    )
    build.organization(
        "Mekong Helpline",
        organization_type="ngo",
        countries=["LA", "TH"],
        services=services("hotline", "counselling"),
        languages=[lao, thai],
        hotline_number="1300",
    )
    build.organization(
        "Ministry of Justice",
        organization_type="government",
        countries=["TH"],
        services=services("legal-aid"),
        languages=[thai],
        last_verified=date(2025, 3, 1),
    )
    build.organization(
        "Aid Lawyers",
        organization_type="legal-aid",
        countries=["LA"],
        services=services("legal-aid"),
    )


def names(client, query: str = "") -> list[str]:
    html = BeautifulSoup(client.get(f"/organizations/{query}").content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".item-card__title a")]


@pytest.mark.smoke
def test_filters_combine_and_names_sort(client, directory):
    assert names(client) == [
        "Aid Lawyers",
        "Mekong Helpline",
        "Ministry of Justice",
        "Village Shelter",
    ]
    cases = {
        "?country=la": ["Aid Lawyers", "Mekong Helpline", "Village Shelter"],
        "?country=la&service=counselling": ["Mekong Helpline", "Village Shelter"],
        "?country=la&service=counselling&language=th": ["Mekong Helpline"],
        "?service=legal-aid&type=government": ["Ministry of Justice"],
        "?service=legal-aid&country=th&language=lo": [],
        "?type=shelter&language=lo": ["Village Shelter"],
        "?sort=date": ["Village Shelter", "Ministry of Justice", "Aid Lawyers", "Mekong Helpline"],
    }
    for query, expected in cases.items():
        assert names(client, query) == expected, query
    html = BeautifulSoup(client.get("/organizations/").content, "html.parser")
    offered = [o.get_text() for o in html.select("select[name=service] option")]
    assert offered == ["Any", "Counselling", "Hotline", "Legal aid", "Shelter"]


def test_cards_show_hotline_and_last_verified(client, directory):
    html = BeautifulSoup(client.get("/organizations/?sort=title").content, "html.parser")
    cards = {c.h3.get_text(strip=True): c for c in html.select(".item-card")}
    assert cards["Mekong Helpline"].select_one(".org-hotline a")["href"] == "tel:1300"
    assert "not yet verified" in cards["Mekong Helpline"].get_text()
    verified = cards["Village Shelter"].select_one(".item-card__verified time")
    assert verified["datetime"] == "2026-10-01" and verified.get_text() == "Oct. 1, 2026"


def test_organization_page_shows_public_contact_and_structured_data(client, directory):
    html = BeautifulSoup(client.get("/organizations/village-shelter/").content, "html.parser")
    contact = html.select_one(".contact-box")
    assert contact.select_one("a[href='tel:+85621000000']").get_text() == "+856 21 000 000"
    assert "Details last verified" in contact.get_text()
    data = json.loads(html.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Organization"
    assert data["name"] == "Village Shelter"
    assert data["telephone"] == "+856 21 000 000"
    assert data["areaServed"] == [{"@type": "Country", "name": "Lao PDR", "identifier": "LA"}]
    assert data["knowsLanguage"] == ["lo"]
    assert "email" not in data

    empty = BeautifulSoup(client.get("/organizations/aid-lawyers/").content, "html.parser")
    assert "do not have public contact details" in empty.select_one(".contact-box").get_text()


def test_country_panel_puts_hotlines_first(rf, directory):
    html = BeautifulSoup(organizations_in_country(build.country("LA"), rf.get("/")), "html.parser")
    assert html.h2.get_text() == "Organisations working in Lao PDR"
    items = html.select("li")
    assert [li.a.get_text() for li in items] == [
        "Mekong Helpline",
        "Aid Lawyers",
        "Village Shelter",
    ]
    assert "Hotline: 1300" in items[0].get_text(" ", strip=True)
    assert "not yet verified" in items[1].get_text()
    assert "Details last verified" in items[2].get_text()
    view_all = html.find("a", string="All organisations in Lao PDR")
    assert view_all["href"] == "/organizations/?country=la"
    assert organizations_in_country(build.country("VN"), rf.get("/")) is None


def test_a_hotline_service_also_counts_as_a_hotline(rf, site_tree):
    build.organization("Alpha Agency", countries=["KH"])
    build.organization("Zeta Line", countries=["KH"], services=services("hotline"))
    html = BeautifulSoup(organizations_in_country(build.country("KH"), rf.get("/")), "html.parser")
    assert [li.a.get_text() for li in html.select("li")] == ["Zeta Line", "Alpha Agency"]
