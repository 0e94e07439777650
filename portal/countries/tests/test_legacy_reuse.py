"""The importer's reuse decisions: a per-country report is reused only for its country (an
"also cited as" title alone never crosses countries), a global report is reused everywhere,
near matches get a new source with the reason, titles lose the addresses cut out of them, and
every decision is in the report (command output and the draft's Import tab)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.countries.legacy.parser import clean_title, split_note_text
from portal.countries.models import CountryProfilePage
from portal.sources.models import Source

FIXTURES = Path(__file__).parent / "fixtures"
CAMBODIA = FIXTURES / "legacy_cambodia_sources.txt"
VIET_NAM = FIXTURES / "legacy_viet_nam_sources.txt"
LAOS_HRR = "Country Reports on Human Rights Practices 2006: Laos"
HRR_NOTE = "2006 US Department of State Human Rights Report"


def run(path: Path, country: str, *args: str) -> str:
    out = StringIO()
    call_command("import_legacy_page", str(path), "--country", country, *args, stdout=out)
    return out.getvalue()


def decisions(output: str) -> list[str]:
    return [line.removeprefix("  - ") for line in output.splitlines() if line.startswith("  - ")]


def cited_source_ids(iso2: str) -> set[int]:
    draft = CountryProfilePage.objects.get(country__iso2=iso2).get_latest_revision_as_object()
    html = "".join(block.value["content"].source for block in draft.body)
    return {int(part.split('"', 1)[0]) for part in html.split(' id="')[1:]}


@pytest.mark.parametrize(
    ("text", "title", "url"),
    [
        (
            "ILO: Child labour survey (http://www.example.org/a.pdf)",
            "ILO: Child labour survey",
            "http://www.example.org/a.pdf",
        ),
        (
            "ILO: Child labour survey (http://www.example.org/a.pdf",
            "ILO: Child labour survey",
            "http://www.example.org/a.pdf",
        ),
        ("Test News [www.example.com/n/1].", "Test News", "http://www.example.com/n/1"),
        ("Review, available at www.example.net/r.", "Review", "http://www.example.net/r"),
        ("Survey 2005 <http://example.org/s>; ", "Survey 2005", "http://example.org/s"),
        (
            "Wiki (https://en.wikipedia.org/wiki/A_(b))",
            "Wiki",
            "https://en.wikipedia.org/wiki/A_(b)",
        ),
        ("A report (2006), http://example.org/r", "A report (2006)", "http://example.org/r"),
        ("UNIAP: Lao PDR Overview", "UNIAP: Lao PDR Overview", ""),
    ],
)
def test_titles_are_cleaned_after_the_address_is_cut_out(text, title, url):
    assert split_note_text(text) == (title, url)


def test_clean_title_leaves_balanced_text_alone():
    assert clean_title("  Lao PDR: The Situation (2006 edition)  ") == (
        "Lao PDR: The Situation (2006 edition)"
    )
    assert clean_title("Report ( ) , ") == "Report"


@pytest.mark.django_db
def test_a_per_country_report_is_not_reused_for_another_country(lao_site):
    laos_report = Source.objects.get(title=LAOS_HRR)
    tip = Source.objects.get(slug="us-dos-tip-2007")
    lao_overview = Source.objects.get(title="Lao PDR Overview")
    output = run(CAMBODIA, "KH")
    assert decisions(output) == [
        f"Note 1 “{HRR_NOTE}”: new source “{HRR_NOTE}: Cambodia”; similar to “{LAOS_HRR}”, "
        "not reused: alias only; country: it is about Lao PDR, this page is about Cambodia",
        "Note 2 “2007 US Department of State Trafficking in Persons Report”: reused "
        "“Trafficking in Persons Report 2007” (alias; year 2007; not about one country)",
        f"Note 3 “{HRR_NOTE}”: same source as note 1 (same title)",
        "Note 4 “2007 US Department of State Trafficking in Persons Report”: same source as "
        "note 2 (same title)",
        "Note 5 “ILO: Test survey of working children in Cambodia”: new source “ILO: Test "
        "survey of working children in Cambodia” (no known source has this title)",
        "Note 6 “Test Shelter Network: annual review”: new source “Test Shelter Network: "
        "annual review” (no known source has this title)",
        "Note 7 “UNIAP: Lao PDR Overview”: reused “Lao PDR Overview” (alias; country Lao PDR)",
        "Note 8 “2008 US Department of State Trafficking in Persons Report”: new source “2008 "
        "US Department of State Trafficking in Persons Report”; similar to “Trafficking in "
        "Persons Report 2007”, not reused: year: the note gives 2008, the source 2007",
        "Note 9 “Test Mekong News”: new source “Test Mekong News” (no known source has this title)",
    ]
    cambodia_report = Source.objects.get(title=f"{HRR_NOTE}: Cambodia")
    assert cambodia_report.alternative_title_list() == [HRR_NOTE]
    assert "for Cambodia (KH)" in cambodia_report.notes
    cited = cited_source_ids("KH")
    assert laos_report.pk not in cited
    assert {cambodia_report.pk, tip.pk, lao_overview.pk} <= cited
    # The addresses went into the sources' link field, the titles lost their brackets.
    assert Source.objects.get(title="ILO: Test survey of working children in Cambodia").url == (
        "http://www.example.org/ilo/survey.pdf"
    )
    assert Source.objects.get(title="Test Shelter Network: annual review").url == (
        "http://www.example.net/review-2006"
    )
    assert Source.objects.get(title="Test Mekong News").url == (
        "http://www.example.com/news/2006/meeting"
    )
    assert not Source.objects.filter(title__regex=r"[(\[]\s*$").exists()


@pytest.mark.django_db
def test_each_country_gets_its_own_edition_and_the_global_report_is_shared(lao_site):
    run(CAMBODIA, "KH")
    output = run(VIET_NAM, "VN")
    assert decisions(output) == [
        f"Note 1 “{HRR_NOTE}”: new source “{HRR_NOTE}: Viet Nam”; similar to “{HRR_NOTE}: "
        "Cambodia”, not reused: alias only; country: it is about Cambodia, this page is about "
        "Viet Nam",
        "Note 2 “UNIAP: Lao PDR Overview”: reused “Lao PDR Overview” (alias; country Lao PDR)",
        "Note 3 “2007 US Department of State Trafficking in Persons Report”: reused "
        "“Trafficking in Persons Report 2007” (alias; year 2007; not about one country)",
        "Note 4 “Country Reports on Human Rights Practices 2006: Vietnam”: new source “Country "
        "Reports on Human Rights Practices 2006: Vietnam”; similar to “Country Reports on "
        "Human Rights Practices 2006: Laos”, not reused: country: it is about Lao PDR, this "
        "page is about Viet Nam",
    ]
    tip = Source.objects.get(slug="us-dos-tip-2007")
    assert tip.pk in cited_source_ids("KH") and tip.pk in cited_source_ids("VN")
    assert Source.objects.filter(title__startswith=HRR_NOTE).count() == 2
    assert not cited_source_ids("KH") & cited_source_ids("VN") - {
        tip.pk,
        Source.objects.get(title="Lao PDR Overview").pk,
    }


@pytest.mark.django_db
def test_the_report_of_the_countrys_own_edition_is_reused(lao_site):
    """The same note on a page for Laos finds the Laos report; on Cambodia's page again, the
    Cambodia edition the first import created."""
    laos_report = Source.objects.get(title=LAOS_HRR)
    output = run(CAMBODIA, "LA")
    assert decisions(output)[0] == (
        f"Note 1 “{HRR_NOTE}”: reused “{LAOS_HRR}” (alias; year 2006; country Lao PDR)"
    )
    assert laos_report.pk in cited_source_ids("LA")
    run(CAMBODIA, "KH")
    sources = Source.objects.count()
    again = run(CAMBODIA, "KH")
    assert "No changes" in again
    assert Source.objects.count() == sources
    assert decisions(again)[0] == (
        f"Note 1 “{HRR_NOTE}”: reused “{HRR_NOTE}: Cambodia” (alias; year 2006; country Cambodia)"
    )
    assert "Note 5 “ILO: Test survey of working children in Cambodia”: reused" in again


@pytest.mark.django_db
def test_a_source_an_import_created_stays_with_its_country(lao_site):
    """A source named by no country in its title, created from one country's page, is not
    reused for another's: the importer cannot know it is not about that country."""
    run(CAMBODIA, "KH")
    output = run(CAMBODIA, "TH", "--dry-run")
    assert (
        "Note 6 “Test Shelter Network: annual review”: new source “Test Shelter Network: "
        "annual review: Thailand”; similar to “Test Shelter Network: annual review”, not "
        "reused: same title only; country: it is about Cambodia, this page is about Thailand"
    ) in decisions(output)


@pytest.mark.django_db
def test_decisions_are_in_the_drafts_import_tab(admin_client, lao_site):
    run(CAMBODIA, "KH")
    page = CountryProfilePage.objects.get(country__iso2="KH")
    draft = page.get_latest_revision_as_object()
    assert "Sources, note by note (reused or new, and why):" in draft.legacy_import_report
    assert f"similar to “{LAOS_HRR}”, not reused" in draft.legacy_import_report
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Sources, note by note" in html
    assert "not reused: alias only; country: it is about Lao PDR" in html
