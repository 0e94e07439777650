"""For tests: sign a staff member into the admin with their second factor passed, the way a
real sign-in leaves the session (django-otp's session key, the verification time)."""

import time

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.second_factor import VERIFIED_AT_SESSION_KEY


def pass_second_factor(client: Client, user: AbstractBaseUser) -> TOTPDevice:
    """Give `user` a confirmed authenticator app (if none) and mark the client's session as
    verified with it just now. The client must be logged in already."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_SESSION_KEY] = time.time()
    session.save()
    return device


def login_staff(client: Client, user: AbstractBaseUser) -> TOTPDevice:
    """force_login plus a passed second factor: what a staff member has after signing in."""
    client.force_login(user)
    return pass_second_factor(client, user)


def current_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now for `device` (django-otp's own TOTP)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def age_second_factor(client: Client, seconds: float) -> None:
    """Make the session's last second factor `seconds` older (re-verification tests)."""
    session = client.session
    session[VERIFIED_AT_SESSION_KEY] = session[VERIFIED_AT_SESSION_KEY] - seconds
    session.save()


def sign_in_to_admin(page, base_url: str, user: AbstractBaseUser, password: str) -> None:
    """In a browser test (a Playwright page): sign in at /admin/login/ and, for staff who need
    a second factor, pass it with a code from an authenticator app made for them here."""
    from portal.security.second_factor import requires_second_factor

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and requires_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.wait_for_url("**/admin/second-factor/verify/**")
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Verify").click()
