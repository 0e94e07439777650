"""Spam traps shared by every public form: a honeypot field, a minimum fill time, rate limits.

Each rule answers with a clear message and keeps what the person typed in the form, so a
person who trips a rule by mistake loses nothing: they read why and submit again.
"""

import logging
import time

from django import forms
from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.core.conf import core_settings

from .net import client_ip, hashed_identifier
from .ratelimit import RateLimit

_SIGNER_SALT = "portal.antispam.form-started"
logger = logging.getLogger("portal.security")


def _signed_now() -> str:
    return signing.dumps({"t": time.time()}, salt=_SIGNER_SALT)


class HoneypotInput(forms.TextInput):
    """A text field that people never see (hidden by CSS and from assistive technology)."""

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class AntiSpamFormMixin(forms.Form):
    """Add to a public form. Call `check_rate_limits(request, email=...)` in the view.

    Settings: PORTAL_FORM_MIN_SECONDS (default 3), PORTAL_FORM_MAX_AGE (default one day).
    """

    # Named like a real field so that form-filling bots fill it.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=HoneypotInput(),
    )
    form_started = forms.CharField(widget=forms.HiddenInput, required=False)

    honeypot_message = _(
        "Your message could not be accepted because a hidden field was filled in. "
        "If you use a form-filling tool, please turn it off for this page and try again."
    )
    too_fast_message = _(
        "That was quicker than a person usually fills in this form. Please check your "
        "answers and send the form again."
    )
    expired_message = _(
        "This form was open for too long. Please check your answers and send it again."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["form_started"].initial = _signed_now()

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        self._check_fill_time(cleaned.get("form_started") or "")
        return cleaned

    def _check_fill_time(self, token: str) -> None:
        config = core_settings()
        min_seconds, max_age = config.form_min_seconds, config.form_max_age
        try:
            started = signing.loads(token, salt=_SIGNER_SALT, max_age=max_age)["t"]
        except signing.SignatureExpired:
            self._restart_clock()
            raise forms.ValidationError(self.expired_message, code="expired") from None
        except (signing.BadSignature, KeyError, TypeError):
            self._restart_clock()
            raise forms.ValidationError(self.too_fast_message, code="too_fast") from None
        age = time.time() - started
        if age > max_age:
            self._restart_clock()
            raise forms.ValidationError(self.expired_message, code="expired")
        if age < min_seconds:
            # The original start time is kept in the re-displayed form, so sending it again
            # a moment later passes.
            raise forms.ValidationError(self.too_fast_message, code="too_fast")

    def _restart_clock(self) -> None:
        """A missing or stale token gets a fresh one, so the re-displayed form can pass."""
        data = self.data.copy()
        data[self.add_prefix("form_started")] = _signed_now()
        self.data = data


def check_rate_limits(
    request: HttpRequest,
    *,
    scope: str,
    email: str | None = None,
    per_ip: int = 5,
    per_email: int = 3,
    window: int = 3600,
) -> str | None:
    """Count one submission; return a message to show when a limit is exceeded, else None."""
    checks = [(RateLimit(f"{scope}:ip", per_ip, window), client_ip(request))]
    if email:
        checks.append((RateLimit(f"{scope}:email", per_email, window), email.strip().lower()))
    for limit, identifier in checks:
        if not limit.hit(identifier):
            minutes = max(1, limit.seconds_until_reset() // 60)
            # Every refusal is logged, by scope and keyed hash (never the address or email).
            logger.warning(
                "Rate limit reached: %s for %s, %d minutes left",
                limit.scope,
                hashed_identifier(identifier),
                minutes,
            )
            return ngettext(
                "You have sent this form several times in a short while. Your text is still "
                "below: please try again in %(minutes)d minute.",
                "You have sent this form several times in a short while. Your text is still "
                "below: please try again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
    return None
