"""Two-step verification as staff use it, in Debian's chromium: enrol on first sign-in, sign
in with the app's code, a wrong code refused, a recovery code that works once; a passkey added
and used to sign in (with chromium's virtual authenticator)."""

import base64
import re
import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from portal.testing.security import sign_in_to_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "desk-pass-2026"


def app_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key on the setup page (django-otp's TOTP)."""
    totp = TOTP(base64.b32decode(secret))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in(page: BrowserPage, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: BrowserPage, base: str) -> None:
    page.context.clear_cookies()


def test_enrol_sign_in_with_the_app_and_recover_with_a_code_once(live_site, page: BrowserPage):
    base = live_site.url
    desk = User.objects.create_user("desk", email="desk@example.org", password=PASSWORD)
    desk.groups.add(Group.objects.get_or_create(name="Inquiry desk")[0])

    # First sign-in: the password leads to enrolment, not to the admin.
    sign_in(page, base)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/setup/"))
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code from your app").fill("123")
    page.get_by_role("button", name="Turn on two-step verification").click()
    expect(page.locator("main")).to_contain_text("That code does not match")
    # django-otp refuses every code for a second after a wrong one (the page says so): a
    # person takes that long to type the next code; a script must wait.
    time.sleep(1.5)
    page.get_by_label("Code from your app").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-step verification").click()
    expect(page).to_have_url(re.compile(r"/admin/second-factor/recovery-codes/"))
    codes = page.locator(".security-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Next sign-in: the app's code. A wrong one is refused first.
    sign_out(page, base)
    sign_in(page, base)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/"))
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("main")).to_contain_text("That code is not right")
    assert "/admin/second-factor/verify/" in page.url
    time.sleep(1.5)  # django-otp makes each wrong code wait a little longer
    page.get_by_label("Code").fill(app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Phone lost: a recovery code signs in once ...
    sign_out(page, base)
    sign_in(page, base)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    # ... and never again.
    sign_out(page, base)
    sign_in(page, base)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("main")).to_contain_text("That code is not right")
    page.goto(base + "/admin/inquiries/")
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/"))


def test_add_a_passkey_and_sign_in_with_it(live_site, page: BrowserPage, settings):
    """Chromium's virtual authenticator (DevTools protocol) stands in for a laptop's built-in
    one: a passkey is added after the app, then signing in asks for it instead of a code."""
    base = live_site.url
    # The relying party comes from PORTAL_BASE_URL: here, the live server's address.
    settings.WAGTAILADMIN_BASE_URL = base
    desk = User.objects.create_user("desk", email="desk@example.org", password=PASSWORD)
    desk.groups.add(Group.objects.get_or_create(name="Inquiry desk")[0])
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )

    # Signed in with the app's code (portal.testing.security), the person adds a passkey.
    sign_in_to_admin(page, base, desk, PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(base + "/admin/second-factor/")
    expect(page.locator("main")).to_contain_text("You have no passkey yet.")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator(".security-passkeys li")).to_have_count(1)
    passkey = WebAuthnCredential.objects.get(user=desk)
    assert passkey.confirmed and passkey.name == "Passkey"

    # Next sign-in: the passkey, no code.
    sign_out(page, base)
    sign_in(page, base)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/verify/"))
    page.get_by_role("button", name="Use your passkey").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None

    # It counts as a fresh second factor: making new recovery codes (which needs one within
    # PORTAL_SECOND_FACTOR_RECENT_SECONDS) goes straight through.
    page.goto(base + "/admin/second-factor/")
    page.get_by_role("button", name="Make new recovery codes").click()
    expect(page).to_have_url(re.compile(r"/admin/second-factor/recovery-codes/"))
    expect(page.locator(".security-recovery-codes code")).to_have_count(10)
