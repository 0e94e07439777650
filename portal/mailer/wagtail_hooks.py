from wagtail import hooks
from wagtail.permissions import register_permission_policy

from portal.core.admin_permissions import ReadOnlyPermissionPolicy

from .models import OutgoingEmail
from .viewsets import outgoing_email_viewset

register_permission_policy(OutgoingEmail, ReadOnlyPermissionPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return outgoing_email_viewset
