"""The message bytes for each subscriber.

Rendering and MIME encoding happen once per group of readers who get the same email (same
language, same items); each subscriber's copy is that template with their address, their
personal links and a Message-ID put in by byte replacement. Where the template cannot be used
(an address outside ASCII, a body that had to be quoted-printable encoded) the message is built
in full, more slowly, with the same result.
"""

import secrets
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

from ..conf import newsletter_settings
from ..links import absolute_reverse
from ..models import Edition, Subscriber
from ..rendering import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    EmailCache,
    Interests,
    RenderedEmail,
)
from ..tokens import make_manage_token, manage_signer

TO_PLACEHOLDER = "newsletter-recipient@placeholder.invalid"
MESSAGE_ID_PLACEHOLDER = "newsletter-message-id@placeholder.invalid"
TOKEN_PLACEHOLDER = "TOKENPLACEHOLDER"  # noqa: S105 (not a secret: replaced per reader)
URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?=%_")


class TopicSlugs:
    """A topic's slugs in every language, so a Lao reader's topic matches an English item."""

    def __init__(self) -> None:
        from portal.taxonomy.models import Topic

        self.by_key: dict[uuid.UUID, set[str]] = {}
        for key, slug in Topic.objects.values_list("translation_key", "slug"):
            self.by_key.setdefault(key, set()).add(slug)


def load_interests(subscriber_ids: list[int], topic_slugs: TopicSlugs) -> dict[int, Interests]:
    countries: dict[int, set[str]] = {}
    topics: dict[int, set[str]] = {}
    country_links = Subscriber.countries.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, iso2 in country_links.values_list("subscriber_id", "country__iso2"):
        countries.setdefault(subscriber_id, set()).add(iso2)
    topic_links = Subscriber.topics.through.objects.filter(subscriber_id__in=subscriber_ids)
    for subscriber_id, key in topic_links.values_list("subscriber_id", "topic__translation_key"):
        topics.setdefault(subscriber_id, set()).update(topic_slugs.by_key.get(key, ()))
    return {
        pk: Interests(frozenset(countries.get(pk, ())), frozenset(topics.get(pk, ())))
        for pk in subscriber_ids
    }


def list_domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


class MessageFactory:
    """Builds every subscriber's message of one edition."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.emails = EmailCache(edition)
        self.from_email = newsletter_settings().sender
        # As Django's SMTP backend does: the address alone, its domain in IDNA.
        self.envelope_from = sanitize_address(self.from_email, "utf-8")
        self.domain = list_domain()
        self._link_patterns: dict[str, tuple[str, str] | None] = {}
        self._safe: dict[str, bool] = {}
        self._signer = manage_signer()
        self._templates: dict[int, bytes | None] = {}

    def links(self, subscriber: Subscriber) -> dict[str, str]:
        unsubscribe, preferences = self._patterns(subscriber.language)
        token = make_manage_token(subscriber, self._signer)
        return {
            "unsubscribe_url": unsubscribe.replace(TOKEN_PLACEHOLDER, token),
            "preferences_url": preferences.replace(TOKEN_PLACEHOLDER, token),
        }

    def _patterns(self, language: str) -> tuple[str, str]:
        if language not in self._link_patterns:
            self._link_patterns[language] = tuple(
                absolute_reverse(f"newsletter:{name}", language, token=TOKEN_PLACEHOLDER)
                for name in ("unsubscribe", "preferences")
            )
        return self._link_patterns[language]

    def _substitutable(self, language: str) -> bool:
        """Whether links can go into the template's bytes as they are: the address part must
        need no escaping in HTML or headers (tokens themselves are hex, ":" and base64url)."""
        if language not in self._safe:
            self._safe[language] = all(
                set(pattern) <= URL_SAFE for pattern in self._patterns(language)
            )
        return self._safe[language]

    def build(self, subscriber: Subscriber, interests: Interests, delivery_id: int) -> bytes:
        rendered = self.emails.for_reader(subscriber.language, interests)
        links = self.links(subscriber)
        template = self._template(rendered)
        if (
            template is not None
            and subscriber.email.isascii()
            and self._substitutable(subscriber.language)
        ):
            message_id = (
                f"nl{self.edition.number}.{delivery_id}.{secrets.token_hex(4)}@{self.domain}"
            )
            return (
                template.replace(TO_PLACEHOLDER.encode(), subscriber.email.encode())
                .replace(MESSAGE_ID_PLACEHOLDER.encode(), message_id.encode())
                .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), links["unsubscribe_url"].encode())
                .replace(PREFERENCES_PLACEHOLDER.encode(), links["preferences_url"].encode())
            )
        return (
            self.full_message(rendered, subscriber.email, links).message().as_bytes(linesep="\r\n")
        )

    def full_message(
        self, rendered: RenderedEmail, address: str, links: dict[str, str], message_id=None
    ) -> EmailMultiAlternatives:
        text, body = rendered.personal(links)
        headers = {
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<newsletter.{self.domain}>",
        }
        if message_id:
            headers["Message-ID"] = f"<{message_id}>"
        message = EmailMultiAlternatives(
            subject=rendered.subject,
            body=text,
            from_email=self.from_email,
            to=[address],
            headers=headers,
        )
        message.attach_alternative(body, "text/html")
        return message

    def _template(self, rendered: RenderedEmail) -> bytes | None:
        key = id(rendered)
        if key not in self._templates:
            placeholders = {
                "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
                "preferences_url": PREFERENCES_PLACEHOLDER,
            }
            message = self.full_message(
                rendered, TO_PLACEHOLDER, placeholders, message_id=MESSAGE_ID_PLACEHOLDER
            )
            data = message.message().as_bytes(linesep="\r\n")
            # Usable only if every placeholder survived encoding intact (8bit bodies).
            intact = (
                data.count(UNSUBSCRIBE_PLACEHOLDER.encode()) >= 3
                and data.count(PREFERENCES_PLACEHOLDER.encode()) >= 2
                and TO_PLACEHOLDER.encode() in data
                and MESSAGE_ID_PLACEHOLDER.encode() in data
            )
            self._templates[key] = data if intact else None
        return self._templates[key]
