"""Staff who must use a second factor pass it before any admin page (enrolling first if they
have none); staff who chose one pass it too, or it would protect nothing."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from .second_factor import has_second_factor, is_verified, requires_second_factor

# Admin pages a signed-in user reaches before the second factor: the second-factor pages
# themselves, signing out, and what the admin's login page needs.
OPEN_ADMIN_VIEWS = {
    "security_verify",
    "security_setup",
    "security_recovery_codes",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    # Passkeys: signing in with one, and its script's translations (adding one needs a verified
    # session, so those views stay closed).
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where to send this request first, or None when it may go on."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if not request.path_info.startswith(reverse("wagtailadmin_home")):
        return None
    try:
        if resolve(request.path_info).view_name in OPEN_ADMIN_VIEWS:
            return None
    except Resolver404:
        return None
    if has_second_factor(user):
        target = "security_verify"
    elif requires_second_factor(user):
        target = "security_setup"
    else:
        return None
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(target)}?{query}")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return second_factor_redirect(request) or self.get_response(request)
