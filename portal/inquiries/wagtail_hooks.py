from wagtail import hooks
from wagtail.admin.ui.components import Component

from .log_actions import LOG_ACTIONS
from .models import OPEN_STATUSES, Inquiry, Queue, Status
from .viewsets import inquiry_desk
from .viewsets.access import is_desk_member


@hooks.register("register_admin_viewset")
def register_inquiry_desk():
    return inquiry_desk


@hooks.register("register_log_actions")
def register_inquiry_log_actions(actions):
    for code, formatter in LOG_ACTIONS.items():
        actions.register_action(code)(formatter)


class DeskSummaryPanel(Component):
    """On the dashboard of desk members: what is waiting for them."""

    name = "inquiry_desk_summary"
    order = 50
    template_name = "inquiries/admin/dashboard_panel.html"

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None) -> dict:
        research = Inquiry.objects.in_queue(Queue.RESEARCH)
        general = Inquiry.objects.in_queue(Queue.GENERAL)
        return {
            "user_id": self.user.pk,
            "new_count": research.filter(status=Status.NEW).count(),
            "overdue_count": research.overdue().count(),
            "mine_count": research.filter(assignee=self.user, status__in=OPEN_STATUSES).count(),
            "messages_count": general.filter(status=Status.NEW).count(),
        }


@hooks.register("construct_homepage_panels")
def add_desk_summary(request, panels):
    if is_desk_member(request.user):
        panels.append(DeskSummaryPanel(request.user))
