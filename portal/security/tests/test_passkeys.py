"""Passkeys beside the authenticator app: the relying party follows PORTAL_BASE_URL, a passkey
is added only by a recently verified session that has an app, signing in with one is open to a
signed-in (not yet verified) session, and the code form stays for browsers without scripts.
The ceremonies themselves, with a real (virtual) authenticator, are in test_browser.py."""

import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential

from portal.security.conf import PasskeySettings, security_settings
from portal.security.second_factor import VERIFIED_AT_SESSION_KEY
from portal.testing.security import age_second_factor, login_staff

pytestmark = pytest.mark.django_db

BEGIN_REGISTRATION = "/admin/second-factor/passkeys/registration/begin/"
BEGIN_AUTHENTICATION = "/admin/second-factor/passkeys/authentication/begin/"


def desk_member(username: str = "desk") -> User:
    user = User.objects.create_user(username, password="pw-pw-pw-1")
    user.groups.add(Group.objects.get_or_create(name="Inquiry desk")[0])
    return user


def a_passkey(user: User) -> WebAuthnCredential:
    """A stored credential (its key is never used here: no ceremony in these tests)."""
    return WebAuthnCredential.objects.create(
        user=user,
        name="Passkey",
        confirmed=True,
        credential_id=b"\x01" * 16,
        public_key=b"\x02" * 77,
        sign_count=0,
    )


def test_the_relying_party_follows_the_base_url(settings, monkeypatch):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    settings.OTP_TOTP_ISSUER = "Anti-Trafficking Portal"
    derived = PasskeySettings.load()
    assert derived.relying_party_id == "portal.example.org"
    assert derived.allowed_origins == ["https://portal.example.org"]
    assert derived.relying_party_name == "Anti-Trafficking Portal"

    settings.WAGTAILADMIN_BASE_URL = "http://localhost:8000/"
    assert PasskeySettings.load().relying_party_id == "localhost"
    assert PasskeySettings.load().allowed_origins == ["http://localhost:8000"]

    # An operator may set them apart, in the environment too.
    monkeypatch.setenv("PORTAL_PASSKEY_ORIGINS", "https://staff.example.org, https://example.org")
    monkeypatch.setenv("PORTAL_PASSKEY_RP_ID", "example.org")
    chosen = PasskeySettings.load()
    assert chosen.relying_party_id == "example.org"
    assert chosen.allowed_origins == ["https://staff.example.org", "https://example.org"]


def test_registration_options_name_the_derived_relying_party(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    desk = desk_member()
    login_staff(client, desk)
    response = client.post(BEGIN_REGISTRATION, content_type="application/json")
    assert response.status_code == 200, response.content
    options = response.json()
    assert options["rp"] == {"id": "portal.example.org", "name": settings.OTP_TOTP_ISSUER}
    assert options["user"]["name"] == "desk"


def test_a_passkey_is_added_only_beside_an_app_and_after_a_recent_code(client, settings):
    desk = desk_member()
    client.force_login(desk)
    # Without a second factor the admin sends the person to set up the app first ...
    assert client.post(BEGIN_REGISTRATION)["Location"].startswith("/admin/second-factor/setup/")

    # ... and a verified session whose check is too old must confirm it is them again.
    login_staff(client, desk)
    age_second_factor(client, security_settings().second_factor_recent_seconds + 60)
    stale = client.post(BEGIN_REGISTRATION, content_type="application/json")
    assert stale.status_code == 403
    assert stale.json()["code"] == "needs_recent_verification"


def test_a_session_verified_by_a_passkey_alone_cannot_skip_the_app(client, settings):
    """Someone whose app was removed (by an administrator) but who still has a passkey adds
    no further passkey until an app is set up again."""
    desk = desk_member()
    client.force_login(desk)
    passkey = a_passkey(desk)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = passkey.persistent_id
    session[VERIFIED_AT_SESSION_KEY] = time.time()
    session.save()
    assert client.get("/admin/second-factor/").status_code == 200  # verified, by the passkey
    refused = client.post(BEGIN_REGISTRATION, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "needs_authenticator_app"


def test_with_a_passkey_the_sign_in_offers_it_and_keeps_the_code_form(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    desk = desk_member()
    passkey = a_passkey(desk)
    client.force_login(desk)
    # A passkey alone is a second factor: the admin asks for it.
    assert client.get("/admin/inquiries/")["Location"].startswith("/admin/second-factor/verify/")
    page = client.get("/admin/second-factor/verify/?next=/admin/inquiries/").content.decode()
    assert 'id="passkey-verification-placeholder"' in page
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page  # our own static files
    assert 'name="code"' in page  # without JavaScript, a code still signs in
    assert "https://" not in page.split('id="otp_webauthn_config"')[1].split("</script>")[0]

    # The passkey ceremony is open before the second factor (it is the second factor) ...
    begun = client.post(BEGIN_AUTHENTICATION, content_type="application/json")
    assert begun.status_code == 200, begun.content
    options = begun.json()
    assert [c["id"] for c in options["allowCredentials"]] == ["AQEBAQEBAQEBAQEBAQEBAQ"]
    assert options["rpId"] == "portal.example.org"
    assert "otp_webauthn_authentication_state" in client.session
    # ... but nothing else in the admin is.
    assert client.get("/admin/second-factor/").status_code == 302
    assert passkey.user == desk


def test_no_sign_in_with_a_passkey_alone(client):
    """Passwordless sign-in is off: the password form (lockouts, staff only) always comes
    first."""
    a_passkey(desk_member())
    response = client.post(BEGIN_AUTHENTICATION, content_type="application/json")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_overview_lists_passkeys_and_offers_to_add_one(client):
    desk = desk_member()
    login_staff(client, desk)
    page = client.get("/admin/second-factor/").content.decode()
    assert "You have no passkey yet." in page
    assert 'id="passkey-registration-placeholder"' in page
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in page
    assert "Adding a passkey needs JavaScript" in page  # <noscript>
    a_passkey(desk)
    page = client.get("/admin/second-factor/").content.decode()
    assert "You have no passkey yet." not in page
    assert page.count("security-passkeys") == 1
