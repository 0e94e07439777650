"""One inquiry as the desk works on it: the request, the thread (notes, answers, follow-ups),
the recent history, and a form for each step. Every POST goes through casework.py."""

from django.contrib.admin.utils import quote
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from portal.mailer.models import OutgoingEmail

from .. import casework, qa
from ..admin_forms import AnswerForm, CaseForm, FollowUpForm, NoteForm, QADraftForm
from ..models import EntryKind, Status

CASE_FORMS = {
    "update": CaseForm,
    "note": NoteForm,
    "follow_up": FollowUpForm,
    "answer": AnswerForm,
}
# The case page's forms, in the order staff need them: (action, heading, button).
ACTION_LABELS = [
    ("answer", gettext_lazy("Answer the requester by email"), gettext_lazy("Send the answer")),
    ("follow_up", gettext_lazy("Log a reply from the requester"), gettext_lazy("Log it")),
    ("note", gettext_lazy("Add an internal note"), gettext_lazy("Add the note")),
    ("update", gettext_lazy("Status, assignee and due date"), gettext_lazy("Save")),
]


class CaseView(InspectView):
    """Served at the viewset's "edit" URL, so every link to an inquiry leads here."""

    template_name = "inquiries/admin/case.html"
    page_title = gettext_lazy("Inquiry")
    any_permission_required = None
    permission_required = "view"
    history_url_name = None
    qa_url_name = None
    data_request_url_name = None

    def get_page_subtitle(self) -> str:
        return self.object.reference

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if not self.object.is_erased:
            # The audit trail (action registered by portal.operations): who read whose details.
            log(self.object, "audit.viewed", user=request.user)
        return response

    def get_edit_url(self) -> None:
        return None  # this is the edit view; no breadcrumb to itself

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[0]["label"] = self.object.get_queue_display()  # the queue, not "Inquiries"
        items[-1] = {"url": "", "label": self.object.reference}
        return items

    @cached_property
    def can_change(self) -> bool:
        return self.user_has_permission("change")

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(
                _("History"),
                url=reverse(self.history_url_name, args=(quote(self.object.pk),)),
                icon_name="history",
                priority=10,
            )
        ]
        if self.object.email and self.data_request_url_name:
            buttons.append(
                Button(
                    _("Export or erase this person's data"),
                    url=reverse(self.data_request_url_name) + f"?inquiry={self.object.pk}",
                    icon_name="user",
                    priority=20,
                )
            )
        return buttons

    def initial_forms(self) -> dict:
        inquiry = self.object
        return {
            "update": CaseForm(
                initial={
                    "status": inquiry.status,
                    "assignee": inquiry.assignee_id,
                    "due_on": inquiry.due_on,
                },
                prefix="update",
            ),
            "note": NoteForm(prefix="note"),
            "follow_up": FollowUpForm(prefix="follow_up"),
            "answer": AnswerForm(prefix="answer"),
        }

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self.can_change:
            return TemplateResponse(request, "inquiries/admin/forbidden.html", status=403)
        action = request.POST.get("action", "")
        if action not in CASE_FORMS:
            return HttpResponseRedirect(request.path)
        if self.object.is_erased and action != "update":
            messages.error(request, _("This inquiry's personal data has been erased."))
            return HttpResponseRedirect(request.path)
        form = CASE_FORMS[action](request.POST, prefix=action)
        if not form.is_valid():
            messages.error(request, _("Please correct the errors below."))
            forms = self.initial_forms()
            forms[action] = form
            return self.render_to_response(self.get_context_data(forms=forms, open_form=action))
        self.perform(action, form.cleaned_data)
        return HttpResponseRedirect(request.path)

    def perform(self, action: str, data: dict) -> None:
        user, inquiry, request = self.request.user, self.object, self.request
        if action == "update":
            changes = casework.update_case(
                inquiry,
                user,
                status=data["status"],
                assignee=data["assignee"],
                due_on=data["due_on"],
            )
            if changes:
                messages.success(request, _("%(reference)s updated.") % {"reference": inquiry})
            else:
                messages.info(request, _("Nothing was changed."))
        elif action == "note":
            casework.add_note(inquiry, user, data["body"])
            messages.success(request, _("Note added."))
        elif action == "follow_up":
            casework.log_follow_up(inquiry, user, data["body"], data["received_on"])
            messages.success(request, _("Follow-up logged; the inquiry is open again."))
        elif action == "answer":
            casework.answer(inquiry, user, data["body"], close=data["close"])
            messages.success(
                request,
                _("Answer stored and queued for sending to the requester (%(reference)s).")
                % {"reference": inquiry},
            )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        inquiry = self.object
        forms = kwargs.get("forms") or self.initial_forms()
        context.update(
            {
                "inquiry": inquiry,
                "action_forms": [
                    {"action": action, "summary": summary, "button": button, "form": forms[action]}
                    for action, summary, button in ACTION_LABELS
                    if action == "update" or not inquiry.is_erased
                ],
                "open_form": kwargs.get("open_form") or "update",
                "can_change": self.can_change,
                "entries": inquiry.entries.select_related("author", "email"),
                "history": log_registry.get_logs_for_instance(inquiry).select_related("user")[:10],
                "history_url": reverse(self.history_url_name, args=(quote(inquiry.pk),)),
                "qa_url": self._qa_url(),
                "acknowledgement": OutgoingEmail.objects.filter(
                    reference=inquiry.reference, purpose="inquiries.acknowledgement"
                ).first(),
                "edit_url_name": self.edit_url_name,
                "EntryKind": EntryKind,
            }
        )
        return context

    def _qa_url(self) -> str | None:
        inquiry = self.object
        answered = inquiry.entries.filter(kind=EntryKind.ANSWER).exists()
        if (
            self.can_change
            and self.qa_url_name
            and answered
            and not inquiry.is_erased
            and inquiry.status in (Status.ANSWERED, Status.CLOSED)
        ):
            return reverse(self.qa_url_name, args=(quote(inquiry.pk),))
        return None


class QADraftView(CaseView):
    """Propose an anonymised Q&A from an answered inquiry; create it as a draft page."""

    template_name = "inquiries/admin/qa_draft.html"
    page_title = gettext_lazy("Make an anonymised Q&A")
    permission_required = "change"

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1] = {
            "url": reverse(self.edit_url_name, args=(quote(self.object.pk),)),
            "label": self.object.reference,
        }
        return [*items, {"url": "", "label": str(self.page_title)}]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self._qa_url():
            messages.error(request, _("Only an answered inquiry can become a Q&A."))
            return redirect(self.edit_url_name, quote(self.object.pk))
        form = QADraftForm(initial=qa.proposal(self.object))
        return self.render_to_response(self.get_context_data(qa_form=form))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not self._qa_url():
            return redirect(self.edit_url_name, quote(self.object.pk))
        form = QADraftForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(qa_form=form))
        try:
            page = qa.create_draft(
                self.object,
                request.user,
                title=form.cleaned_data["title"],
                question=form.cleaned_data["question"],
                answer=form.cleaned_data["answer"],
            )
        except qa.NoIndexPage as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(qa_form=form))
        messages.success(
            request,
            _("Draft Q&A “%(title)s” created. Submit it for moderation to publish it.")
            % {"title": page.title},
        )
        if page.permissions_for_user(request.user).can_edit():
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect(self.edit_url_name, quote(self.object.pk))

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["qa_form"] = kwargs.get("qa_form")
        return context
