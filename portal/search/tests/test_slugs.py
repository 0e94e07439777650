"""Readable slugs for pages titled in Lao and Thai, created in code or in the admin."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from portal.standardpages.models import StandardPage
from portal.testing.security import login_staff

from .conftest import add_page

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def test_programmatic_creation_keeps_marks(site_tree):
    page = add_page(site_tree, "การค้ามนุษย์")
    assert page.slug == "การค้ามนุษย์"
    second = add_page(site_tree, "การค้ามนุษย์")
    assert second.slug == "การค้ามนุษย์-2"
    page.full_clean()  # the validators accept combining marks


def test_a_chosen_slug_is_kept(site_tree):
    page = StandardPage(title="ການຄ້າມະນຸດ", slug="lao-trafficking")
    site_tree.add_child(instance=page)
    assert page.slug == "lao-trafficking"


# Management forms of the page's inline panels (related pages and links), empty.
INLINE_FORMS = {
    f"{prefix}-{field}": value
    for prefix in ("related_pages", "related_links")
    for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"),
                         ("MAX_NUM_FORMS", "1000"))
}  # fmt: skip


def test_admin_auto_slug_is_made_readable(site_tree, client):
    admin = User.objects.create_superuser("admin", "admin@example.org", "pw")
    login_staff(client, admin)
    url = reverse("wagtailadmin_pages:add", args=("standardpages", "standardpage", site_tree.pk))
    # The admin's JavaScript strips marks: this is what it submits for this title.
    response = client.post(
        url,
        {"title": "ການຄ້າມະນຸດ", "slug": "ການຄາມະນດ", "intro": "", "body-count": "0",
         "action-publish": "publish", **INLINE_FORMS},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(title="ການຄ້າມະນຸດ")
    assert page.slug == "ການຄ້າມະນຸດ"
    assert page.url_path.endswith("/ການຄ້າມະນຸດ/")
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"title": page.title, "slug": page.slug, "intro": "x", "body-count": "0",
         "action-publish": "publish", **INLINE_FORMS},
    )  # fmt: skip
    assert edit.status_code == 302, edit.content.decode()[:2000]


def test_pages_with_marks_in_their_slug_are_served(site_tree, client):
    page = add_page(site_tree, "การค้ามนุษย์", intro="x")
    response = client.get(page.get_url())
    assert response.status_code == 200
