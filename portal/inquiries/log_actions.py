"""How an inquiry's history reads: one log action per kind of step, with the changed values
spelled out ("Status: New → Assigned"). Log data never holds the requester's details."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .models import Inquiry, Status


def _field_label(field: str) -> str:
    return str(Inquiry._meta.get_field(field).verbose_name).capitalize()


def _value(field: str, value: str) -> str:
    if not value:
        return "—"
    if field == "status":
        try:
            return str(Status(value).label)
        except ValueError:
            return value
    return value


def describe_changes(changes: list[dict]) -> str:
    return "; ".join(
        "{}: {} → {}".format(
            _field_label(c["field"]), _value(c["field"], c["old"]), _value(c["field"], c["new"])
        )
        for c in changes
    )


class ChangesFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        changes = (log_entry.data or {}).get("changes") or []
        if not changes:
            return str(self.message)
        return f"{self.message}: {describe_changes(changes)}"


class Received(LogFormatter):
    label = _("Received")
    message = _("Received through the public form")


class Updated(ChangesFormatter):
    label = _("Case updated")
    message = _("Updated")


class NoteAdded(LogFormatter):
    label = _("Internal note")
    message = _("Internal note added")


class FollowUpLogged(ChangesFormatter):
    label = _("Follow-up logged")
    message = _("Follow-up from the requester logged")

    def format_message(self, log_entry) -> str:
        received = (log_entry.data or {}).get("received_on")
        text = super().format_message(log_entry)
        return f"{text} ({gettext('received')} {received})" if received else text


class AnswerSent(ChangesFormatter):
    label = _("Answer sent")
    message = _("Answer emailed to the requester")


class QADrafted(LogFormatter):
    label = _("Q&A drafted")
    message = _("Anonymised Q&A page drafted for review")


class Exported(LogFormatter):
    label = _("Data exported")
    message = _("Personal data exported at the requester's request")


class Erased(LogFormatter):
    label = _("Personal data erased")

    def format_message(self, log_entry) -> str:
        if (log_entry.data or {}).get("reason") == "retention":
            return gettext("Personal data erased at the end of the retention period")
        return gettext("Personal data erased at the requester's request")


LOG_ACTIONS = {
    "inquiries.received": Received,
    "inquiries.update": Updated,
    "inquiries.note": NoteAdded,
    "inquiries.follow_up": FollowUpLogged,
    "inquiries.answer": AnswerSent,
    "inquiries.qa_draft": QADrafted,
    "inquiries.export": Exported,
    "inquiries.erase": Erased,
}
