"""The citation chooser behind the rich-text "Cite" button, and the sources snippet admin."""

import pytest
from django.contrib.auth.models import Group, User

from portal.core.permissions import EDITORS
from portal.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, site_tree):
    user = User.objects.create_user("editor", password="editor-pass-1")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


@pytest.fixture
def source(db):
    return Source.objects.create(
        title="Test survey on migration", author="Test institute", year=2005
    )


def test_choosing_a_source_then_saying_where_in_it(client, editor, source):
    listing = client.get("/admin/sources/cite/")
    assert listing.status_code == 200
    data = listing.json()
    assert data["step"] == "choose"
    assert f"/admin/sources/cite/chosen/{source.pk}/" in data["html"]
    assert "Test institute" in data["html"]

    step = client.get(f"/admin/sources/cite/chosen/{source.pk}/", {"locator": "p. 3"}).json()
    assert step["step"] == "cite"
    assert 'value="p. 3"' in step["html"] and "Insert citation" in step["html"]

    chosen = client.post(
        f"/admin/sources/cite/chosen/{source.pk}/", {"locator": " table 2 ", "quote": "A line"}
    ).json()
    assert chosen["step"] == "chosen"
    assert chosen["result"] | {"edit_url": None} == {
        "id": source.pk,
        "title": "Test survey on migration",
        "label": "Test survey on migration, 2005",
        "locator": "table 2",
        "quote": "A line",
        "edit_url": None,
    }


def test_bad_citation_details_are_shown_again_with_the_error(client, editor, source):
    response = client.post(
        f"/admin/sources/cite/chosen/{source.pk}/", {"locator": "x" * 201}
    ).json()
    assert response["step"] == "cite"
    assert "at most 200 characters" in response["html"]


def test_a_source_created_in_the_chooser_goes_on_to_the_citation_step(client, editor):
    response = client.post(
        "/admin/sources/cite/create/", {"title": "A new report", "author": "", "year": "2008"}
    ).json()
    assert response["step"] == "cite"
    assert Source.objects.filter(title="A new report", year=2008).exists()


def test_the_chooser_is_for_admin_users_only(client, source):
    response = client.get(f"/admin/sources/cite/chosen/{source.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editors_manage_sources_but_do_not_delete_them(client, editor, source):
    assert client.get("/admin/snippets/sources/source/").status_code == 200
    assert client.get(f"/admin/snippets/sources/source/edit/{source.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/sources/source/delete/{source.pk}/").status_code in (
        302,
        403,
    )
