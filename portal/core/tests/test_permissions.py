import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

pytestmark = pytest.mark.django_db


def test_editors_write_and_moderators_publish(site_tree):
    root = Page.get_first_root_node()
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    editor_codes = set(
        editors.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    moderator_codes = set(
        moderators.page_permissions.filter(page=root).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page"} <= editor_codes and "publish_page" not in editor_codes
    assert {"add_page", "change_page", "publish_page"} <= moderator_codes
    for group in (editors, moderators):
        assert group.permissions.filter(codename="access_admin").exists()


def test_the_whole_tree_goes_through_moderation(site_tree):
    workflow = site_tree.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
    [task] = workflow.tasks
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Moderators"]
