"""The audit trail of personal data, in Wagtail's log (Reports → Site history, for
administrators): who viewed an inquiry or a needs post's private details, who exported or
erased a person's data (inquiries.export / inquiries.erase, logged by the desk), and every
change of a staff member's roles (groups, superuser, staff flag). Entries are kept
PORTAL_AUDIT_LOG_RETENTION_DAYS (purge_personal_data)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, pre_save
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

VIEWED = "audit.viewed"
ROLES_CHANGED = "audit.roles"


class Viewed(LogFormatter):
    label = _("Personal data viewed")
    message = _("Viewed the record with its personal data")


class RolesChanged(LogFormatter):
    label = _("Staff roles changed")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        parts = [f"{key}: {value}" for key, value in sorted(data.items())]
        return str(_("Roles changed")) + (": " + "; ".join(parts) if parts else "")


LOG_ACTIONS = {VIEWED: Viewed, ROLES_CHANGED: RolesChanged}


def log_viewed(instance, user) -> None:
    """Call from a view that shows a person's details to staff."""
    log(instance, VIEWED, user=user)


def _flags_changed(sender, instance, **kwargs) -> None:
    if not instance.pk:
        return
    before = sender._base_manager.filter(pk=instance.pk).values("is_superuser", "is_staff").first()
    if before is None:
        return
    changes = {
        flag: f"{before[flag]} → {getattr(instance, flag)}"
        for flag in ("is_superuser", "is_staff")
        if before[flag] != getattr(instance, flag)
    }
    if changes:
        log(instance, ROLES_CHANGED, data=changes)


def _groups_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or kwargs.get("reverse"):
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    verb = {"post_add": "added to", "post_remove": "removed from", "post_clear": "removed from"}
    log(instance, ROLES_CHANGED, data={verb[action]: ", ".join(names) or "all groups"})


def connect() -> None:
    User = get_user_model()
    pre_save.connect(_flags_changed, sender=User, dispatch_uid="audit-user-flags")
    m2m_changed.connect(
        _groups_changed, sender=User.groups.through, dispatch_uid="audit-user-groups"
    )
