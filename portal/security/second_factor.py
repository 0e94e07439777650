"""Who needs a second factor, whether this session passed one (and how recently), and checking
a code against the user's devices (django-otp's TOTP devices and recovery codes; passkeys are
checked by their own views, portal.security.passkeys)."""

import time

import django_otp
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from portal.security.conf import security_settings

# When this session last passed a second factor (epoch seconds), for re-verification.
VERIFIED_AT_SESSION_KEY = "security_second_factor_at"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def requires_second_factor(user: AbstractBaseUser) -> bool:
    """Superusers and members of the groups that see personal data must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_security_requires_second_factor", None)
    if cached is None:
        cached = user.groups.filter(name__in=security_settings().second_factor_groups).exists()
        user._security_requires_second_factor = cached
    return cached


def has_second_factor(user: AbstractBaseUser) -> bool:
    """An authenticator app or a passkey (recovery codes alone are only a way back in)."""
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
        or WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()
    )


def is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


def verified_recently(request: HttpRequest) -> bool:
    if not is_verified(request):
        return False
    verified_at = request.session.get(VERIFIED_AT_SESSION_KEY, 0)
    return time.time() - verified_at <= security_settings().second_factor_recent_seconds


def mark_verified(request: HttpRequest, device: Device) -> None:
    """Record in the session that its user passed `device` now (django-otp's own login)."""
    django_otp.login(request, device)
    request.session[VERIFIED_AT_SESSION_KEY] = time.time()


def is_recovery_code(code: str) -> bool:
    return not (code.isdigit() and len(code) <= 8)


def check_code(user: AbstractBaseUser, code: str) -> tuple[Device | None, bool]:
    """The device that accepts `code`, and whether a device refused to check it for now (too
    many wrong codes in a row: django-otp waits longer after each one).

    Six digits are checked against authenticator apps only and anything else against recovery
    codes only, so a mistyped code does not slow down the other kind.
    """
    model = StaticDevice if is_recovery_code(code) else TOTPDevice
    throttled = False
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                return device, False
    return None, throttled


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with fresh ones; each works once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
