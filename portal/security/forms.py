"""The admin's login form (staff only) and the second-factor forms."""

from django import forms
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's login form, for people who may use the admin only.

    A public account with the right password gets the same answer as a wrong password, and the
    attempt counts as a failure (axes), so the admin form is no way around the public login's
    limits and does not tell whether a password is right.
    """

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.cleaned_data.get("username", "")},
                request=self.request,
            )
            raise self.get_invalid_login_error()


class CodeField(forms.CharField):
    """A six-digit code or a recovery code; spaces and dashes people type are ignored."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(value.split()).replace("-", "").lower()


class VerifyForm(forms.Form):
    code = CodeField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The six-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class EnrolForm(forms.Form):
    code = CodeField(
        label=_("Code from your app"),
        max_length=8,
        help_text=_("After adding the account, type the six-digit code the app shows."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
