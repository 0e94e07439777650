"""Fixtures for the inquiry desk's tests: people in each role, countries and topics, and
helpers that fill the public forms as a person would."""

import time

import pytest
from django.contrib.auth.models import Group, User
from django.core import signing
from django.core.cache import cache

from portal.countries.models import Country
from portal.inquiries.conf import DESK_GROUP
from portal.taxonomy.models import Topic

PASSWORD = "a-long-test-password-1"


def started_ago(seconds: float = 60) -> str:
    """A form start token as the page would have issued it `seconds` ago."""
    return signing.dumps({"t": time.time() - seconds}, salt="portal.antispam.form-started")


def _post(defaults: dict, overrides: dict) -> dict:
    """Form data with the spam-trap fields a browser sends; a value of None leaves a field out."""
    data = {**defaults, "website": "", "form_started": started_ago(), **overrides}
    return {k: v for k, v in data.items() if v is not None}


def inquiry_post(**overrides) -> dict:
    defaults = {
        "name": "Dara Sok",
        "email": "dara.sok@example.org",
        "organization": "Mekong Research Network",
        "role": "researcher",
        "question": "Which studies estimate how many Lao workers migrate to Thailand each year?",
        "preferred_language": "en",
        "consent": "on",
    }
    return _post(defaults, overrides)


def contact_post(**overrides) -> dict:
    defaults = {
        "name": "Malee Chai",
        "email": "malee@example.org",
        "subject": "A broken link on the about page",
        "message": "The link to the 2007 report on the About Us page does not open.",
    }
    return _post(defaults, overrides)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def desk_site(site_tree):
    """The standard pages and the desk's own pages (Inquiry Corner, Questions answered,
    Contact Us) as the demo loader creates them, without other apps' demo content."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from portal.inquiries import demo as inquiries_demo
    from portal.inquiries.permissions import ensure_desk_group
    from portal.standardpages import demo as standardpages_demo

    def quiet(message: str) -> None:
        pass

    # A transactional test earlier in the run flushes what migrations created.
    ContentType.objects.clear_cache()
    ensure_desk_group(apps)
    standardpages_demo.load(quiet)
    inquiries_demo.load(quiet)
    return site_tree


def _user(username: str, *groups: str, **fields) -> User:
    user = User.objects.create_user(
        username, email=f"{username}@portal.example", password=PASSWORD, **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def desk_member(desk_site) -> User:
    return _user("desk", DESK_GROUP, first_name="Noy", last_name="Desk")


@pytest.fixture
def other_desk_member(desk_site) -> User:
    return _user("desk2", DESK_GROUP, first_name="Vanh", last_name="Second")


@pytest.fixture
def editor(desk_site) -> User:
    return _user("editor", "Editors")


@pytest.fixture
def moderator(desk_site) -> User:
    return _user("moderator", "Moderators")


@pytest.fixture
def countries(db) -> dict[str, Country]:
    rows = [
        ("LA", "LAO", "418", "Lao PDR", "east-asia-pacific"),
        ("TH", "THA", "764", "Thailand", "east-asia-pacific"),
        ("KH", "KHM", "116", "Cambodia", "east-asia-pacific"),
    ]
    return {
        iso2: Country.objects.get_or_create(
            iso2=iso2, defaults={"iso3": iso3, "numeric": num, "name": name, "region": region}
        )[0]
        for iso2, iso3, num, name, region in rows
    }


@pytest.fixture
def topics(site_tree) -> dict[str, Topic]:
    return {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})[0]
        for slug, name, kind in [
            ("forced-labour", "Forced labour", "form"),
            ("fishing", "Fishing", "sector"),
        ]
    }
