"""/resources/: filters that combine and live in the URL, sorting, pagination."""

import pytest
from bs4 import BeautifulSoup

from portal.testing import build
from portal.testing.html import card_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    english = build.language("en", "English")
    lao = build.language("lo", "Lao")
    build.resource(
        "Lao anti-trafficking law",
        resource_type="law",
        year=2015,
        countries=["LA"],
        topics=["legislation"],
        languages=[lao, english],
    )
    build.resource(
        "Fishing boats report",
        resource_type="report",
        year=2015,
        countries=["TH", "LA"],
        topics=["forced-labour", "fishing"],
        languages=[english],
    )
    build.resource(
        "Mekong migration study",
        resource_type="research",
        year=2009,
        countries=["LA", "VN"],
        topics=["labour-migration"],
        languages=[english],
    )
    build.resource(
        "Thai action plan",
        resource_type="action-plan",
        year=2015,
        countries=["TH"],
        topics=["legislation"],
        languages=[build.language("th", "Thai")],
    )
    build.resource("Undated guide", resource_type="training", countries=["KH"])


def titles(client, query: str = "") -> list[str]:
    return card_titles(client, f"/resources/{query}", status=200)


@pytest.mark.smoke
def test_sorted_newest_first_with_undated_last_or_by_title(client, library):
    found = titles(client)
    assert found[-2:] == ["Mekong migration study", "Undated guide"]
    assert set(found[:3]) == {
        "Lao anti-trafficking law",
        "Fishing boats report",
        "Thai action plan",
    }
    assert titles(client, "?sort=title") == sorted(found, key=str.lower)
    # A resource about two countries matching a filter is still listed once.
    assert titles(client, "?language=en&sort=title") == [
        "Fishing boats report",
        "Lao anti-trafficking law",
        "Mekong migration study",
    ]


FILTER_CASES = [
    ("?country=la", {"Lao anti-trafficking law", "Fishing boats report", "Mekong migration study"}),
    ("?country=la&year=2015", {"Lao anti-trafficking law", "Fishing boats report"}),
    ("?country=la&year=2015&type=report", {"Fishing boats report"}),
    ("?topic=legislation&language=lo", {"Lao anti-trafficking law"}),
    ("?topic=legislation&year=2015", {"Lao anti-trafficking law", "Thai action plan"}),
    ("?country=th&topic=fishing&language=en&type=report&year=2015", {"Fishing boats report"}),
    ("?country=kh&year=2015", set()),
    ("?language=en&country=vn", {"Mekong migration study"}),
]


def test_filters_combine(client, library):
    for query, expected in FILTER_CASES:
        assert set(titles(client, query)) == expected, query


def test_filters_offer_only_values_in_use_and_keep_the_selection(client, library):
    html = BeautifulSoup(client.get("/resources/?country=th&year=2015").content, "html.parser")
    form = html.select_one("form.filters")
    assert form["method"] == "get"
    assert not form.select("input[name=csrfmiddlewaretoken]")
    countries = [o["value"] for o in form.select("select[name=country] option")]
    assert countries == ["", "kh", "la", "th", "vn"]
    assert form.select_one("select[name=country] option[selected]")["value"] == "th"
    assert [o["value"] for o in form.select("select[name=year] option")] == ["", "2015", "2009"]
    types = {o["value"] for o in form.select("select[name=type] option")}
    assert types == {"", "law", "report", "research", "action-plan", "training"}
    assert form.select_one("label[for=filter-country]").get_text() == "Country"
    # A filtered state is not for search engines; the plain listing is.
    assert html.select_one("meta[name=robots]")["content"] == "noindex, follow"
    plain = BeautifulSoup(client.get("/resources/").content, "html.parser")
    assert plain.select_one("meta[name=robots]") is None


def test_unknown_filter_value_is_explained_and_the_others_still_apply(client, library):
    response = client.get("/resources/?country=zz&year=2009")
    html = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    alert = html.select_one("[role=alert]")
    assert "not understood" in alert.get_text()
    assert alert.select_one("a")["href"] == "#filter-country"
    select = html.select_one("#filter-country")
    assert select["aria-invalid"] == "true"
    error = html.select_one("#" + select["aria-describedby"])
    assert "zz" in error.get_text()
    assert [a.get_text(strip=True) for a in html.select(".item-card__title a")] == [
        "Mekong migration study"
    ]


def test_pagination_keeps_the_filters(client, site_tree):
    for i in range(23):
        build.resource(f"Report {i:02d}", year=2000 + i % 3, countries=["LA"])
    build.resource("Elsewhere", year=2001, countries=["TH"])
    html = BeautifulSoup(client.get("/resources/?country=la&sort=title").content, "html.parser")
    assert "23 items" in html.select_one(".listing__count").get_text()
    assert len(html.select(".item-card")) == 20
    next_link = html.select_one(".pagination a[rel=next]")["href"]
    assert "country=la" in next_link and "sort=title" in next_link and "page=2" in next_link
    second = BeautifulSoup(client.get("/resources/" + next_link).content, "html.parser")
    assert [a.get_text() for a in second.select(".item-card__title a")] == [
        "Report 20",
        "Report 21",
        "Report 22",
    ]
    assert second.select_one(".pagination a[aria-current=page]").get_text(strip=True).endswith("2")


def test_bad_page_numbers_and_cookies(client, library):
    assert client.get("/resources/?page=abc").status_code == 200
    assert client.get("/resources/?page=999").status_code == 200
    response = client.get("/resources/?country=la&topic=legislation")
    assert not response.cookies
