"""Only published content: drafts, unpublished and private pages never appear, and neither does
personal data (inquiries, subscribers, accounts)."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from portal.testing import build

from .helpers import all_items, get_json

pytestmark = pytest.mark.django_db

LISTS = ["countries", "figures", "flows", "sources", "resources", "organizations", "updates"]
LISTS += ["events", "topics"]


def everything(client) -> str:
    """Every item of every list, as one text."""
    return json.dumps([all_items(client, f"/api/v1/{name}?limit=100") for name in LISTS])


@pytest.fixture
def mixed_site(site_tree):
    published = build.resource("Published report", countries=["LA"])
    draft_edit = build.resource("Report with a draft", countries=["LA"])
    draft_edit.title = "Unpublished new title"
    draft_edit.save_revision()  # a draft of a live page: the live title stays
    never = build.resource("Draft resource", countries=["LA"])
    never.unpublish()
    private = build.update("Private update", countries=["LA"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return {"published": published, "draft_edit": draft_edit, "never": never, "private": private}


def test_drafts_and_private_pages_never_appear(client, mixed_site):
    titles = [r["title"] for r in all_items(client, "/api/v1/resources")]
    assert titles == ["Published report", "Report with a draft"]
    assert get_json(client, "/api/v1/updates")["count"] == 0
    text = everything(client)
    for hidden in ("Unpublished new title", "Draft resource", "Private update"):
        assert hidden not in text
    for page in (mixed_site["never"], mixed_site["private"]):
        kind = "resources" if page is mixed_site["never"] else "updates"
        assert client.get(f"/api/v1/{kind}/{page.translation_key}").status_code == 404
    search = get_json(client, "/api/v1/search?q=private")
    assert "Private update" not in json.dumps(search)


def test_personal_data_never_appears(client, mixed_site):
    from portal.inquiries.models import Inquiry
    from portal.newsletter.models import Subscriber

    secret = "secret.person@example.org"
    get_user_model().objects.create_user(username="someone", email=secret, password="x")
    Subscriber.objects.create(email="subscriber." + secret, name="Subscriber Secretname")
    Inquiry.objects.create(
        name="Inquirer Secretname",
        email="inquirer." + secret,
        question="A question",
        preferred_language="en",
    )
    text = everything(client) + json.dumps(get_json(client, "/api/v1/search?q=secretname"))
    assert secret not in text
    assert "Secretname" not in text
