"""Fixtures for the newsletter's tests: a newsletter page, countries and topics, a digest item
provider registered for the test only, and confirmed subscribers."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from portal.core.hooks import DIGEST_ITEMS_HOOK, DigestItem


@pytest.fixture(autouse=True)
def default_language():
    """A request to /th/... leaves Thai active in the test thread; start each test in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def newsletter_settings(settings):
    settings.NEWSLETTER_MAX_PER_SECOND = 0  # no pacing in tests (Pacer has its own test)
    settings.PORTAL_FORM_MIN_SECONDS = 0
    settings.NEWSLETTER_BATCH_SIZE = 4
    return settings


@pytest.fixture
def newsletter_page(site_tree):
    from portal.newsletter.demo import load

    load(lambda message: None)
    from portal.newsletter.models import NewsletterPage

    return NewsletterPage.objects.get(locale__language_code="en")


@pytest.fixture
def countries(db):
    """The reference list already holds them (a migration loads ISO 3166)."""
    from portal.countries.models import Country, Region

    rows = [
        ("LA", "LAO", "418", "Lao PDR"),
        ("TH", "THA", "764", "Thailand"),
        ("KH", "KHM", "116", "Cambodia"),
    ]
    return {
        iso2: Country.objects.get_or_create(
            iso2=iso2,
            defaults={
                "iso3": iso3,
                "numeric": numeric,
                "name": name,
                "region": Region.EAST_ASIA_PACIFIC,
            },
        )[0]
        for iso2, iso3, numeric, name in rows
    }


@pytest.fixture
def topics(site_tree):
    from wagtail.models import Locale

    from portal.taxonomy.models import Topic

    english = Locale.objects.get(language_code="en")
    lao = Locale.objects.get(language_code="lo")
    fishing = Topic.objects.create(name="Fishing", slug="fishing", kind="sector", locale=english)
    children = Topic.objects.create(name="Children", slug="children", kind="group", locale=english)
    # The Lao translation of "Children", with its own slug.
    Topic.objects.create(
        name="ເດັກນ້ອຍ",
        slug="dek-noy",
        kind="group",
        locale=lao,
        translation_key=children.translation_key,
    )
    return {"fishing": fishing, "children": children}


def digest_item(key: str, **fields) -> DigestItem:
    defaults = {
        "kind": "update",
        "title": f"Item {key}",
        "url": f"/updates/{key}/",
        "summary": f"Summary of {key}.",
        "published_at": timezone.now() - timedelta(days=1),
    }
    return DigestItem(key=key, **{**defaults, **fields})


@pytest.fixture
def digest_items():
    """The items a test provider returns; tests append DigestItems to this list."""
    items: list[DigestItem] = []

    def provider(since, until):
        return [
            i
            for i in items
            if (since is None or i.published_at >= since) and i.published_at <= until
        ]

    with hooks.register_temporarily(DIGEST_ITEMS_HOOK, provider):
        yield items


@pytest.fixture
def make_subscriber(db):
    from portal.newsletter.models import Subscriber

    def make(email: str, *, countries=(), topics=(), language="en", status="subscribed"):
        subscriber = Subscriber.objects.create(
            email=email,
            language=language,
            status=status,
            confirmed_at=timezone.now() if status == "subscribed" else None,
        )
        subscriber.countries.set(countries)
        subscriber.topics.set(topics)
        return subscriber

    return make


@pytest.fixture
def make_edition(digest_items):
    from portal.newsletter.gathering import gather
    from portal.newsletter.models import Edition

    def make(subject: str = "November news", intro: str = "<p>Hello readers.</p>"):
        edition = Edition.objects.create(subject=subject, intro=intro)
        gather(edition)
        return edition

    return make
