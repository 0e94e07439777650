from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts.hooks import ACCOUNT_PANELS_HOOK
from portal.core.hooks import COUNTRY_PANELS_HOOK

from .panels import account_panel, add_awaiting_review_panel, country_panel
from .viewsets import NeedsViewSetGroup


@hooks.register("register_admin_viewset")
def register_needs_viewsets():
    return NeedsViewSetGroup()


@hooks.register("register_log_actions")
def register_needs_log_actions(actions):
    actions.register_action("needs.approve", _("Approve"), _("Approved"))
    actions.register_action("needs.request_changes", _("Ask for changes"), _("Changes requested"))
    actions.register_action("needs.reject", _("Reject"), _("Rejected"))
    actions.register_action("needs.status", _("Change status"), _("Status changed"))


hooks.register("construct_homepage_panels", add_awaiting_review_panel)
hooks.register(COUNTRY_PANELS_HOOK, country_panel)
hooks.register(ACCOUNT_PANELS_HOOK, account_panel)
