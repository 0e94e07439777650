"""Fixtures for the needs board: countries, accounts, posts and the campaign page."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import signing
from django.core.cache import cache
from django.utils import timezone

from portal.accounts.models import Profile
from portal.countries.models import Country
from portal.needs.choices import Moderation
from portal.needs.models import Need, NeedsBoardPage, Offer
from portal.needs.permissions import NEEDS_MODERATORS

COUNTRIES = [
    ("LA", "LAO", "418", "Lao PDR"),
    ("TH", "THA", "764", "Thailand"),
    ("KH", "KHM", "116", "Cambodia"),
    ("VN", "VNM", "704", "Viet Nam"),
]


def form_started(seconds_ago: float = 30) -> str:
    """A signed form start time, as the anti-spam mixin puts in every public form."""
    return signing.dumps({"t": time.time() - seconds_ago}, salt="portal.antispam.form-started")


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


@pytest.fixture
def countries(db) -> dict[str, Country]:
    return {
        iso2: Country.objects.get_or_create(
            iso2=iso2,
            defaults={
                "iso3": iso3,
                "numeric": numeric,
                "name": name,
                "region": "east-asia-pacific",
            },
        )[0]
        for iso2, iso3, numeric, name in COUNTRIES
    }


@pytest.fixture
def board(db) -> NeedsBoardPage:
    """The campaign page under the home page (the demo's, which has no posts, or a new one)."""
    from portal.home.site import ensure_site

    home = ensure_site()
    existing = NeedsBoardPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = NeedsBoardPage(
        title="Linking Needs with Resources",
        slug="needs-and-resources",
        intro="Needs and offers of help, matched.",
    )
    home.add_child(instance=page)
    return page


@pytest.fixture
def make_user(db):
    def make(
        email: str,
        *,
        name: str | None = None,
        kind: str = "ngo",
        verified: bool = True,
        language: str = "en",
        password: str = "a-long-test-password-1",  # noqa: S107
    ) -> User:
        user = User.objects.create_user(username=email, email=email, password=password)
        Profile.objects.create(
            user=user,
            public_name=name or email.split("@")[0].title(),
            kind=kind,
            language=language,
            email_verified_at=timezone.now() if verified else None,
        )
        return user

    return make


@pytest.fixture
def shelter(make_user) -> User:
    return make_user("shelter@example.org", name="Riverside Shelter", kind="shelter")


@pytest.fixture
def donor(make_user) -> User:
    return make_user("donor@example.net", name="Mekong Giving Fund", kind="donor")


@pytest.fixture
def moderator(db) -> User:
    user = User.objects.create_user(
        username="moderator", email="moderator@example.org", password="moderator-pass-1"
    )
    user.groups.add(Group.objects.get(name=NEEDS_MODERATORS))
    return user


@pytest.fixture
def make_need(countries):
    def make(owner: User, *, approved: bool = True, country: str = "LA", **fields) -> Need:
        values = {
            "title": "Interpreters for court hearings",
            "category": "interpreting",
            "description": "We need Lao and Thai interpreters to accompany people at court "
            "hearings and interviews with the police in Vientiane.",
            "until": in_days(60),
            "urgency": "soon",
            **fields,
        }
        need = Need.objects.create(owner=owner, country=countries[country], **values)
        if approved:
            need.moderation_status = Moderation.APPROVED
            need.first_published_at = timezone.now()
            need.save()
        return need

    return make


@pytest.fixture
def make_offer(countries):
    def make(
        owner: User, *, approved: bool = True, where: tuple[str, ...] = ("LA",), **fields
    ) -> Offer:
        values = {
            "title": "Legal interpreting, Lao and Thai",
            "category": "interpreting",
            "offered_by": "volunteer",
            "description": "Two trained interpreters can accompany hearings and interviews, "
            "in Lao, Thai and English.",
            "until": in_days(90),
            **fields,
        }
        offer = Offer.objects.create(owner=owner, **values)
        offer.countries.set([countries[code] for code in where])
        if approved:
            offer.moderation_status = Moderation.APPROVED
            offer.first_published_at = timezone.now()
            offer.save()
        return offer

    return make
