"""Posting and editing needs and offers: who may, what is checked, and who sees what before a
moderator has approved it."""

import pytest
from bs4 import BeautifulSoup

from portal.mailer.models import OutgoingEmail
from portal.needs.choices import Moderation, Status
from portal.needs.forms import NeedForm, OfferForm
from portal.needs.models import Need, Offer
from portal.testing.security import login_staff

from .conftest import form_started, in_days

pytestmark = pytest.mark.django_db

BOARD = "/needs-and-resources/"


@pytest.fixture
def need_data(countries):
    def data(**overrides) -> dict:
        return {
            "title": "Counsellors for a shelter",
            "category": "counselling",
            "description": "Our shelter needs two counsellors who speak Lao for weekly "
            "group sessions over six months.",
            "country": countries["LA"].pk,
            "province": "Savannakhet",
            "quantity": "two counsellors, one day a week",
            "urgency": "soon",
            "starts_on": "",
            "until": in_days(90).isoformat(),
            "form_started": form_started(),
            **overrides,
        }

    return data


@pytest.fixture
def offer_data(countries):
    def data(**overrides) -> dict:
        return {
            "title": "Trauma counselling by video",
            "category": "counselling",
            "offered_by": "volunteer",
            "description": "A trained counsellor offers weekly sessions by video call in "
            "Thai and English.",
            "countries": [countries["TH"].pk],
            "remote": "on",
            "until": in_days(120).isoformat(),
            "conditions": "Evenings only.",
            "form_started": form_started(),
            **overrides,
        }

    return data


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_posting_needs_a_verified_account(client, board, make_user, need_data):
    response = client.get(BOARD + "needs/new/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/needs-and-resources/needs/new/"

    client.force_login(make_user("new@example.org", verified=False))
    response = client.post(BOARD + "needs/new/", need_data())
    assert response.status_code == 403
    assert "Please confirm your email address" in text(response)
    assert not Need.objects.exists()


def test_needs_are_posted_by_organisations(client, board, make_user, need_data, offer_data):
    client.force_login(make_user("person@example.org", kind="individual"))
    response = client.post(BOARD + "needs/new/", need_data())
    assert response.status_code == 403 and "posted by organisations" in text(response)
    assert not Need.objects.exists()
    response = client.post(BOARD + "offers/new/", offer_data())
    assert response.status_code == 302 and Offer.objects.count() == 1


def test_a_new_need_waits_for_review_and_only_owner_and_moderators_see_it(
    client, board, shelter, make_user, moderator, need_data
):
    client.force_login(shelter)
    form_page = client.get(BOARD + "needs/new/")
    assert "Never post information about victims or cases" in text(form_page)
    response = client.post(BOARD + "needs/new/", need_data())
    need = Need.objects.get()
    assert response["Location"] == f"{BOARD}needs/{need.pk}/"
    assert need.owner == shelter and need.moderation_status == Moderation.PENDING
    assert need.country.iso2 == "LA" and need.province == "Savannakhet"
    owner_view = client.get(response["Location"])
    assert owner_view.status_code == 200 and "Awaiting review" in text(owner_view)
    assert "Counsellors for a shelter" not in text(client.get(BOARD))
    # Moderators are told.
    (email,) = OutgoingEmail.objects.filter(purpose="needs.submitted")
    assert email.to == ["moderator@example.org"]
    assert f"/admin/needs/needs/review/{need.pk}/" in email.body_text

    client.logout()
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 404
    assert "Counsellors for a shelter" not in text(client.get(BOARD))
    assert f"needs/{need.pk}/" not in client.get("/sitemap.xml").content.decode()
    client.force_login(make_user("someone@example.org"))
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 404
    login_staff(client, moderator)
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 200


def test_an_offer_is_posted_with_its_countries(client, board, donor, offer_data, countries):
    client.force_login(donor)
    response = client.post(
        BOARD + "offers/new/", offer_data(countries=[countries["TH"].pk, countries["LA"].pk])
    )
    offer = Offer.objects.get()
    assert response["Location"] == f"{BOARD}offers/{offer.pk}/"
    assert {c.iso2 for c in offer.countries.all()} == {"TH", "LA"} and offer.remote


def test_owners_edit_their_posts_and_edits_go_back_to_review(
    client, board, shelter, make_need, need_data
):
    need = make_need(shelter)
    client.force_login(shelter)
    assert client.get(f"{BOARD}needs/{need.pk}/edit/").status_code == 200
    response = client.post(
        f"{BOARD}needs/{need.pk}/edit/", need_data(title="Counsellors, now urgent")
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Counsellors, now urgent"
    assert need.moderation_status == Moderation.PENDING
    assert not Need.objects.on_board().exists()


def test_saving_an_unchanged_post_keeps_it_on_the_board(client, board, shelter, make_need):
    need = make_need(shelter)
    client.force_login(shelter)
    form = client.get(f"{BOARD}needs/{need.pk}/edit/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "website"}
    data["until"] = need.until.isoformat()
    data["form_started"] = form_started()
    response = client.post(f"{BOARD}needs/{need.pk}/edit/", data, follow=True)
    assert "Nothing was changed" in response.content.decode()
    need.refresh_from_db()
    assert need.moderation_status == Moderation.APPROVED


def test_a_user_cannot_edit_or_change_another_users_post(
    client, board, shelter, make_user, make_need, need_data
):
    need = make_need(shelter)
    pending = make_need(shelter, approved=False, title="Not yet public")
    client.force_login(make_user("intruder@example.org"))
    assert client.get(f"{BOARD}needs/{need.pk}/edit/").status_code == 403
    response = client.post(f"{BOARD}needs/{need.pk}/edit/", need_data(title="Taken over"))
    assert response.status_code == 403
    response = client.post(f"{BOARD}needs/{need.pk}/status/", {"status": Status.WITHDRAWN})
    assert response.status_code == 403
    # A post they cannot see at all is not found rather than forbidden.
    assert client.get(f"{BOARD}needs/{pending.pk}/edit/").status_code == 404
    need.refresh_from_db()
    assert need.title != "Taken over" and need.status == Status.OPEN
    assert need.moderation_status == Moderation.APPROVED
    client.logout()
    response = client.get(f"{BOARD}needs/{need.pk}/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_rejected_posts_cannot_be_edited(client, board, shelter, make_need, need_data):
    need = make_need(shelter, approved=False)
    Need.objects.filter(pk=need.pk).update(moderation_status=Moderation.REJECTED)
    client.force_login(shelter)
    response = client.post(f"{BOARD}needs/{need.pk}/edit/", need_data())
    assert response.status_code == 403 and "cannot be edited" in text(response)


def test_a_need_under_offers_address_is_not_found(client, board, shelter, make_need):
    need = make_need(shelter)
    assert client.get(f"{BOARD}offers/{need.pk}/").status_code == 404
    assert client.get(f"{BOARD}needs/{need.pk}/").status_code == 200
    assert client.get(f"{BOARD}needs/999999/").status_code == 404


NEED_BAD_INPUT = [
    ({"title": ""}, "title", "required"),
    ({"title": "x" * 121}, "title", "at most 120"),
    ({"title": "Call 020 5555 1234"}, "title", "phone number"),
    ({"category": ""}, "category", "required"),
    ({"category": "weapons"}, "category", "valid choice"),
    ({"description": ""}, "description", "required"),
    ({"description": "Need help."}, "description", "at least 30 characters"),
    ({"description": "x" * 3001}, "description", "at most 3000"),
    (
        {"description": "Please write to director@shelter.example.org about the counsellors."},
        "description",
        "email address",
    ),
    (
        {"description": "Counsellors needed; call our office on +856 21 212 345 for details."},
        "description",
        "phone number",
    ),
    ({"country": ""}, "country", "required"),
    ({"country": "999999"}, "country", "valid choice"),
    ({"province": "x" * 101}, "province", "at most 100"),
    ({"province": "ask 081-234-5678"}, "province", "phone number"),
    ({"quantity": "x" * 201}, "quantity", "at most 200"),
    ({"quantity": "write to a@b.org"}, "quantity", "email address"),
    ({"urgency": "yesterday"}, "urgency", "valid choice"),
    ({"urgency": ""}, "urgency", "required"),
    ({"until": ""}, "until", "required"),
    ({"until": "31/31/2026"}, "until", "valid date"),
    ({"until": in_days(-1).isoformat()}, "until", "has passed"),
    ({"until": in_days(400).isoformat()}, "until", "within a year"),
    ({"starts_on": "soon"}, "starts_on", "valid date"),
    ({"starts_on": in_days(100).isoformat()}, "starts_on", "on or before the end date"),
]


@pytest.mark.parametrize("overrides,field,message", NEED_BAD_INPUT)
def test_bad_input_on_each_field_of_a_need_is_explained(need_data, overrides, field, message):
    form = NeedForm(need_data(**overrides))
    assert not form.is_valid()
    assert message in " ".join(form.errors.get(field, [])), form.errors


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"title": ""}, "title"),
        ({"description": "Write to director@shelter.example.org for the details."}, "description"),
        ({"until": in_days(-1).isoformat()}, "until"),
    ],
)
def test_a_rejected_need_form_shows_each_error_at_its_field_and_keeps_the_input(
    client, board, shelter, need_data, overrides, field
):
    client.force_login(shelter)
    response = client.post(BOARD + "needs/new/", need_data(**overrides))
    assert response.status_code == 200
    assert not Need.objects.exists() and not OutgoingEmail.objects.exists()
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one(f".error-summary a[href='#id_{field}']")
    widget = html.find(id=f"id_{field}")
    assert f"id_{field}_error" in widget["aria-describedby"]
    assert widget["aria-invalid"] == "true"
    assert html.find(id=f"id_{field}_error").get_text(strip=True)
    if field != "title":  # what the person typed is still there
        assert html.find(id="id_title")["value"] == "Counsellors for a shelter"
    assert "Savannakhet" in str(html.find(id="id_province"))


