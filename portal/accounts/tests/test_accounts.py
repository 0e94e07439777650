"""Public accounts: registration with a signed verification link, login by email, password
reset through the outbox, and no way into the admin."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core import signing

from portal.accounts.models import Profile, is_verified
from portal.accounts.verification import make_token
from portal.mailer.models import OutgoingEmail

pytestmark = pytest.mark.django_db

PASSWORD = "Mekong-river-2026!"


def started(seconds_ago: float = 30) -> str:
    return signing.dumps({"t": time.time() - seconds_ago}, salt="portal.antispam.form-started")


def registration(**overrides) -> dict:
    return {
        "public_name": "Riverside Shelter",
        "kind": "shelter",
        "email": "Staff@Riverside.example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_rules": "on",
        "form_started": started(),
        **overrides,
    }


def link_in(email: OutgoingEmail) -> str:
    return re.search(r"http://testserver(/\S+)", email.body_text).group(1)


@pytest.mark.smoke
def test_registration_creates_an_unverified_public_account_and_sends_a_link(client):
    response = client.post("/accounts/register/", registration())
    assert response.status_code == 302 and response["Location"] == "/accounts/register/sent/"
    user = User.objects.get()
    assert user.email == user.username == "staff@riverside.example.org"
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    assert user.portal_profile.public_name == "Riverside Shelter"
    assert not is_verified(user)
    (email,) = OutgoingEmail.objects.filter(purpose="accounts.verify")
    assert email.to == ["staff@riverside.example.org"]
    assert "Riverside Shelter" in email.body_text

    sent = client.get("/accounts/register/sent/")
    assert b"staff@riverside.example.org" in sent.content

    verified = client.get(link_in(email))
    assert verified.status_code == 200 and b"Address confirmed" in verified.content
    user.refresh_from_db()
    assert is_verified(user)

    # Log in with the address, in any case.
    client.logout()
    login = client.post(
        "/accounts/login/", {"username": "STAFF@riverside.example.org", "password": PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/accounts/"


def test_links_in_emails_lead_to_the_language_of_the_account(client):
    client.post("/th/accounts/register/", registration())
    assert Profile.objects.get().language == "th"
    email = OutgoingEmail.objects.get(purpose="accounts.verify")
    assert link_in(email).startswith("/th/accounts/verify/")


def test_registering_a_known_address_reveals_nothing_and_tells_the_holder(client):
    User.objects.create_user("old", email="staff@riverside.example.org", password="x")
    response = client.post("/accounts/register/", registration())
    assert response.status_code == 302 and response["Location"] == "/accounts/register/sent/"
    assert User.objects.count() == 1
    (email,) = OutgoingEmail.objects.all()
    assert email.purpose == "accounts.already_registered"
    assert "/accounts/password/reset/" in email.body_text


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"public_name": ""}, "public_name", "required"),
        ({"public_name": " x "}, "public_name", "at least two characters"),
        ({"public_name": "x" * 121}, "public_name", "at most 120"),
        ({"kind": "spy"}, "kind", "valid choice"),
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"email": ""}, "email", "required"),
        ({"password2": "Other-password-99"}, "password2", "match"),
        ({"password1": "12345678", "password2": "12345678"}, "password2", "too common"),
        ({"password1": "short", "password2": "short"}, "password2", "too short"),
        ({"accept_rules": ""}, "accept_rules", "required"),
    ],
)
def test_bad_registration_input_is_explained_and_kept(client, overrides, field, message):
    response = client.post("/accounts/register/", registration(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert not User.objects.exists() and not OutgoingEmail.objects.exists()
    html = BeautifulSoup(response.content, "html.parser")
    widget = html.find(id=f"id_{field}")
    assert f"id_{field}_error" in widget["aria-describedby"]
    assert html.find(id=f"id_{field}_error")
    if field != "public_name":
        assert html.find(id="id_public_name")["value"] == overrides.get(
            "public_name", "Riverside Shelter"
        )


@pytest.mark.both_databases
def test_spam_traps_and_rate_limits_on_registration(client):
    trapped = client.post("/accounts/register/", registration(website="http://spam.example"))
    assert "hidden field" in trapped.content.decode()
    too_fast = client.post("/accounts/register/", registration(form_started=started(0.1)))
    assert "quicker than a person" in too_fast.content.decode()
    for n in range(5):
        client.post("/accounts/register/", registration(email=f"a{n}@example.org"))
    limited = client.post("/accounts/register/", registration(email="late@example.org"))
    assert "try again in" in limited.content.decode()
    assert not User.objects.filter(email="late@example.org").exists()


def test_verification_links_that_are_forged_expired_or_outdated_fail(client, monkeypatch):
    client.post("/accounts/register/", registration())
    user = User.objects.get()
    assert client.get("/accounts/verify/forged-token/").status_code == 400
    token = make_token(user)
    # Expired: older than the allowed age.
    monkeypatch.setattr("portal.accounts.verification.VERIFICATION_MAX_AGE", -1)
    response = client.get(f"/accounts/verify/{token}/")
    assert response.status_code == 400 and b"expired" in response.content
    monkeypatch.undo()
    # An address change makes the old link useless.
    user.email = "new@riverside.example.org"
    user.save()
    assert client.get(f"/accounts/verify/{token}/").status_code == 400
    assert not is_verified(user)
    # Verified with a fresh link for the new address.
    assert client.get(f"/accounts/verify/{make_token(user)}/").status_code == 200
    assert is_verified(User.objects.get())


def test_unverified_accounts_can_ask_for_a_new_link(client):
    client.post("/accounts/register/", registration())
    user = User.objects.get()
    client.force_login(user)
    page = client.get("/accounts/")
    assert b"Please confirm your email address" in page.content
    response = client.post("/accounts/verify/resend/")
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(purpose="accounts.verify").count() == 2


def test_password_reset_goes_through_the_outbox_and_verifies_the_address(client):
    client.post("/accounts/register/", registration())
    response = client.post(
        "/accounts/password/reset/",
        {"email": "staff@riverside.example.org", "form_started": started()},
    )
    assert response.status_code == 302
    email = OutgoingEmail.objects.get(purpose="accounts.password_reset")
    link = link_in(email)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Another-Mekong-2027", "new_password2": "Another-Mekong-2027"},
    )
    assert done.status_code == 302
    user = User.objects.get()
    assert user.check_password("Another-Mekong-2027")
    assert is_verified(user)


def test_password_reset_never_serves_staff_accounts(client):
    User.objects.create_user("editor", email="editor@example.org", password="x", is_staff=True)
    response = client.post(
        "/accounts/password/reset/", {"email": "editor@example.org", "form_started": started()}
    )
    assert response.status_code == 302  # same answer as for any address
    # The same work as for an account (one queued email), but no reset link.
    (email,) = OutgoingEmail.objects.all()
    assert email.to == ["editor@example.org"]
    assert "No public account uses this address" in email.body_text
    assert not re.search(r"/password/reset/[^/\s]+/[^/\s]+/", email.body_text)


@pytest.mark.both_databases
def test_logins_lock_after_ten_failures(client):
    client.post("/accounts/register/", registration())
    for _ in range(10):
        client.post(
            "/accounts/login/", {"username": "staff@riverside.example.org", "password": "wrong"}
        )
    response = client.post(
        "/accounts/login/", {"username": "staff@riverside.example.org", "password": PASSWORD}
    )
    assert response.status_code == 429 and "signing in is paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_public_accounts_never_reach_the_admin(client):
    client.post("/accounts/register/", registration())
    user = User.objects.get()
    user.portal_profile.mark_verified()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Signing in on the admin's own form does not help either.
    client.logout()
    client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    for url in ("/admin/", "/admin/needs/needs/", "/admin/pages/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_profile_editing_and_logout(client):
    client.post("/accounts/register/", registration())
    user = User.objects.get()
    client.force_login(user)
    response = client.post(
        "/accounts/",
        {
            "public_name": "Riverside Shelter Association",
            "kind": "ngo",
            "website": "riverside.example.org",
            "about": "We run a shelter.",
            "language": "th",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get()
    assert profile.public_name == "Riverside Shelter Association"
    assert profile.website == "https://riverside.example.org"
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/").status_code == 302


def test_deleting_an_account_needs_the_password(client):
    client.post("/accounts/register/", registration())
    client.force_login(User.objects.get())
    wrong = client.post("/accounts/delete/", {"password": "nope"})
    assert "not your password" in wrong.content.decode()
    assert User.objects.exists()
    done = client.post("/accounts/delete/", {"password": PASSWORD})
    assert done.status_code == 200 and not User.objects.exists()
    assert not Profile.objects.exists()


def test_staff_logging_in_here_get_a_profile_to_post_with(client):
    staff = User.objects.create_user(
        "admin", email="admin@example.org", password="x", is_staff=True
    )
    client.force_login(staff)
    assert client.get("/accounts/").status_code == 200
    assert Profile.objects.get(user=staff).email_verified_at is None


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"public_name": ""}, "public_name", "required"),
        ({"public_name": "x" * 121}, "public_name", "at most 120"),
        ({"kind": "spy"}, "kind", "valid choice"),
        ({"website": "javascript:alert(1)"}, "website", "valid URL"),
        ({"website": "https://" + "x" * 300 + ".org"}, "website", "at most 300"),
        ({"about": "x" * 1001}, "about", "at most 1000"),
        ({"country": "999999"}, "country", "valid choice"),
        ({"language": "xx"}, "language", "valid choice"),
    ],
)
def test_bad_profile_input_is_explained_and_changes_nothing(client, overrides, field, message):
    client.post("/accounts/register/", registration())
    client.force_login(User.objects.get())
    data = {"public_name": "Riverside Shelter", "kind": "shelter", "language": "en", **overrides}
    response = client.post("/accounts/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Profile.objects.get().public_name == "Riverside Shelter"
