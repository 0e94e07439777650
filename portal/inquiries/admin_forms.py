"""Forms the desk's staff use in the admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from .conf import DESK_GROUP
from .models import Status

ANSWER_MAX_LENGTH = 20_000


def desk_members() -> QuerySet:
    """Who can be assigned an inquiry: active members of the desk group, and superusers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=DESK_GROUP) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class DeskMemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class CaseForm(forms.Form):
    """Status, assignee and due date."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    assignee = DeskMemberChoiceField(
        label=_("Assigned to"), queryset=desk_members(), required=False, empty_label=_("Nobody")
    )
    due_on = forms.DateField(label=_("Answer due"), required=False, widget=AdminDateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = desk_members()


def _text(label, help_text="", max_length=ANSWER_MAX_LENGTH) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NoteForm(forms.Form):
    body = _text(_("Internal note"), _("Seen only by the desk; never sent to the requester."))


class FollowUpForm(forms.Form):
    body = _text(
        _("The requester's reply"),
        _("Paste the text of the email the requester sent. The inquiry is reopened."),
    )
    received_on = forms.DateField(
        label=_("Received on"), initial=timezone.localdate, widget=AdminDateInput
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return received_on


class AnswerForm(forms.Form):
    body = _text(
        _("Answer"),
        _(
            "Emailed to the requester with your reply-to set to the desk, and stored here. "
            "Write it in the requester's preferred language if you can."
        ),
    )
    close = forms.BooleanField(
        label=_("Close the inquiry after sending"),
        required=False,
        help_text=_("Otherwise it is marked as answered and stays open for a follow-up."),
    )


class QADraftForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Remove anything that could identify the requester: names, organisations, places "
            "that point to them, dates of personal events."
        ),
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 12}))
    checked = forms.BooleanField(
        label=_("I have checked that the question and answer identify nobody."),
        error_messages={"required": _("Please check the texts and tick this box.")},
    )


class DataRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's email address"),
        help_text=_("Every inquiry and message sent from this address is included."),
    )


class EraseConfirmForm(DataRequestForm):
    confirm = forms.BooleanField(
        label=_("Erase this person's data now. This cannot be undone."),
        error_messages={"required": _("Please confirm the erasure.")},
    )
