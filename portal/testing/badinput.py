"""Hypothesis strategies for what a hostile or careless client sends to a public form, and the
check every form must pass: never a server error, and a rejected submission stores nothing."""

import time

from django.core import signing
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

HUGE_IDS = ["99999999999999999999999", str(2**63), str(-(2**63) - 1), "9" * 400]

# A few examples per form keep the suite fast; the crawl and the fixed cases cover the rest.
FORM_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as people and bots type it: any unicode (no surrogates, which no browser sends), line
# breaks and header-like lines, markup, very long strings.
hostile_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60),
    st.sampled_from(
        [
            "Dara\r\nBcc: victim@example.org",
            "Dara\nSubject: free money",
            "<script>alert(1)</script>",
            "\x00",
            "x" * 6000,
            "ລາວ ไทย ខ្មែរ",
        ]
    ),
)

# Values for an id field: real-looking numbers, far past any database integer, or not numbers.
hostile_id = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(HUGE_IDS),
    hostile_text,
)
hostile_ids = st.lists(hostile_id, max_size=4)


def form_started(seconds_ago: float = 60) -> str:
    """The spam trap's start token as the page would have issued it `seconds_ago`."""
    return signing.dumps({"t": time.time() - seconds_ago}, salt="portal.antispam.form-started")


def without_nul(data: dict) -> dict:
    """The test client cannot encode NUL in a multipart body the way browsers do; drop it
    (the crawl sends NUL in query strings)."""

    def clean(value):
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value.replace("\x00", "") if isinstance(value, str) else value

    return {key: clean(value) for key, value in data.items()}


def post_hostile(client, url: str, data: dict, counted: list) -> tuple[int, bool]:
    """POST `data`; returns (status, accepted). Fails on a server error, or when a rejected
    submission (any answer but a redirect) changed the number of rows of `counted` models."""
    cache.clear()  # rate limits would otherwise turn every later example away
    before = [model.objects.count() for model in counted]
    response = client.post(url, without_nul(data))
    assert response.status_code < 500, response.status_code
    accepted = response.status_code == 302
    if not accepted:
        after = [model.objects.count() for model in counted]
        assert after == before, f"a rejected submission stored something: {before} → {after}"
    return response.status_code, accepted


def single_line(value: str) -> bool:
    return "\n" not in value and "\r" not in value
