"""Admin: the "Needs review" dashboard (see dashboard.py for what it lists)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .dashboard import may_use_dashboard, sections_for


class NeedsReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "desk/admin/needs_review.html"
    page_title = gettext_lazy("Needs review")
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_use_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["sections"] = sections_for(self.request.user)
        return context
