"""The audit trail: viewing a person's details, and changes of staff roles, are recorded in
Wagtail's log with who and when, and administrators read them in the site history report."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.countries.models import Country
from portal.inquiries.models import Inquiry
from portal.inquiries.tests.conftest import inquiry_post
from portal.needs.models import Need
from portal.testing.security import login_staff

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def admin_user(demo_site):
    return User.objects.create_superuser("audit-admin", "audit@example.org", "pw")


def test_viewing_an_inquiry_and_a_posts_review_is_logged(client, admin_user):
    login_staff(client, admin_user)
    assert client.post("/inquiry-corner/", inquiry_post()).status_code == 302
    inquiry = Inquiry.objects.with_personal_data().order_by("-pk").first()
    assert client.get(f"/admin/inquiries/edit/{inquiry.pk}/").status_code == 200
    entry = ModelLogEntry.objects.get(action="audit.viewed", object_id=str(inquiry.pk))
    assert entry.user == admin_user and entry.timestamp

    need = Need.objects.create(
        owner=User.objects.create_user("owner@example.org", "owner@example.org", "x"),
        country=Country.objects.get(iso2="LA"),
        title="Interpreters",
        category="interpreting",
        description="We need Lao and Thai interpreters for court hearings in Vientiane.",
        until=timezone.localdate() + timedelta(days=30),
        urgency="soon",
    )
    assert client.get(f"/admin/needs/needs/review/{need.pk}/").status_code == 200
    assert ModelLogEntry.objects.filter(action="audit.viewed", user=admin_user).count() == 2
    report = client.get("/admin/reports/site-history/?action=audit.viewed")
    assert report.status_code == 200
    assert "Personal data viewed" in report.content.decode()


def test_changes_of_staff_roles_are_logged(admin_user):
    someone = User.objects.create_user("editor-x", "x@example.org", "pw", is_staff=True)
    group = Group.objects.create(name="Audit test group")
    someone.groups.add(group)
    someone.is_superuser = True
    someone.save()
    someone.groups.remove(group)
    entries = ModelLogEntry.objects.filter(action="audit.roles", object_id=str(someone.pk))
    data = [entry.data for entry in entries.order_by("timestamp", "pk")]
    assert {"added to": "Audit test group"} in data
    assert {"is_superuser": "False → True"} in data
    assert {"removed from": "Audit test group"} in data
