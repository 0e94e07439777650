"""Uploaded PDFs: their text is extracted in the background, stored and searchable."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection

from portal.library.models import DocumentText, ResourcePage
from portal.library.tasks import extract_document_text
from portal.search.engines import RELEVANCE, Filters, get_engine
from portal.search.query import parse
from portal.testing import build

from .conftest import pdf_bytes

REPORT_LINES = ("Recruitment of deckhands in Savannakhet", "Debt bondage & <unpaid> wages")


@pytest.mark.django_db
def test_uploading_a_pdf_stores_its_text(
    site_tree, make_document, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = make_document(pdf_bytes(*REPORT_LINES))
    assert len(callbacks) == 1
    stored = DocumentText.objects.get(document=document)
    assert stored.status == DocumentText.Status.EXTRACTED
    assert stored.pages == 1
    assert "Recruitment of deckhands in Savannakhet" in stored.text
    assert "Debt bondage & <unpaid> wages" in stored.text
    assert stored.file_hash == document.get_file_hash()

    # Saving the document again without a new file does not extract it again.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.title = "Renamed"
        document.save()
    assert callbacks == []


@pytest.mark.django_db
def test_text_extracted_later_is_searchable_and_part_of_the_search_text(site_tree, make_document):
    document = make_document(pdf_bytes(*REPORT_LINES))  # its extraction is still queued
    page = build.resource("Fishing report", document=document, countries=["LA"])
    assert "Savannakhet" not in page.get_search_text()
    assert not ResourcePage.objects.live().search("Savannakhet").results()

    assert extract_document_text.enqueue(document.pk).return_value == "extracted"

    page.refresh_from_db()
    assert "Recruitment of deckhands in Savannakhet" in page.get_search_text()
    assert "Savannakhet" in page.segmented_text()
    found = ResourcePage.objects.live().search("Savannakhet")
    assert [p.pk for p in found] == [page.pk]
    # The portal's own search (the reader's search page) finds it by the PDF's words too.
    outcome = get_engine().search(parse("deckhands Savannakhet"), Filters(), RELEVANCE, 0, 20)
    assert [hit.page_id for hit in outcome.hits] == [page.pk]


@pytest.mark.django_db
def test_damaged_and_non_pdf_files_are_recorded_not_crashed(site_tree, make_document):
    damaged = make_document(b"%PDF-1.7\nthis is not really a pdf", name="broken.pdf")
    assert extract_document_text.enqueue(damaged.pk).return_value == "failed"
    record = DocumentText.objects.get(document=damaged)
    assert record.error and record.text == ""

    sheet = make_document(b"a,b\n1,2\n", name="figures.csv")
    assert extract_document_text.enqueue(sheet.pk).return_value == "not-pdf"
    assert extract_document_text.enqueue(999_999).return_value is None


@pytest.mark.django_db(transaction=True)
def test_extraction_runs_in_the_task_worker(make_document):
    if not Collection.objects.exists():  # an earlier transactional test flushed the database
        Collection.add_root(name="Root")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        document = make_document(pdf_bytes("Queued text about Champasak"))
        queued = DBTaskResult.objects.filter(task_path__endswith="extract_document_text")
        assert queued.get().status == "READY"
        assert not DocumentText.objects.filter(document=document).exists()
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    assert queued.get().status == "SUCCESSFUL"
    assert "Champasak" in DocumentText.objects.get(document=document).text
