"""A person's request about their data: find everything sent from one email address, download
it as JSON, or erase it (keeping only anonymous statistics)."""

import json

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permissions import policy_registry

from portal.security.reverify import RecentSecondFactorRequiredMixin

from .. import privacy
from ..admin_forms import DataRequestForm, EraseConfirmForm
from ..models import Inquiry
from .access import desk_only


def _policy():
    return policy_registry.get_by_type(Inquiry)


class DataRequestView(RecentSecondFactorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Export and erase happen here: the second factor must have been passed recently."""

    template_name = "inquiries/admin/data_request.html"
    page_title = gettext_lazy("Personal data requests")
    header_icon = "user"

    def can(self, action: str) -> bool:
        return _policy().user_has_permission(self.request.user, action)

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Addresses travel in POST bodies only, never in URLs (which end up in logs); a case
        # page links here with the inquiry's id instead.
        email = ""
        inquiry_id = request.GET.get("inquiry", "")
        if inquiry_id.isdigit():
            inquiry = Inquiry.objects.filter(pk=int(inquiry_id)).first()
            email = inquiry.email if inquiry else ""
        form = DataRequestForm(initial={"email": email})
        return self.render_to_response(self.get_context_data(form=form, email=email))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        action = request.POST.get("action")
        if action == "erase":
            return self.erase()
        form = DataRequestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, email=""))
        email = form.cleaned_data["email"]
        if action == "export":
            return self.export(email)
        return self.render_to_response(self.get_context_data(form=form, email=email))

    def erase(self) -> HttpResponse:
        request = self.request
        if not self.can("delete"):
            return TemplateResponse(request, "inquiries/admin/forbidden.html", status=403)
        form = EraseConfirmForm(request.POST)
        if not form.is_valid():
            email = request.POST.get("email", "")
            return self.render_to_response(
                self.get_context_data(
                    form=DataRequestForm({"email": email}), email=email, erase_form=form
                )
            )
        references = privacy.erase_person(form.cleaned_data["email"], request.user)
        messages.success(
            request,
            _("Personal data erased from %(count)d inquiries: %(references)s.")
            % {"count": len(references), "references": ", ".join(references) or "—"},
        )
        return self.render_to_response(self.get_context_data(form=DataRequestForm(), email=""))

    def export(self, email: str) -> HttpResponse:
        data = privacy.export_person(email)
        privacy.log_export(email, self.request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"personal-data-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        email = kwargs.get("email", "")
        context["inquiries"] = (
            Inquiry.objects.for_email(email).with_personal_data().order_by("submitted_at")
            if email
            else None
        )
        context["erase_form"] = kwargs.get("erase_form") or EraseConfirmForm(
            initial={"email": email}
        )
        context["can_erase"] = self.can("delete")
        return context


class DeskMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return _policy().user_has_any_permission(request.user, ["view", "change", "delete"])


class DeskPageViewSet(ViewSet):
    """One admin page of the desk, shown in the menu and served to desk members only."""

    view_class: type[View] = View
    menu_item_class = DeskMenuItem

    def get_urlpatterns(self) -> list:
        return [path("", desk_only(self.view_class.as_view()), name="index")]


class DataRequestViewSet(DeskPageViewSet):
    name = "inquiry_data_requests"
    icon = "user"
    menu_label = gettext_lazy("Personal data requests")
    view_class = DataRequestView
