from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff with the model's "view" permission may list and inspect records; nobody may add,
    edit or delete them in the admin (they are written by the application itself)."""

    READ_ACTIONS = frozenset({"view"})

    def user_has_permission(self, user, action: str) -> bool:
        if action not in self.READ_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return self.user_has_permission(user, action)
