import pytest
from django.contrib.auth.models import Group, User


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password="editor-pass-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db) -> User:
    user = User.objects.create_user("moderator", password="moderator-pass-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
