from django_tasks import task

from .extraction import extract_and_store


@task()
def extract_document_text(document_id: int) -> str | None:
    """Extract an uploaded document's text for search (see extraction.py)."""
    return extract_and_store(document_id)
