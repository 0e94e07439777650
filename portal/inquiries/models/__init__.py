from .inquiry import (
    OPEN_STATUSES,
    EntryKind,
    Inquiry,
    InquiryEntry,
    Queue,
    ReferenceCounter,
    Role,
    Status,
)
from .pages import (
    AnsweredQuestionIndexPage,
    AnsweredQuestionPage,
    ContactPage,
    InquiryCornerPage,
)

__all__ = [
    "OPEN_STATUSES",
    "AnsweredQuestionIndexPage",
    "AnsweredQuestionPage",
    "ContactPage",
    "EntryKind",
    "Inquiry",
    "InquiryCornerPage",
    "InquiryEntry",
    "Queue",
    "ReferenceCounter",
    "Role",
    "Status",
]
