"""The "Newsletter" staff group: the only group that sees subscribers (personal data),
composes editions and sends them. Used by the data migration and by test fixtures."""

from typing import Any

NEWSLETTER_GROUP = "Newsletter"
NEWSLETTER_PERMISSIONS = [
    "change_subscriber",
    "delete_subscriber",
    "view_subscriber",
    "add_bounce",
    "view_bounce",
    "add_edition",
    "change_edition",
    "delete_edition",
    "view_edition",
    "send_edition",
]


def ensure_newsletter_group(apps: Any) -> None:
    from portal.core.permissions import grant_model_permissions

    grant_model_permissions(apps, NEWSLETTER_GROUP, "newsletter", NEWSLETTER_PERMISSIONS)
    grant_model_permissions(apps, NEWSLETTER_GROUP, "wagtailadmin", ["access_admin"])
