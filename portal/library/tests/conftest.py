import pytest
from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.documents import get_document_model


def pdf_bytes(*lines: str) -> bytes:
    """A real PDF with the given lines of text, as an office suite would write it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture
def make_document():
    def make(content: bytes, name: str = "report.pdf", title: str = "A report"):
        return get_document_model().objects.create(title=title, file=ContentFile(content, name))

    return make
