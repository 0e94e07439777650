"""Editorial groups and their permissions, shared by data migrations and test fixtures.

Wagtail's own migrations create "Editors" and "Moderators" with page permissions on the root and
a "Moderators approval" workflow. The functions here make that set-up explicit and complete:
editors write and submit for moderation; moderators also publish. Each app grants its own models
to groups from its own data migration with `grant_model_permissions`.

Every function takes an `apps` registry so it works with historical models in migrations and
with the live registry (`django.apps.apps`) in fixtures.
"""

from typing import Any

EDITORS = "Editors"
MODERATORS = "Moderators"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "unlock_page"]
DEFAULT_WORKFLOW_NAME = "Moderators approval"


def create_all_permissions(apps: Any) -> None:
    """Permissions are normally created after migrations; data migrations need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps: Any, app_label: str, codename: str) -> Any:
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(
    apps: Any, group_name: str, app_label: str, codenames: list[str]
) -> None:
    """Give a group model permissions such as "add_source", "change_source"."""
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    for codename in codenames:
        group.permissions.add(_permission(apps, app_label, codename))


def ensure_editorial_groups(apps: Any) -> None:
    """Editors and Moderators with admin access, page, image and document permissions, and the
    default approval workflow on the whole tree (draft -> in review -> published)."""
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {
        EDITORS: EDITOR_PAGE_PERMISSIONS,
        MODERATORS: MODERATOR_PAGE_PERMISSIONS,
    }
    for name, page_codenames in groups.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(_permission(apps, "wagtailadmin", "access_admin"))
        if root is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission(apps, "wagtailcore", codename)
                )
        if root_collection is not None:
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                for action in ("add", "change", "choose"):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, f"{action}_{model}"),
                    )
    moderators = Group.objects.get(name=MODERATORS)
    for codename in ("change_portalsettings",):
        moderators.permissions.add(_permission(apps, "core", codename))
    _ensure_default_workflow(apps, root, moderators)


def _ensure_default_workflow(apps: Any, root: Any, moderators: Any) -> None:
    if root is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    if WorkflowPage.objects.filter(page=root).exists():
        return
    task = GroupApprovalTask.objects.filter(name=DEFAULT_WORKFLOW_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=DEFAULT_WORKFLOW_NAME, content_type=content_type, active=True
        )
    task.groups.add(moderators)
    workflow, created = Workflow.objects.get_or_create(
        name=DEFAULT_WORKFLOW_NAME, defaults={"active": True}
    )
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.create(page=root, workflow=workflow)