OFFER_BAD_INPUT = [
    ({"offered_by": "robot"}, "offered_by", "valid choice"),
    ({"offered_by": ""}, "offered_by", "required"),
    ({"countries": [], "remote": ""}, "countries", "at least one country"),
    ({"countries": ["999999"]}, "countries", "valid choice"),
    ({"conditions": "x" * 1001}, "conditions", "at most 1000"),
    ({"conditions": "WhatsApp +66 81 234 5678"}, "conditions", "phone number"),
    (
        {"description": "Counselling by video; email me at me (at) example (dot) org"},
        "description",
        "email address",
    ),
]


@pytest.mark.parametrize("overrides,field,message", OFFER_BAD_INPUT)
def test_bad_input_on_each_field_of_an_offer_is_explained(offer_data, overrides, field, message):
    form = OfferForm(offer_data(**overrides))
    assert not form.is_valid()
    assert message in " ".join(form.errors.get(field, [])), form.errors


def test_the_country_of_a_need_adds_its_numbering_plan(
    client, board, shelter, need_data, countries
):
    from portal.countries.models import Country

    nepal = Country.objects.get_or_create(
        iso2="NP",
        defaults=dict(iso3="NPL", numeric="524", name="Nepal", region="south-central-asia"),
    )[0]
    client.force_login(shelter)
    response = client.post(
        BOARD + "needs/new/",
        need_data(
            country=nepal.pk, description="Counsellors needed in Kathmandu, call 9841234567."
        ),
    )
    assert "phone number" in " ".join(response.context["form"].errors["description"])


def test_posting_is_rate_limited(client, board, shelter, need_data):
    client.force_login(shelter)
    for n in range(10):
        assert client.post(BOARD + "needs/new/", need_data(title=f"Need {n}")).status_code == 302
    response = client.post(BOARD + "needs/new/", need_data(title="One too many"))
    assert response.status_code == 200 and "try again in" in text(response)
    assert not Need.objects.filter(title="One too many").exists()


def test_spam_traps_on_the_post_form(client, board, shelter, need_data):
    client.force_login(shelter)
    response = client.post(BOARD + "needs/new/", need_data(website="http://spam.example"))
    assert response.status_code == 200 and "hidden field" in text(response)
    assert not Need.objects.exists()
