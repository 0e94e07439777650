"""Signed links: confirmation (expires, carries the choices made at sign-up) and the links
for preferences and unsubscribing (do not expire; they die with the subscriber's record).

Nothing secret is stored: a token is the subscriber's random uuid signed with SECRET_KEY, so a
link cannot be guessed from an address and a tampered link fails its signature check.
"""

import uuid
from dataclasses import dataclass

from django.core import signing

from .conf import newsletter_settings
from .models import Subscriber

CONFIRM_SALT = "portal.newsletter.confirm"
MANAGE_SALT = "portal.newsletter.manage"


class InvalidLink(Exception):
    """The link was altered or is not one of ours."""


class ExpiredLink(Exception):
    """The link was ours but is too old."""


@dataclass(frozen=True)
class Choices:
    """What the person chose in the sign-up form, applied when they confirm."""

    name: str
    language: str
    countries: tuple[str, ...]  # ISO alpha-2
    topics: tuple[int, ...]  # Topic primary keys

    def as_dict(self) -> dict:
        return {"n": self.name, "l": self.language, "c": self.countries, "t": self.topics}

    @classmethod
    def from_dict(cls, data: dict) -> "Choices":
        return cls(
            name=str(data.get("n", "")),
            language=str(data.get("l", "")),
            countries=tuple(data.get("c", ())),
            topics=tuple(int(t) for t in data.get("t", ())),
        )


def make_confirm_token(subscriber: Subscriber, choices: Choices) -> str:
    payload = {"s": subscriber.uuid.hex, **choices.as_dict()}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> tuple[Subscriber, Choices]:
    try:
        payload = signing.loads(
            token, salt=CONFIRM_SALT, max_age=newsletter_settings().confirm_max_age
        )
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise InvalidLink from None
    subscriber = _subscriber(payload.get("s") if isinstance(payload, dict) else None)
    return subscriber, Choices.from_dict(payload)


def manage_signer() -> signing.Signer:
    return signing.Signer(salt=MANAGE_SALT)


def make_manage_token(subscriber: Subscriber, signer: signing.Signer | None = None) -> str:
    """`signer`: pass one from manage_signer() when signing many (it is built once)."""
    return (signer or manage_signer()).sign(subscriber.uuid.hex)


def read_manage_token(token: str) -> Subscriber:
    try:
        value = manage_signer().unsign(token)
    except signing.BadSignature:
        raise InvalidLink from None
    return _subscriber(value)


def _subscriber(hex_value: object) -> Subscriber:
    try:
        key = uuid.UUID(hex=str(hex_value))
    except ValueError:
        raise InvalidLink from None
    subscriber = Subscriber.objects.filter(uuid=key).first()
    if subscriber is None:  # erased on request: the link no longer leads anywhere
        raise InvalidLink
    return subscriber
