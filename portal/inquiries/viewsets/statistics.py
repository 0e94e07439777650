"""The desk's anonymous statistics, one year at a time."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import statistics
from .data_requests import DeskPageViewSet


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "inquiries/admin/statistics.html"
    page_title = gettext_lazy("Inquiry statistics")
    header_icon = "table"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        years = statistics.years() or [timezone.localdate().year]
        try:
            year = int(request.GET.get("year", years[0]))
        except ValueError:
            year = years[0]
        if year not in years:
            year = years[0]
        context = self.get_context_data(years=years, stats=statistics.for_year(year))
        return self.render_to_response(context)


class StatisticsViewSet(DeskPageViewSet):
    name = "inquiry_statistics"
    icon = "table"
    menu_label = gettext_lazy("Statistics")
    view_class = StatisticsView
