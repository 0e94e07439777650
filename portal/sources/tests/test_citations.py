"""Numbered notes: order of appearance, links both ways, shared data notes, bibliography,
and the citation's stored form through the editor's conversion."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from portal.sources.citations import NoteList, strip_citations
from portal.sources.models import Source
from portal.sources.rich_text import citation_db_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(db):
    return [
        Source.objects.create(title="Zeta report", author="Beta agency", year=2006),
        Source.objects.create(title="Alpha survey", author="Alpha institute"),
    ]


def test_citations_are_numbered_in_order_of_appearance_across_blocks(sources):
    zeta, alpha = sources
    first = f"<p>One.{citation_db_html(zeta)} Two.{citation_db_html(alpha, locator='p. 4')}</p>"
    second = f"<p>Three.{citation_db_html(zeta, quote='a “quoted” line')}</p>"
    notes = NoteList()
    html = BeautifulSoup(
        notes.number_rich_text(first) + notes.number_rich_text(second), "html.parser"
    )
    marks = html.select("sup.note-ref a")
    assert [(m["href"], m["id"], m.get_text()) for m in marks] == [
        ("#note-1", "ref-1", "Note 1"),
        ("#note-2", "ref-2", "Note 2"),
        ("#note-3", "ref-3", "Note 3"),
    ]
    assert "linktype" not in str(html) and "[Zeta report" not in str(html)
    assert [(n.number, n.source, n.locator, n.quote) for n in notes.notes] == [
        (1, zeta, "", ""),
        (2, alpha, "p. 4", ""),
        (3, zeta, "", "a “quoted” line"),
    ]
    assert notes.bibliography() == [alpha, zeta]  # by author, each once


def test_data_citations_share_a_note_per_source_and_locator(sources):
    zeta, alpha = sources
    notes = NoteList()
    notes.number_rich_text(f"<p>Text.{citation_db_html(zeta)}</p>")
    first = notes.cite(zeta, "table 2")
    second = notes.cite(zeta, "table 2")
    other = notes.cite(alpha)
    assert (first.note.number, second.note.number, other.note.number) == (2, 2, 3)
    assert first.note.ref_ids == ["ref-2", "ref-2-2"]
    assert [n.number for n in notes.text_notes] == [1]
    assert [n.number for n in notes.data_notes] == [2, 3]


def test_a_mark_shown_twice_keeps_its_id_only_once(sources):
    """A figure's mark in its table and again in the "what changed" summary: ids stay unique
    (a duplicate id is invalid HTML, and the note's back-link must have one target)."""
    mark = NoteList().cite(sources[0], "table 2")
    first, again = BeautifulSoup(str(mark) + str(mark), "html.parser").select("a")
    assert first["id"] == "ref-1" and not again.has_attr("id")
    assert first["href"] == again["href"] == "#note-1"


def test_notes_template_links_back_to_every_mark(client, cited_site):
    html = BeautifulSoup(client.get("/countries/la/").content, "html.parser")
    for note in html.select("li.notes__item"):
        for back in note.select(".notes__back a"):
            target = html.find(id=back["href"][1:])
            assert target is not None and target.name == "a"
            assert target["href"] == f"#{note['id']}"


def test_outside_a_numbered_document_a_citation_is_a_link_to_its_source(sources):
    zeta, _ = sources
    html = str(RichText(f"<p>Claim.{citation_db_html(zeta)}</p>"))
    link = f'<a class="citation-link" href="/sources/{zeta.slug}/">[Zeta report, 2006]</a>'
    assert html == f"<p>Claim.{link}</p>"


def test_stripping_citations(sources):
    zeta, alpha = sources
    stored = f"<p>A.{citation_db_html(zeta)} B.{citation_db_html(alpha)}</p>"
    assert strip_citations(stored) == "<p>A. B.</p>"


def test_the_editor_round_trip_keeps_source_locator_and_quote(sources):
    zeta, _ = sources
    stored = f"<p>Claim.{citation_db_html(zeta, locator='p. 12', quote='He said “no”')}</p>"
    converter = ContentstateConverter(features=["bold", "citation"])
    contentstate = converter.from_database_format(stored)
    entity = next(iter(json.loads(contentstate)["entityMap"].values()))
    assert entity["type"] == "CITATION" and entity["mutability"] == "IMMUTABLE"
    assert entity["data"] == {
        "id": zeta.pk,
        "label": "Zeta report, 2006",
        "title": "Zeta report",
        "locator": "p. 12",
        "quote": "He said “no”",
    }
    back = re.sub(r' data-block-key="[^"]+"', "", converter.to_database_format(contentstate))
    assert back == stored
