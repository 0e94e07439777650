"""Documents follow their pages (portal.security.documents): a resource's PDF is served to
readers only while the resource (or another page using the PDF) is published and public."""

import pytest
from django.contrib.auth.models import Group, User
from wagtail.models import PageViewRestriction

from portal.library.models import ResourcePage
from portal.testing import build
from portal.testing.security import login_staff

from .conftest import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource_with_pdf(site_tree, make_document):
    document = make_document(pdf_bytes("Draft findings"), name="draft-findings.pdf")
    page = build.resource("Draft findings", document=document)
    return page, document


def test_an_unpublished_resources_pdf_is_not_served_until_it_is_published(
    client, resource_with_pdf
):
    page, document = resource_with_pdf
    url = document.url
    assert client.get(url).status_code == 200  # published: served
    page.unpublish()
    response = client.get(url)
    assert response.status_code == 404
    assert b"Draft findings" not in response.content
    page.save_revision().publish()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_never_published_resources_pdf_is_withheld(client, site_tree, make_document):
    from portal.library.models import ResourceIndexPage

    document = make_document(pdf_bytes("Never published"), name="never.pdf")
    index = build.index_page(ResourceIndexPage, "resources")
    draft = ResourcePage(title="Never published", slug="never", summary="x", document=document)
    index.add_child(instance=draft)
    draft.unpublish()
    assert not ResourcePage.objects.get(pk=draft.pk).live
    assert client.get(document.url).status_code == 404


def test_view_restricted_and_private_pages_keep_their_pdfs_private(client, resource_with_pdf):
    page, document = resource_with_pdf
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(document.url).status_code == 404
    reader = User.objects.create_user("reader", password="pw")
    client.force_login(reader)  # a signed-in reader passes a "login" restriction
    assert client.get(document.url).status_code == 200
    client.logout()
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.get(name="Moderators")])
    client.force_login(reader)
    assert client.get(document.url).status_code == 404


def test_a_pdf_also_used_by_a_public_page_is_served(client, resource_with_pdf):
    page, document = resource_with_pdf
    build.resource("Public copy", document=document)
    page.unpublish()
    assert client.get(document.url).status_code == 200


def test_a_document_no_page_uses_is_served_as_before(client, site_tree, make_document):
    document = make_document(pdf_bytes("Shared on its own"), name="alone.pdf")
    assert client.get(document.url).status_code == 200


def test_editors_are_served_and_told_why_readers_are_not(client, resource_with_pdf):
    page, document = resource_with_pdf
    page.unpublish()
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(document.url).status_code == 200
    edit = client.get(f"/admin/documents/edit/{document.pk}/")
    assert edit.status_code == 200
    assert b"data-document-withheld" in edit.content
    assert b"every page that uses it is unpublished" in edit.content
    page.save_revision().publish()
    moderator = User.objects.create_user("moderator", password="pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    login_staff(client, moderator)
    edit = client.get(f"/admin/documents/edit/{document.pk}/")
    assert edit.status_code == 200 and b"data-document-withheld" not in edit.content
