"""Text of uploaded PDFs, for search. Runs in the task worker: a large PDF takes seconds."""

import logging

from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.search import index

from .models import DocumentText, ResourcePage

logger = logging.getLogger(__name__)

# Enough for a long report; beyond this the text adds little to search and bloats the index.
MAX_TEXT_CHARS = 2_000_000


def is_pdf(document) -> bool:
    return document.file_extension.lower() == "pdf"


def read_pdf_text(file) -> tuple[str, int]:
    reader = PdfReader(file)
    if reader.is_encrypted:
        reader.decrypt("")  # many published PDFs are "encrypted" with an empty password
    texts = []
    total = 0
    for pdf_page in reader.pages:
        text = pdf_page.extract_text() or ""
        texts.append(text)
        total += len(text)
        if total > MAX_TEXT_CHARS:
            break
    return "\n".join(texts)[:MAX_TEXT_CHARS], len(reader.pages)


def extract_and_store(document_id: int) -> str | None:
    """Extract a document's text into DocumentText and re-index the resources that use it.
    Returns the status, or None when the document no longer exists."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    file_hash = document.get_file_hash()
    values = {"file_hash": file_hash, "text": "", "pages": None, "error": ""}
    if not is_pdf(document):
        values["status"] = DocumentText.Status.NOT_PDF
    else:
        try:
            with document.open_file() as file:
                values["text"], values["pages"] = read_pdf_text(file)
            values["status"] = DocumentText.Status.EXTRACTED
        except Exception as error:  # a damaged or hostile upload must not stop the worker
            logger.warning("Could not read the text of document %s: %s", document_id, error)
            values["status"] = DocumentText.Status.FAILED
            values["error"] = f"{type(error).__name__}: {error}"[:2000]
    DocumentText.objects.update_or_create(document=document, defaults=values)
    for resource in ResourcePage.objects.filter(document=document):
        index.insert_or_update_object(resource)
    return values["status"]


def stored_text(document_id: int) -> str:
    return (
        DocumentText.objects.filter(document_id=document_id).values_list("text", flat=True).first()
        or ""
    )


def needs_extraction(document) -> bool:
    stored = DocumentText.objects.filter(document=document).values_list("file_hash", flat=True)
    current = list(stored)
    return not current or not document.file_hash or current[0] != document.file_hash
