"""The desk's admin: one queue per public form (research inquiries, contact messages), each
inquiry's case view, personal data requests. Registered from wagtail_hooks.py."""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Inquiry, Queue
from .access import desk_only
from .case import CaseView, QADraftView
from .data_requests import DataRequestViewSet
from .listing import InquiryIndexView
from .statistics import StatisticsViewSet


class InquiryViewSet(ModelViewSet):
    """A queue of inquiries. No add, copy or delete: inquiries come from the public forms, and
    personal data is removed by erasure, which keeps the anonymous statistics."""

    model = Inquiry
    queue = Queue.RESEARCH
    index_view_class = InquiryIndexView
    edit_view_class = CaseView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    search_fields = InquiryIndexView.search_fields
    search_backend_name = None
    default_ordering = "due_on"

    def construct_view(self, view_class, **kwargs):
        # Every view of the desk is closed to everyone outside the desk group (403).
        return desk_only(super().construct_view(view_class, **kwargs))

    def get_common_view_kwargs(self, **kwargs):
        # Views that do not exist here (see get_urlpatterns) must not be linked to.
        return super().get_common_view_kwargs(
            add_url_name=None, delete_url_name=None, usage_url_name=None, **kwargs
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queue=self.queue,
            default_ordering=self.default_ordering,
            page_title=self.menu_label,
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return {
            **self.get_common_view_kwargs(),
            "qa_url_name": self.get_url_name("qa_draft"),
            "data_request_url_name": "inquiry_data_requests:index",
            **kwargs,
        }

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path(
                "qa/<int:pk>/",
                self.construct_view(QADraftView, **self.get_edit_view_kwargs()),
                name="qa_draft",
            ),
        ]

    def register_admin_url_finder(self) -> None:
        register_admin_url_finder(Inquiry, InquiryURLFinder)

    def get_permissions_to_register(self):
        # Listed once, under the research queue, in the group permission editor.
        if self.queue != Queue.RESEARCH:
            return super().get_permissions_to_register().none()
        return super().get_permissions_to_register()


class ContactMessageViewSet(InquiryViewSet):
    queue = Queue.GENERAL
    default_ordering = "-submitted_at"


class InquiryURLFinder(ModelAdminURLFinder):
    """Links to an inquiry lead to the queue it belongs to."""

    def construct_edit_url(self, instance: Inquiry) -> str:
        name = VIEWSET_NAMES.get(instance.queue, VIEWSET_NAMES[Queue.RESEARCH])
        return reverse(f"{name}:edit", args=(quote(instance.pk),))


VIEWSET_NAMES = {Queue.RESEARCH: "inquiries", Queue.GENERAL: "contact_messages"}

inquiry_viewset = InquiryViewSet(
    VIEWSET_NAMES[Queue.RESEARCH], menu_label=_("Research inquiries"), icon="help"
)
contact_message_viewset = ContactMessageViewSet(
    VIEWSET_NAMES[Queue.GENERAL], menu_label=_("Contact messages"), icon="mail"
)
data_request_viewset = DataRequestViewSet()
statistics_viewset = StatisticsViewSet()


class InquiryDeskViewSetGroup(ViewSetGroup):
    menu_label = _("Inquiry desk")
    menu_icon = "help"
    menu_order = 250
    items = (inquiry_viewset, contact_message_viewset, data_request_viewset, statistics_viewset)


inquiry_desk = InquiryDeskViewSetGroup()
