from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutgoingEmail


def _not_available(request, *args, **kwargs):
    raise PermissionDenied


class OutgoingEmailViewSet(ModelViewSet):
    """The outbox, read-only, for staff given "view outgoing email" (it holds addresses)."""

    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "subject",
        "purpose",
        "reference",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "reference"]
    inspect_view_fields = [
        "purpose",
        "reference",
        "from_email",
        "to",
        "reply_to",
        "subject",
        "body_text",
        "status",
        "attempts",
        "next_attempt_at",
        "last_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "message_id",
    ]

    def get_urlpatterns(self) -> list:
        # Records are written by the application: no add, edit, copy or delete views at all.
        read_only = {"index", "index_results", "inspect", "history", "history_results", "usage"}
        return [p for p in super().get_urlpatterns() if p.name in read_only]

    @property
    def add_view(self):  # never routed (see get_urlpatterns); a stand-in keeps path() happy
        return _not_available

    edit_view = delete_view = copy_view = add_view


outgoing_email_viewset = OutgoingEmailViewSet("outgoing_email")
