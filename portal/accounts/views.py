from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from portal.core.antispam import check_rate_limits

from .emails import send_templated_email
from .forms import (
    DeleteAccountForm,
    EmailAuthenticationForm,
    ProfileForm,
    QueuedPasswordResetForm,
    RegistrationForm,
)
from .hooks import ACCOUNT_PANELS_HOOK
from .models import Profile, profile_for
from .verification import VerificationError, send_verification_email, verify_token


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limited = check_rate_limits(
            request, scope="accounts-register", email=email, per_ip=5, per_email=3
        )
        if limited:
            form.add_error(None, limited)
        else:
            existing = get_user_model().objects.filter(email__iexact=email).first()
            if existing is not None:
                # Same answer as for a new address, so the form does not tell strangers who
                # has an account; the holder learns of the attempt by email. The password is
                # hashed all the same, so that the answer also takes as long as for a new one.
                make_password(form.cleaned_data["password1"])
                _tell_holder_about_second_registration(existing, request)
            else:
                user = form.save(language=get_language())
                send_verification_email(user)
            request.session["accounts_registered_email"] = email
            return redirect("accounts:register_sent")
    return TemplateResponse(request, "accounts/register.html", {"form": form})


def _tell_holder_about_second_registration(user, request: HttpRequest) -> None:
    profile = profile_for(user)
    send_templated_email(
        to=user.email,
        language=profile.language if profile else get_language(),
        template="accounts/emails/already_registered",
        context={"recipient": user},
        purpose="accounts.already_registered",
        reference=f"user:{user.pk}",
    )


def register_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("accounts_registered_email")
    return TemplateResponse(request, "accounts/register_sent.html", {"email": email})


def verify(request: HttpRequest, token: str) -> HttpResponse:
    try:
        verify_token(token)
    except VerificationError as error:
        return TemplateResponse(
            request, "accounts/verify_failed.html", {"reason": error.reason}, status=400
        )
    return TemplateResponse(request, "accounts/verified.html", {})


@login_required(login_url=reverse_lazy("accounts:login"))
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    profile = profile_for(request.user)
    if profile is not None and profile.is_verified:
        messages.info(request, _("Your email address is already confirmed."))
        return redirect("accounts:account")
    limited = check_rate_limits(
        request, scope="accounts-verify", email=request.user.email, per_ip=5, per_email=3
    )
    if limited:
        messages.error(request, limited)
    else:
        send_verification_email(request.user)
        messages.success(
            request,
            _("We sent a new confirmation link to %(email)s.") % {"email": request.user.email},
        )
    return redirect("accounts:account")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return reverse("accounts:account")


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        limited = check_rate_limits(
            self.request,
            scope="accounts-password-reset",
            email=form.cleaned_data["email"],
            per_ip=5,
            per_email=3,
        )
        if limited:
            form.add_error(None, limited)
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link came by email: the address is proven as well.
        profile = profile_for(form.user)
        if profile is None:
            profile = Profile.objects.filter(user=form.user).first()
        if profile is not None:
            profile.mark_verified()
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_url": reverse("accounts:login")}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


@login_required(login_url=reverse_lazy("accounts:login"))
def account(request: HttpRequest) -> HttpResponse:
    profile = profile_for(request.user)
    if profile is None:
        # Staff who log in here get a profile so that they can post like anyone else.
        profile = Profile.objects.create(
            user=request.user,
            public_name=request.user.get_full_name() or request.user.get_username(),
            kind="other",
            language=get_language(),
        )
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your public profile was saved."))
        return redirect("accounts:account")
    fragments = [fn(request) for fn in hooks.get_hooks(ACCOUNT_PANELS_HOOK)]
    panels = format_html_join("\n", "{}", ((f,) for f in fragments if f))
    return TemplateResponse(
        request, "accounts/account.html", {"form": form, "profile": profile, "panels": panels}
    )


@login_required(login_url=reverse_lazy("accounts:login"))
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_staff or user.is_superuser:
        messages.error(request, _("Staff accounts are removed by an administrator."))
        return redirect("accounts:account")
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        user.delete()
        return TemplateResponse(request, "accounts/deleted.html", {})
    return TemplateResponse(request, "accounts/delete.html", {"form": form})
