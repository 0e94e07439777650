"""The second-factor pages in the admin: enrol an authenticator app, verify (with a code or a
passkey), recovery codes, and the overview where passkeys are added."""

from urllib.parse import urlencode

import segno
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import EnrolForm, VerifyForm
from .passkeys import passkeys_for
from .second_factor import (
    check_code,
    has_second_factor,
    is_verified,
    mark_verified,
    new_recovery_codes,
    remaining_recovery_codes,
    requires_second_factor,
    verified_recently,
)

NEW_CODES_SESSION_KEY = "security_new_recovery_codes"
APP_DEVICE_NAME = "Authenticator app"


def next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def with_next(url_name: str, request: HttpRequest) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url(request)})}"


class SecondFactorPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "key"

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "next": next_url(self.request)}


class VerifyView(SecondFactorPage):
    template_name = "security/verify.html"
    page_title = gettext_lazy("Two-step verification")

    def get_context_data(self, **kwargs) -> dict:
        # With a passkey the page offers it first (its script); the code form works without.
        return {**super().get_context_data(**kwargs), "passkeys": self.has_passkey}

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_second_factor(request.user):
            return redirect(with_next("security_setup", request))
        return self.render_to_response(self.get_context_data(form=VerifyForm()))

    @property
    def has_passkey(self) -> bool:
        return passkeys_for(self.request.user).exists()

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_second_factor(request.user):
            return redirect(with_next("security_setup", request))
        form = VerifyForm(request.POST)
        if form.is_valid():
            device, throttled = check_code(request.user, form.cleaned_data["code"])
            if device is not None:
                mark_verified(request, device)
                left = remaining_recovery_codes(request.user)
                if device.name != APP_DEVICE_NAME and left <= 3:
                    messages.warning(
                        request,
                        _(
                            "You have %(count)d recovery codes left. Make new ones on your "
                            "account's two-step verification page."
                        )
                        % {"count": left},
                    )
                return redirect(next_url(request))
            if throttled:
                form.add_error(
                    "code",
                    _("Too many wrong codes in a row. Wait a few seconds, then try again."),
                )
            else:
                form.add_error(
                    "code",
                    _(
                        "That code is not right. App codes change every 30 seconds: type the "
                        "one shown now. A recovery code works only once."
                    ),
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SetupView(SecondFactorPage):
    """Add an authenticator app. With one already confirmed, only a verified session may add
    another: a password alone must never be enough to enrol a new device."""

    template_name = "security/setup.html"
    page_title = gettext_lazy("Set up two-step verification")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if has_second_factor(request.user) and not verified_recently(request):
            return redirect(with_next("security_verify", request))
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(
                user=self.request.user, name=APP_DEVICE_NAME, confirmed=False
            )
        return device

    def get_context_data(self, **kwargs) -> dict:
        device = kwargs["device"]
        qr = segno.make(device.config_url, error="m")
        secret = device.config_url.split("secret=")[1].split("&")[0]
        return {
            **super().get_context_data(**kwargs),
            "qr_svg": mark_safe(  # noqa: S308 - segno's own SVG of our own URL
                qr.svg_inline(scale=5, title=_("QR code for your authenticator app"))
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": requires_second_factor(self.request.user),
        }

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        device = self.pending_device()
        return self.render_to_response(self.get_context_data(form=EnrolForm(), device=device))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        device = self.pending_device()
        form = EnrolForm(request.POST)
        if form.is_valid():
            # django-otp throttles the new device too: after a wrong code it refuses any code
            # for a second, then two, four... Say so, rather than call a right code wrong.
            allowed, _data = device.verify_is_allowed()
            if not allowed:
                form.add_error(
                    "code",
                    _("Too many wrong codes in a row. Wait a few seconds, then try again."),
                )
            elif device.verify_token(form.cleaned_data["code"]):
                device.confirmed = True
                device.save()
                mark_verified(request, device)
                request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(request.user)
                return redirect(with_next("security_recovery_codes", request))
            else:
                form.add_error(
                    "code",
                    _(
                        "That code does not match. Check that the app shows the account you "
                        "just added and type the code it shows now."
                    ),
                )
        return self.render_to_response(self.get_context_data(form=form, device=device), status=400)


class RecoveryCodesView(SecondFactorPage):
    """Shows new recovery codes once; POST makes a new set (the old ones stop working)."""

    template_name = "security/recovery_codes.html"
    page_title = gettext_lazy("Recovery codes")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_verified(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
        if not codes:
            return redirect("security_overview")
        shown = [f"{code[:4]}-{code[4:]}" for code in codes]
        return self.render_to_response(self.get_context_data(codes=shown))

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not verified_recently(request):
            return redirect(f"{reverse('security_verify')}?next={reverse('security_overview')}")
        request.session[NEW_CODES_SESSION_KEY] = new_recovery_codes(request.user)
        return redirect("security_recovery_codes")


class OverviewView(SecondFactorPage):
    template_name = "security/overview.html"
    page_title = gettext_lazy("Two-step verification")

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "required": requires_second_factor(user),
            "apps": TOTPDevice.objects.devices_for_user(user, confirmed=True),
            "passkeys": list(passkeys_for(user)),
            "recovery_left": remaining_recovery_codes(user),
        }
