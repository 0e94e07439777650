"""Public accounts: people and organisations who post needs and offers.

A public account is a Django user with a Profile. Public users are never staff and hold no
permissions, so they cannot reach the Wagtail admin. Their email address is verified through a
signed link before they may post (see verification.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProfileKind(models.TextChoices):
    """Who is behind an account. Every kind except "individual" is an organisation."""

    SHELTER = "shelter", _("Shelter")
    NGO = "ngo", _("Non-governmental organisation")
    GOVERNMENT = "government", _("Government agency")
    INTERNATIONAL = "international", _("International organisation")
    RESEARCH = "research", _("Research or academic institution")
    COMPANY = "company", _("Company")
    DONOR = "donor", _("Donor or foundation")
    OTHER_ORGANIZATION = "other", _("Other organisation")
    INDIVIDUAL = "individual", _("Individual (volunteer or professional)")


class Profile(models.Model):
    """The public face of an account, and what the portal needs to write to its holder."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_profile"
    )
    public_name = models.CharField(
        _("public name"),
        max_length=120,
        help_text=_("Your organisation's name, or your own name if you act as an individual."),
    )
    kind = models.CharField(_("who you are"), max_length=20, choices=ProfileKind.choices)
    website = models.URLField(_("website"), max_length=300, blank=True)
    about = models.TextField(
        _("about"),
        max_length=1000,
        blank=True,
        help_text=_("A few public sentences on what you or your organisation do."),
    )
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    language = models.CharField(
        _("language for emails"),
        max_length=12,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    email_verified_at = models.DateTimeField(_("email address verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self) -> str:
        return self.public_name

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_organization(self) -> bool:
        return self.kind != ProfileKind.INDIVIDUAL

    def mark_verified(self) -> None:
        if self.email_verified_at is None:
            self.email_verified_at = timezone.now()
            self.save(update_fields=["email_verified_at"])


def profile_for(user) -> Profile | None:
    """The user's profile, or None (anonymous visitors and staff who never set one up)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.portal_profile
    except Profile.DoesNotExist:
        return None


def is_verified(user) -> bool:
    """Whether the user may post: a public profile with a verified email address."""
    profile = profile_for(user)
    return bool(profile and profile.is_verified and user.is_active)
