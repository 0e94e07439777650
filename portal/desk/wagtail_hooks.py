from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import may_use_dashboard
from .views import NeedsReviewView


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("needs-review/", NeedsReviewView.as_view(), name="desk_needs_review")]


class NeedsReviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_use_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_needs_review_menu_item():
    return NeedsReviewMenuItem(
        _("Needs review"), reverse("desk_needs_review"), icon_name="tasks", order=150
    )
