"""The queue: a listing of inquiries with status, assignee, due date, overdue marker, filters
and search."""

import django_filters
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView

from ..admin_forms import desk_members
from ..models import Inquiry, Role, Status


def overdue_marker(inquiry: Inquiry) -> str:
    if inquiry.is_overdue:
        days = (timezone.localdate() - inquiry.due_on).days
        return format_html(
            '<span class="w-status w-status--label inquiries-overdue">{}</span> {}',
            _("Overdue"),
            _("by %(days)s days") % {"days": days},
        )
    return ""


def due_date_label(inquiry: Inquiry) -> str:
    # A calendar date: shown as one ("12 Dec 2026"), not as a relative time like "just now".
    return date_format(inquiry.due_on, "DATE_FORMAT") if inquiry.due_on else "—"


def assignee_label(inquiry: Inquiry) -> str:
    user = inquiry.assignee
    return (user.get_full_name() or user.get_username()) if user else "—"


class InquiryFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=CheckboxSelectMultiple
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=desk_members(), null_label=_("Nobody")
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Inquiry
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["assignee"].queryset = desk_members()

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Inquiry.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class InquiryIndexView(IndexView):
    queue: str = ""
    filterset_class = InquiryFilterSet
    # Plain database search: inquiries hold personal data and stay out of the search index.
    search_fields = ["reference", "name", "email", "organization", "subject", "question"]
    search_backend_name = None
    page_size = 50

    @property
    def columns(self):
        return [
            self._get_title_column("reference"),
            Column("summary", label=_("Subject or question")),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("assignee", label=_("Assigned to"), accessor=assignee_label),
            Column("due_on", label=_("Answer due"), accessor=due_date_label, sort_key="due_on"),
            Column("overdue", label=_("Overdue"), accessor=overdue_marker),
            DateColumn("submitted_at", label=_("Received"), sort_key="submitted_at"),
        ]

    def get_list_more_buttons(self, instance) -> list:
        return []  # the reference opens the case, where everything else is

    def get_base_queryset(self):
        return super().get_base_queryset().filter(queue=self.queue).select_related("assignee")
