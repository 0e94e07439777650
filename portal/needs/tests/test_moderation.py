"""Moderation in the admin: the Needs moderators group, review decisions, emails to posters."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from wagtail.models import ModelLogEntry

from portal.mailer.models import OutgoingEmail
from portal.needs.choices import Moderation
from portal.needs.models import Need
from portal.needs.permissions import NEEDS_MODERATORS
from portal.testing.security import login_staff

from .conftest import form_started, in_days

pytestmark = pytest.mark.django_db

BOARD = "/needs-and-resources/"


@pytest.fixture
def pending_need(shelter, make_need):
    return make_need(shelter, approved=False, title="Beds for a transit shelter")


def review_url(post) -> str:
    return f"/admin/needs/needs/review/{post.pk}/"


def test_the_needs_moderators_group_can_moderate_posts_and_nothing_else(db):
    group = Group.objects.get(name=NEEDS_MODERATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {
        "access_admin",
        "view_need",
        "change_need",
        "delete_need",
        "view_offer",
        "change_offer",
        "delete_offer",
    }
    assert not group.page_permissions.exists()


def test_moderators_see_what_awaits_review(client, moderator, pending_need, board):
    login_staff(client, moderator)
    dashboard = client.get("/admin/")
    assert "Needs and offers awaiting review" in dashboard.content.decode()
    listing = client.get("/admin/needs/needs/?moderation_status=pending")
    assert listing.status_code == 200
    html = BeautifulSoup(listing.content, "html.parser")
    link = html.find("a", string=lambda s: s and "Beds for a transit shelter" in s)
    assert link["href"] == review_url(pending_need)
    assert "Riverside Shelter" in listing.content.decode()
    assert "shelter@example.org" not in listing.content.decode()  # no addresses in the admin


def test_approving_publishes_the_post_and_tells_the_poster(client, moderator, pending_need, board):
    login_staff(client, moderator)
    page = client.get(review_url(pending_need))
    assert page.status_code == 200 and "Beds for a transit shelter" in page.content.decode()
    response = client.post(review_url(pending_need), {"decision": "approve", "note": ""})
    assert response.status_code == 302
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.APPROVED
    assert pending_need.moderated_by == moderator and pending_need.first_published_at
    email = OutgoingEmail.objects.get(purpose="needs.approved")
    assert email.to == ["shelter@example.org"]
    assert f"http://testserver{BOARD}needs/{pending_need.pk}/" in email.body_text
    assert ModelLogEntry.objects.filter(action="needs.approve").exists()
    client.logout()
    assert "Beds for a transit shelter" in client.get(BOARD).content.decode()
    assert client.get(f"{BOARD}needs/{pending_need.pk}/").status_code == 200


def test_rejecting_needs_a_reason_which_is_emailed_to_the_poster(
    client, moderator, pending_need, board
):
    login_staff(client, moderator)
    response = client.post(review_url(pending_need), {"decision": "reject", "note": "  "})
    assert response.status_code == 200
    assert "Please tell the poster why" in response.content.decode()
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.PENDING
    assert not OutgoingEmail.objects.filter(purpose="needs.rejected").exists()

    reason = "The description names a person who was assisted. Please never do that."
    client.post(review_url(pending_need), {"decision": "reject", "note": reason})
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.REJECTED
    assert pending_need.moderation_note == reason
    email = OutgoingEmail.objects.get(purpose="needs.rejected")
    assert email.to == ["shelter@example.org"] and reason in email.body_text
    client.logout()
    assert client.get(f"{BOARD}needs/{pending_need.pk}/").status_code == 404


def test_asking_for_changes_sends_the_note_and_an_edited_post_returns_to_review(
    client, moderator, pending_need, shelter, board
):
    login_staff(client, moderator)
    note = "Please say how many beds and for how long."
    client.post(review_url(pending_need), {"decision": "request-changes", "note": note})
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.CHANGES_REQUESTED
    email = OutgoingEmail.objects.get(purpose="needs.changes")
    assert note in email.body_text and f"{BOARD}needs/{pending_need.pk}/edit/" in email.body_text

    client.force_login(shelter)
    owner_view = client.get(f"{BOARD}needs/{pending_need.pk}/")
    assert note in owner_view.content.decode()
    client.post(
        f"{BOARD}needs/{pending_need.pk}/edit/",
        {
            "title": "Six beds for a transit shelter",
            "category": "shelter",
            "description": "Six beds with mattresses and bedding for a transit shelter, "
            "for three months.",
            "country": pending_need.country_id,
            "urgency": "soon",
            "until": in_days(30).isoformat(),
            "form_started": form_started(),
        },
    )
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.PENDING
    assert OutgoingEmail.objects.filter(purpose="needs.submitted").count() == 1


def test_a_bad_decision_changes_nothing(client, moderator, pending_need):
    login_staff(client, moderator)
    response = client.post(review_url(pending_need), {"decision": "publish-everything"})
    assert response.status_code == 200
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.PENDING


def test_moderators_may_correct_a_post_but_not_add_personal_data(client, moderator, pending_need):
    login_staff(client, moderator)
    url = f"/admin/needs/needs/edit/{pending_need.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": pending_need.title,
        "category": "shelter",
        "description": "Beds needed; call 020 5555 1234.",
        "country": pending_need.country_id,
        "province": "",
        "quantity": "",
        "urgency": "soon",
        "until": pending_need.until.isoformat(),
        "status": "open",
        "moderation_note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "phone number" in response.content.decode()
    data["description"] = "Six beds with bedding for a transit shelter."
    assert client.post(url, data).status_code == 302
    pending_need.refresh_from_db()
    assert pending_need.description == "Six beds with bedding for a transit shelter."


def test_posts_are_not_created_in_the_admin(client, moderator):
    login_staff(client, moderator)
    assert client.get("/admin/needs/needs/new/").status_code == 404


def test_others_cannot_moderate(client, pending_need, make_user):
    editor = User.objects.create_user("editor", email="editor@example.org", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(review_url(pending_need)).status_code in (302, 403)
    response = client.post(review_url(pending_need), {"decision": "approve"})
    assert response.status_code in (302, 403)
    client.force_login(make_user("public@example.org"))
    response = client.post(review_url(pending_need), {"decision": "approve"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    pending_need.refresh_from_db()
    assert pending_need.moderation_status == Moderation.PENDING
    assert not Need.objects.approved().exists()
