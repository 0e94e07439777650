"""Who may see and do what with posts, in one place for views, templates and the admin."""

NEEDS_MODERATORS = "Needs moderators"

MODERATOR_PERMISSIONS = [
    "view_need",
    "change_need",
    "delete_need",
    "view_offer",
    "change_offer",
    "delete_offer",
]


def is_moderator(user) -> bool:
    """Staff who review posts: they see posts in every state, on the site and in the admin."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.has_perm("needs.change_need") or user.has_perm("needs.change_offer"))
    )


def is_owner(user, post) -> bool:
    return bool(getattr(user, "is_authenticated", False) and post.owner_id == user.pk)


def ensure_needs_moderators_group(apps) -> None:
    """The Needs moderators group: admin access and the post permissions, nothing else (no
    pages, no other content). Used by the data migration and by test fixtures."""
    from portal.core.permissions import grant_model_permissions

    grant_model_permissions(apps, NEEDS_MODERATORS, "needs", MODERATOR_PERMISSIONS)
    grant_model_permissions(apps, NEEDS_MODERATORS, "wagtailadmin", ["access_admin"])
