"""Passkeys (WebAuthn) as a second factor, with django-otp-webauthn.

Its views, adapted to the portal's rules: a passkey is added only by a session that passed its
second factor recently and already has an authenticator app (the app works without JavaScript
and on any computer, and comes with the recovery codes); signing in with a passkey counts as a
second factor like an app code, re-verification included; there is no sign-in with a passkey
alone (the admin's password form, with its lockouts and staff-only check, always comes first).
The relying party follows PORTAL_BASE_URL (portal.security.conf).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from .conf import passkey_settings
from .second_factor import mark_verified, verified_recently

PASSKEY_DEVICE_NAME = "Passkey"


def relying_party_id(request: HttpRequest) -> str:
    """OTP_WEBAUTHN_RP_ID_CALLABLE: the domain passkeys are bound to."""
    return passkey_settings().relying_party_id


def relying_party_name(request: HttpRequest) -> str:
    """OTP_WEBAUTHN_RP_NAME_CALLABLE: the name the browser shows."""
    return passkey_settings().relying_party_name


class PortalWebAuthnHelper(WebAuthnHelper):
    """OTP_WEBAUTHN_HELPER_CLASS: origins from our settings, and a name for the list of
    devices (the library leaves Device.name empty)."""

    def get_allowed_origins(self) -> list[str]:
        return passkey_settings().allowed_origins

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        device.name = PASSKEY_DEVICE_NAME
        return device


def passkeys_for(user: AbstractBaseUser) -> QuerySet:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


class NeedsRecentVerification(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "needs_recent_verification"
    default_detail = _(
        "To add a passkey, confirm it is you first: reload this page and type a code from your "
        "authenticator app."
    )


class NeedsAuthenticatorApp(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "needs_authenticator_app"
    default_detail = _("Set up an authenticator app first; a passkey can then be added beside it.")


class RegistrationChecks:
    def check_can_register(self) -> None:
        super().check_can_register()
        user = self.get_user()
        if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            raise NeedsAuthenticatorApp()
        if not verified_recently(self.request):
            raise NeedsRecentVerification()


class BeginRegistrationView(RegistrationChecks, webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistrationView(
    RegistrationChecks, webauthn_views.CompleteCredentialRegistrationView
):
    pass


class BeginAuthenticationView(webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthenticationView(webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device: WebAuthnCredential) -> None:
        # Only ever a second factor (passwordless login is off, so a user is signed in and the
        # library has checked the passkey is theirs): the same record of it as an app code.
        mark_verified(self.request, device)


# Names as django-otp-webauthn's own (its script's configuration reverses them).
urlpatterns = [
    path(
        "registration/begin/",
        BeginRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        CompleteRegistrationView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
