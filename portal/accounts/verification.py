"""Email verification through signed links: no token table, and a link stops working when the
address on the account changes or after VERIFICATION_MAX_AGE."""

from django.contrib.auth import get_user_model
from django.core import signing

from .emails import email_user
from .models import Profile

SALT = "portal.accounts.verify-email"
VERIFICATION_MAX_AGE = 7 * 24 * 60 * 60


class VerificationError(Exception):
    """The link is broken, expired, or for an address the account no longer has."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


def make_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT, compress=True)


def verify_token(token: str) -> Profile:
    """Mark the account's address verified and return its profile, or raise VerificationError."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VERIFICATION_MAX_AGE)
    except signing.SignatureExpired:
        raise VerificationError("expired") from None
    except signing.BadSignature:
        raise VerificationError("invalid") from None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.email.lower() != data.get("e"):
        raise VerificationError("invalid")
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"public_name": user.get_full_name() or user.email.split("@")[0]}
    )
    profile.mark_verified()
    return profile


def send_verification_email(user) -> None:
    email_user(
        user,
        template="accounts/emails/verify",
        context={"token": make_token(user), "max_days": VERIFICATION_MAX_AGE // 86400},
        purpose="accounts.verify",
        reference=f"user:{user.pk}",
    )
