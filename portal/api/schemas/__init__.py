from .common import ERRORS, ErrorOut, ItemOut, ValidationErrorOut, paged
from .countries import CitationOut, CountryOut, FigureOut, FlowOut, SourceOut
from .pages import (
    EventOut,
    OrganizationOut,
    PageOut,
    ResourceOut,
    SearchResultOut,
    TopicOut,
    UpdateOut,
)

__all__ = [
    "ERRORS",
    "CitationOut",
    "CountryOut",
    "ErrorOut",
    "EventOut",
    "FigureOut",
    "FlowOut",
    "ItemOut",
    "OrganizationOut",
    "PageOut",
    "ResourceOut",
    "SearchResultOut",
    "SourceOut",
    "TopicOut",
    "UpdateOut",
    "ValidationErrorOut",
    "paged",
]
