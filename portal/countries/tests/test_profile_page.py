"""The Lao PDR profile as a reader gets it: narrative with numbered notes, key figures,
charts, flows, related boxes, panels from other apps, dates and downloads."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from wagtail import hooks

from portal.core.hooks import COUNTRY_PANELS_HOOK
from portal.countries.models import CountryProfilePage
from portal.sources.models import Source
from portal.taxonomy.models import RelatedLink
from portal.testing.html import soup, texts

pytestmark = pytest.mark.django_db


def test_narrative_notes_are_numbered_in_order_and_link_both_ways(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    marks = html.select(".country__narrative sup.note-ref a")
    assert [m.get_text() for m in marks] == [f"Note {n}" for n in range(1, 21)]
    for number, mark in enumerate(marks, start=1):
        assert mark["href"] == f"#note-{number}"
        assert mark["id"] == f"ref-{number}"
        note = html.find("li", id=f"note-{number}")
        assert note.find("a", href=f"#ref-{number}") is not None
    # Same source, several notes (as the old page did); note 4 is World Vision's.
    assert "World Vision Laos" in html.find("li", id="note-4").get_text()
    assert "Human Rights Practices 2006" in html.find("li", id="note-1").get_text()
    assert "Trafficking in Persons Report 2007" in html.find("li", id="note-20").get_text()


def test_figures_and_flows_cite_shared_data_notes_after_the_narrative(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    data_notes = html.select("#data-notes-heading + ol > li")
    assert [li["id"] for li in data_notes] == ["note-21", "note-22"]
    assert html.select_one("#data-notes-heading + ol")["start"] == "21"
    assert "Trafficking in Persons Report 2007" in data_notes[0].get_text()
    # Every figure and flow links to its note, and the note links back to each of them.
    key_marks = html.select("#key-figures sup.note-ref a")
    assert {m["href"] for m in key_marks} == {"#note-21", "#note-22"}
    back_links = data_notes[0].select(".notes__back a")
    assert len(back_links) > 5
    for link in back_links:
        assert html.find(id=link["href"][1:]) is not None
    bibliography = html.select(".bibliography__item")
    assert len(bibliography) == 5


def test_key_figures_panel(client, lao_profile):
    panel = soup(client.get("/countries/la/")).select_one("#key-figures")
    text = " ".join(panel.get_text(" ", strip=True).split())
    assert "Tier 2 in the 2007 report" in text
    for fragment in [
        "27 investigations",
        "15 arrests",
        "12 prosecutions",
        "3 convictions",
        "average sentence 6 years",
        "259 victims assisted by Ministry of Labor and Social Welfare",
        "17 victims assisted by Lao Women's Union",
        "at least 180,000",
    ]:
        assert fragment in text, fragment


def test_the_profile_offers_its_data_for_download(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    assert html.select_one('a[href="#downloads"]') is not None  # from the page's contents
    downloads = [a["href"] for a in html.select("#downloads .downloads__list a")]
    assert downloads == [
        "/countries/la/csv/figures/",
        "/countries/la/csv/flows/",
        "/countries/la/json/",
    ]
    for href in downloads:
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].split(";")[0] in ("text/csv", "application/json")


def test_charts_are_inline_svg_with_tables(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    charts = html.select("svg.chart__svg")
    assert len(charts) == 2
    for chart in charts:
        assert chart["role"] == "img"
        assert chart.find("title") is not None
    tier_rows = texts(html.select("#tier-history tbody tr"))
    assert tier_rows == ["2007 Tier 2 Note 21"]
    law_rows = texts(html.select("#law-enforcement tbody tr"))
    assert law_rows == ["2006 27 Note 21 15 Note 21 12 Note 21 3 Note 21 6 years Note 21"]
    assert texts(html.select("#victims tbody tr th")) == ["2006", "2006"]


def test_flow_map_legend_and_table(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    svg = html.select_one("svg.flow-map__svg")
    assert svg is not None and svg["role"] == "img"
    # Six flows; the forced-marriage flow has no destination and is listed, not drawn.
    assert len(svg.select("path.flow-map__arrow")) == 6
    assert set(texts(html.select(".flow-legend li"))) == {
        "Form of exploitation not stated",
        "Sexual exploitation",
        "Forced labour",
    }
    assert (
        "the source does not say where victims are taken"
        in html.select_one(".flow-map__undrawn").get_text()
    )
    rows = texts(html.select(".flow-table tbody th"))
    assert len(rows) == 6
    assert rows[0].startswith("Out of:")
    assert any(r.startswith("Through: Myanmar → via Lao PDR → Thailand") for r in rows)
    assert any("destination not stated" in r for r in rows)


def test_dates_related_boxes_and_other_apps_panels(client, lao_profile):
    lao_profile.related_links.add(
        RelatedLink(title="A related report", url="https://example.org/r")
    )
    lao_profile.last_reviewed = date(2025, 1, 15)
    lao_profile.next_review_due = date.today() - timedelta(days=1)
    lao_profile.save_revision().publish()

    def panel(country, request):
        return format_html(
            '<section class="test-panel"><h2>Hotlines for {}</h2></section>', country
        )

    with hooks.register_temporarily(COUNTRY_PANELS_HOOK, panel):
        html = soup(client.get("/countries/la/"))
    assert "Last reviewed 15 January 2025" in texts([html.select_one(".country__review")])[0]
    assert html.select_one(".country__overdue") is not None
    assert html.select_one(".test-panel h2").get_text() == "Hotlines for Lao PDR"
    assert "A related report" in html.select_one(".related").get_text()


def test_the_profile_links_to_everything_about_the_country(client, lao_profile):
    html = soup(client.get("/countries/la/"))
    link = html.select_one(".country__everything a")
    assert link.get_text() == "Everything about Lao PDR"
    assert link["href"] == "/countries/la/everything/"
    assert client.get(link["href"]).status_code == 200


def test_profile_model_rules(lao_profile, lao_site):
    assert lao_profile.slug == "la"
    assert lao_profile.display_date == lao_profile.last_reviewed
    assert [c.iso2 for c in lao_profile.countries.all()] == ["LA"]
    second = CountryProfilePage(title="Another", country=lao_profile.country)
    second.locale = lao_profile.locale
    with pytest.raises(ValidationError, match="already has a profile"):
        second.clean()
    text = lao_profile.get_search_text()
    assert "Overview" in text and "27 investigations" in text
    assert "[Trafficking in Persons" not in text and "linktype" not in text


def test_a_source_missing_from_the_database_still_renders(client, lao_profile):
    source = Source.objects.get(slug="world-vision-laos-trafficking")
    html_before = soup(client.get("/countries/la/"))
    assert "World Vision" in html_before.find("li", id="note-4").get_text()
    # Sources cited only in text can be deleted (no database constraint): the note says so.
    source.delete()
    html = soup(client.get("/countries/la/"))
    assert "no longer in the bibliography" in html.find("li", id="note-4").get_text()


def test_the_profile_is_found_by_site_search(client, lao_profile):
    html = soup(client.get("/search/", {"q": "Hmong"}))
    assert "Lao PDR" in [a.get_text(strip=True) for a in html.select(".result__title a")]
