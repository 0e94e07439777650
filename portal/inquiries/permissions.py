"""The "Inquiry desk" group: the only staff who see inquiries (they hold personal data).

Editors and Moderators get no inquiry permissions at all; a person who works on both sides is
put in both groups. `ensure_desk_group` takes an `apps` registry so that the data migration and
test fixtures share it.
"""

from typing import Any

from portal.core.permissions import create_all_permissions, grant_model_permissions

from .conf import DESK_GROUP

DESK_MODEL_PERMISSIONS = ["view_inquiry", "change_inquiry", "delete_inquiry"]


def ensure_desk_group(apps: Any) -> None:
    grant_model_permissions(apps, DESK_GROUP, "inquiries", DESK_MODEL_PERMISSIONS)
    grant_model_permissions(apps, DESK_GROUP, "wagtailadmin", ["access_admin"])


def grant_desk_page_permissions(page: Any) -> None:
    """Let the desk add and edit (not publish) pages below `page`: the anonymised Q&A they
    draft go through the same moderation as every other page."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"]
    )
    if page_permissions.count() < 2:  # a test database flush removed them
        create_all_permissions(apps)
    group, _ = Group.objects.get_or_create(name=DESK_GROUP)
    for permission in page_permissions.all():
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
