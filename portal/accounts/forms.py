from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordMixin,
)
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.core.antispam import AntiSpamFormMixin

from .emails import send_templated_email
from .models import Profile, ProfileKind


def normalize_email(value: str) -> str:
    return value.strip().lower()


class RegistrationForm(SetPasswordMixin, AntiSpamFormMixin, forms.Form):
    """Create a public account. Its address is verified before anything can be posted."""

    public_name = forms.CharField(
        label=_("Public name"),
        max_length=120,
        help_text=_("Your organisation's name, or your own name if you act as an individual."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(label=_("Who you are"), choices=ProfileKind.choices)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "We send a link to this address to confirm it. It is never shown to other "
            "people; it is shared only with someone you agree to connect with."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()
    accept_rules = forms.BooleanField(
        label=_(
            "I will not post information about victims or cases (names, photos, contact "
            "details, stories that identify anyone), and I accept the privacy policy."
        ),
    )

    def clean_public_name(self) -> str:
        name = " ".join(self.cleaned_data["public_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please give a name of at least two characters."))
        return name

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])

    def clean(self) -> dict:
        cleaned = super().clean()
        self.validate_passwords()
        email = cleaned.get("email") or ""
        candidate = get_user_model()(
            username=email, email=email, first_name=cleaned.get("public_name", "")
        )
        self.validate_password_for_user(candidate)
        return cleaned

    def save(self, *, language: str):
        User = get_user_model()
        email = self.cleaned_data["email"]
        user = User(username=email, email=email, is_staff=False, is_superuser=False)
        self.set_password_and_save(user)
        Profile.objects.create(
            user=user,
            public_name=self.cleaned_data["public_name"],
            kind=self.cleaned_data["kind"],
            language=language,
        )
        return user


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with the email address (public accounts use it as their user name).

    Failed logins are counted per client address and per account by django-axes
    (portal.security), together with the admin's login form, so neither form is a way around
    the other's limit.
    """

    username = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        return normalize_email(self.cleaned_data["username"])


class QueuedPasswordResetForm(AntiSpamFormMixin, PasswordResetForm):
    """Django's reset form, for public accounts only, sending through the outbox.

    Staff reset their passwords through the admin's own form; leaving them out here keeps the
    public form from becoming a way in to admin accounts.
    """

    def get_users(self, email: str):
        return (
            user
            for user in super().get_users(email)
            if not user.is_staff and not user.is_superuser and hasattr(user, "portal_profile")
        )

    def save(self, *args, **kwargs) -> None:
        """Every request queues one email, so the answer takes the same time whether or not
        the address has an account: a reset link for an account, else a note saying there is
        none (the owner of the address learns someone asked)."""
        email = self.cleaned_data["email"]
        if next(iter(self.get_users(email)), None) is not None:
            super().save(*args, **kwargs)
            return
        send_templated_email(
            to=email,
            language=get_language(),
            template="accounts/emails/password_reset_unknown",
            context={},
            purpose="accounts.password_reset",
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        user = context["user"]
        send_templated_email(
            to=to_email,
            language=user.portal_profile.language,
            template="accounts/emails/password_reset",
            context={**context, "recipient": user},
            purpose="accounts.password_reset",
            reference=f"user:{user.pk}",
        )


class ProfileForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https"
    )

    class Meta:
        model = Profile
        fields = ["public_name", "kind", "website", "about", "country", "language"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}

    def clean_public_name(self) -> str:
        # The public name is quoted in the board's emails: one line only.
        return " ".join(self.cleaned_data["public_name"].split())


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
