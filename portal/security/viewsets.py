"""Lockouts in the admin: who is locked out (account or address), since when, and lifting it."""

import logging

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

logger = logging.getLogger("portal.security")


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Attempts are recorded by axes only: staff may view and lift (delete), never edit."""

    def user_has_permission(self, user, action: str) -> bool:
        if action in ("add", "change"):
            return False
        if action == "view":
            action = "delete"
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutIndexView(IndexView):
    page_title = _("Sign-in lockouts")


class LiftLockoutView(DeleteView):
    page_title = _("Lift lockout")
    success_message = _("Lockout lifted: %(object)s can sign in again.")

    def confirmation_message(self):
        return _(
            "Lift the lockout of %(object)s? Its failed attempts are forgotten and signing in "
            "works again at once."
        ) % {"object": self.object}

    def get_success_message(self):
        return str(self.success_message) % {"object": self.object}

    def delete_action(self):
        logger.warning(
            "Sign-in lockout lifted by %s (attempt %s)", self.request.user.pk, self.object.pk
        )
        super().delete_action()


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "security_lockouts"
    url_prefix = "security/lockouts"
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = LockoutIndexView
    delete_view_class = LiftLockoutView
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info"]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]
    inspect_view_fields = [
        "username",
        "ip_address",
        "failures_since_start",
        "attempt_time",
        "path_info",
        "user_agent",
    ]


lockouts = LockoutViewSet()
