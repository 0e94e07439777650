"""The search page as readers use it."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from .conftest import add_page

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_results_show_title_type_date_and_highlighted_snippet(pages, client):
    html = get(client, q="debt bondage")
    result = html.select_one(".result")
    assert result.select_one(".result__title a")["href"] == "/forced-labour-at-sea/"
    assert "Standard page" in result.select_one(".result__meta").text
    assert result.select_one("time")["datetime"]
    marks = [m.text for m in result.select(".result__snippet mark")]
    assert marks == ["debt", "bondage"]


def test_lao_result_links_to_its_readable_url_and_says_its_language(pages, client):
    html = get(client, q="ມະນຸດ")
    result = html.select_one(".result")
    assert result["lang"] == "lo"
    href = result.select_one("a")["href"]
    assert unquote(href) == "/lo/ການຄ້າມະນຸດໃນພາກພື້ນ/"


def test_facets_and_sort_links_keep_the_whole_state_in_the_url(pages, client):
    html = get(client, q="trafficking", sort="newest")
    language_links = {a.text.split(" (")[0]: a["href"] for a in html.select(".facet a")}
    assert "q=trafficking" in language_links["ລາວ"] and "language=lo" in language_links["ລາວ"]
    assert "sort=newest" in language_links["ລາວ"]
    html = get(client, q="trafficking", language="lo")
    assert [a.text for a in html.select(".result__title a")] == ["Anti-Trafficking Portal"]
    selected = html.select_one(".facet__value--selected a")
    assert "language=" not in selected["href"]  # the link removes the filter
    assert html.select_one('input[type="hidden"][name="language"]')["value"] == "lo"


def test_pagination(pages, client):
    for number in range(25):
        add_page(pages["home"], f"Shelter report {number}", intro="About shelters.")
    html = get(client, q="shelters")
    assert "25 results" in html.select_one("#search-summary").text
    assert len(html.select(".result")) == 20
    assert html.select_one('a[rel="next"]')["href"] == "?q=shelters&page=2"
    html = get(client, q="shelters", page="2")
    assert len(html.select(".result")) == 5
    html = get(client, q="shelters", page="99")  # past the end: the last page
    assert len(html.select(".result")) == 5


def test_did_you_mean_uses_the_index_vocabulary(pages, client):
    html = get(client, q="traffiking")
    suggestion = html.select_one(".search__suggestion a")
    assert suggestion.text == "trafficking"
    assert suggestion["href"] == "?q=trafficking"
    assert html.select_one(".search__empty")


def test_no_suggestion_when_nothing_close_exists(pages, client):
    html = get(client, q="zzyzx")
    assert html.select_one(".search__suggestion") is None
    assert "Check the spelling" in html.select_one(".search__empty").text


def test_empty_results_with_filters_offer_to_remove_them(pages, client):
    html = get(client, q="labour", language="th")
    link = html.select_one(".search__empty a")
    assert link["href"] == "?q=labour"


@pytest.mark.parametrize(
    "q",
    ["", "   ", "a" * 10_240, "?!?!", '"', "NEAR(", 'NEAR("a" "b", 2)', '"unbalanced',
     "x' OR 1=1; DROP TABLE wagtailcore_page; --", "-fishing", "labour\x00", "*", "AND", "^"],
)  # fmt: skip
def test_bad_queries_get_a_clear_answer_never_an_error(pages, client, q):
    html = get(client, q=q)
    message = html.select_one("#search-message") or html.select_one("#search-summary")
    assert message is not None and message.text.strip()


def test_bad_filters_are_ignored(pages, client):
    html = get(client, q="labour", type="nope.nope", year="abc", country="<x>", page="-3",
               sort="sideways", topic="a b")  # fmt: skip
    assert "2 results" in html.select_one("#search-summary").text


def test_search_page_has_no_cookies_and_is_not_indexed(pages, client):
    response = client.get("/search/", {"q": "labour"})
    assert not response.cookies
    assert b'name="robots" content="noindex"' in response.content


def test_header_search_box_carries_the_query(pages, client):
    html = get(client, q="labour")
    assert html.select_one("#site-search-q")["value"] == "labour"


def test_a_resource_is_dated_by_its_publication_year_never_by_when_it_was_loaded(client, demo_site):
    """The demo's 2006 Human Rights Report appeared in 2007: the result says "2007" (not
    1 January 2007); a resource whose year is not known shows no date at all."""
    html = get(client, q="Human Rights Practices 2006")
    result = next(r for r in html.select(".result") if "Human Rights Practices 2006" in r.text)
    time = result.select_one(".result__meta time")
    assert (time["datetime"], time.text) == ("2007", "2007")
    html = get(client, q="UNIAP overview")
    result = next(r for r in html.select(".result") if "Lao PDR Overview" in r.text)
    assert result.select_one(".result__meta time") is None
