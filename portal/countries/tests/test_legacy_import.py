"""manage.py import_legacy_page: structure, footnote marks, sources, the anomaly report, and
idempotence, on fixtures written in the form of the old site's pages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portal.countries.legacy.marks import find_marks, longest_non_decreasing
from portal.countries.legacy.parser import parse
from portal.countries.models import CountryProfilePage
from portal.sources.models import Source

FIXTURES = Path(__file__).parent / "fixtures"
CONSISTENT = FIXTURES / "legacy_consistent.txt"
ANOMALIES = FIXTURES / "legacy_anomalies.txt"
SWAPPED = FIXTURES / "legacy_swapped_mark.txt"


def run(path: Path, country: str = "TH", *args: str) -> str:
    out = StringIO()
    call_command("import_legacy_page", str(path), "--country", country, *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("A sentence.1 Another.", [1]),
        ("Thailand,8 and Laos.9", [8, 9]),
        ("fees (months of wages),2 and debt", [2]),
        ("the ministry (Social Welfare)6 and", [6]),
        ("published in 2005.3 The next", [3]),
        ("opened in 2006,5 according to", [5]),
        ("in 2005\u20132006.9", [9]),  # en dash
        ("Tier 2 in 2006 and 180,000 people, 7.5 percent, 13% of them", []),
        ("12,500 returnees and a 2006/07 plan, COVID-19 and G20", []),
        ("see www.example.org/page2 and http://x.org/a3 for more", []),
        ("ເຮັດວຽກຢູ່ຕ່າງປະເທດ.7 ผู้หญิงบางคนถูกหลอกไปทำงาน8", [7, 8]),
        ("they were raped.14", [14]),
    ],
)
def test_footnote_marks(text, marks):
    found, _doubts = find_marks(text)
    assert [m.number for m in found] == marks


def test_numbers_that_may_be_marks_are_reported_not_guessed():
    marks, doubts = find_marks("The G20 summit. The count rose to 40.3 The next year")
    assert marks == []
    assert doubts == [
        "“G20” ends in 20: a code or a mark? Kept as text; add a citation by hand if it is a mark",
        "“40.3” could be a number or 40 followed by mark 3; kept as text",
    ]


def test_marks_in_order():
    assert longest_non_decreasing([1, 2, 3, 14, 5, 6, 14, 15]) == {0, 1, 2, 4, 5, 6, 7}


def test_structure_of_a_consistent_page():
    page = parse(CONSISTENT.read_text())
    assert [s.heading for s in page.sections] == [
        "Overview",
        "Government Action",
        "Regional Cooperation",
    ]
    assert [len(s.paragraphs) for s in page.sections] == [2, 2, 1]
    assert page.anomalies == []
    assert sorted(page.cited_numbers) == list(range(1, 10))
    assert page.notes[3].url == "http://example.org/survey-2005.pdf"
    assert page.notes[3].title == "Test Survey on Returning Migrants"
    assert page.notes[6].url == "http://www.example.net/news/issue2"
    assert any("Subscribe via RSS" in line for line in page.dropped)
    assert any(line.startswith("Home | Resources") for line in page.dropped)
    body = " ".join(p.text for _, _, p in page.paragraphs())
    assert "view all" not in body and "Academy" not in body


@pytest.mark.django_db
def test_import_creates_a_draft_profile_with_citations_and_sources(lao_site):
    output = run(CONSISTENT)
    assert (
        "3 sections, 5 paragraphs, 9 citations, 9 notes -> 6 sources (5 new, 1 already known)"
        in output
    )
    assert "No anomalies" in output and "Created a draft profile: Thailand." in output
    page = CountryProfilePage.objects.get(country__iso2="TH")
    assert not page.live and page.slug == "th"
    draft = page.get_latest_revision_as_object()
    sections = [block.value for block in draft.body]
    assert [s["heading"] for s in sections] == [
        "Overview",
        "Government Action",
        "Regional Cooperation",
    ]
    html = sections[0]["content"].source
    assert html.count('linktype="citation"') == 4
    assert "(often several months of wages),<a linktype=" in html
    assert "180,000" not in html and "12,500 returnees" in html
    # Notes 1, 2 and 5 name the same report: one source. Note 9 is a known source's old title.
    report = Source.objects.get(title="Test Ministry of Labour Annual Report 2006")
    assert html.count(f'id="{report.pk}"') == 2
    assert Source.objects.filter(title="Test Survey on Returning Migrants").count() == 1
    assert Source.objects.get(title="Shelter Network Newsletter").url == (
        "http://www.example.net/news/issue2"
    )
    tip = Source.objects.get(slug="us-dos-tip-2007")
    assert f'id="{tip.pk}"' in sections[2]["content"].source
    assert Source.objects.filter(title="รายงานทดสอบเรื่องแรงงาน").exists()
    assert "ເຮັດວຽກຢູ່ຕ່າງປະເທດ.<a linktype=" in sections[1]["content"].source


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(lao_site):
    run(CONSISTENT)
    page = CountryProfilePage.objects.get(country__iso2="TH")
    revisions, sources = page.revisions.count(), Source.objects.count()
    output = run(CONSISTENT)
    assert "No changes" in output
    assert page.revisions.count() == revisions
    assert Source.objects.count() == sources


@pytest.mark.django_db
def test_anomalies_are_reported_and_left_visible(lao_site):
    output = run(ANOMALIES)
    assert output.splitlines()[1:8] == [
        "Anomalies (6):",
        "  1. Situation in Brief, paragraph 1: “G20” ends in 20: a code or a mark? Kept as "
        "text; add a citation by hand if it is a mark",
        "  2. Situation in Brief, paragraph 1: “40.3” could be a number or 40 followed by mark "
        "3; kept as text",
        "  3. Situation in Brief, paragraph 3: mark 12 has no note; kept in the text as “[12?]”",
        "  4. Situation in Brief, paragraph 2: mark 5 is out of order (between marks 2 and 3); "
        "kept in the text as “[5?]”.",
        "  5. Note 5: “Test source five” is never cited",
        "  6. Note 7: “Test source seven” is never cited",
    ]
    draft = CountryProfilePage.objects.get(country__iso2="TH").get_latest_revision_as_object()
    html = "".join(block.value["content"].source for block in draft.body)
    assert "without papers.[5?]" in html and "are full.[12?]" in html
    assert "www.example.org/hotline2 for details" in html
    assert "6 point(s) to resolve before publishing" in draft.legacy_import_report
    assert "Test source seven" in draft.legacy_import_report
    # Uncited notes still become sources, for the editor to cite.
    assert Source.objects.filter(title="Test source seven").exists()


@pytest.mark.django_db
def test_a_mark_that_reads_a_later_number_is_reported_with_the_note_it_leaves_out(lao_site):
    output = run(SWAPPED)
    assert (
        "  1. First Part, paragraph 1: mark 12 where 2 is expected (between marks 1 and 3), so "
        "note 2 “Test report B” is never cited. Kept in the text as “[12?]” for the editor to "
        "resolve."
    ) in output
    assert "Anomalies (1):" in output
    draft = CountryProfilePage.objects.get(country__iso2="TH").get_latest_revision_as_object()
    html = "".join(block.value["content"].source for block in draft.body)
    assert "Test sentence two.[12?]" in html
    assert html.count('linktype="citation"') == 11  # the later, real mark 12 is a citation


@pytest.mark.django_db
def test_importing_over_a_published_profile_makes_a_draft(client, lao_profile):
    live_title = lao_profile.title
    output = run(CONSISTENT, "LA")
    assert "Saved a new draft of Lao PDR." in output
    lao_profile.refresh_from_db()
    assert lao_profile.live and lao_profile.has_unpublished_changes
    assert lao_profile.title == live_title
    assert "Overview" in client.get("/countries/la/").content.decode()  # still the live text
    draft = lao_profile.get_latest_revision_as_object()
    assert next(b.value["heading"] for b in draft.body) == "Overview"
    assert "Imported from legacy_consistent.txt" in draft.legacy_import_report


@pytest.mark.django_db
def test_dry_run_writes_nothing(lao_site):
    sources = Source.objects.count()
    output = run(ANOMALIES, "TH", "--dry-run")
    assert "Dry run: nothing was written." in output
    assert Source.objects.count() == sources
    assert not CountryProfilePage.objects.filter(country__iso2="TH").exists()


@pytest.mark.django_db
def test_bad_arguments_fail_clearly(lao_site, tmp_path):
    with pytest.raises(CommandError, match="No country with the ISO 3166-1 alpha-2 code 'XX'"):
        run(CONSISTENT, "XX")
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("Home | About Us | Contact Us\n\n© 2006 Someone. All Rights Reserved.\n")
    with pytest.raises(CommandError, match="has no section"):
        run(empty)
