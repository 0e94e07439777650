import time

import pytest
from django import forms
from django.core import signing
from django.core.cache import cache
from django.test import RequestFactory

from portal.core.antispam import AntiSpamFormMixin, check_rate_limits


class MessageForm(AntiSpamFormMixin, forms.Form):
    message = forms.CharField()


def started_seconds_ago(seconds: float) -> str:
    return signing.dumps({"t": time.time() - seconds}, salt="portal.antispam.form-started")


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def test_a_person_filling_the_form_passes():
    form = MessageForm(data={"message": "Hello", "form_started": started_seconds_ago(30)})
    assert form.is_valid(), form.errors


def test_the_honeypot_rejects_with_a_clear_message():
    form = MessageForm(
        data={"message": "Hi", "website": "http://spam", "form_started": started_seconds_ago(30)}
    )
    assert not form.is_valid()
    assert "hidden field" in form.non_field_errors()[0]


def test_a_form_sent_too_fast_is_rejected_but_passes_when_sent_again(settings):
    settings.PORTAL_FORM_MIN_SECONDS = 3
    token = started_seconds_ago(0.5)
    form = MessageForm(data={"message": "Hi", "form_started": token})
    assert not form.is_valid()
    assert "quicker" in form.non_field_errors()[0]
    # The re-displayed form keeps both the text and the original start time.
    assert form["message"].value() == "Hi"
    assert form["form_started"].value() == token
    later = MessageForm(data={"message": "Hi", "form_started": started_seconds_ago(4)})
    assert later.is_valid()


def test_a_missing_or_forged_start_time_gets_a_fresh_one():
    form = MessageForm(data={"message": "Hi", "form_started": "forged"})
    assert not form.is_valid()
    assert form["form_started"].value() != "forged"
    signing.loads(form["form_started"].value(), salt="portal.antispam.form-started")


def test_an_expired_form_asks_to_send_again(settings):
    settings.PORTAL_FORM_MAX_AGE = 60
    form = MessageForm(data={"message": "Hi", "form_started": started_seconds_ago(120)})
    assert not form.is_valid()
    assert "open for too long" in form.non_field_errors()[0]


def test_rate_limit_per_ip_and_per_email():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert check_rate_limits(request, scope="t", email="a@example.org", per_email=3) is None
    message = check_rate_limits(request, scope="t", email="A@example.org ", per_email=3)
    assert message and "try again" in message
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.1")
    assert check_rate_limits(other, scope="t", email="b@example.org", per_ip=2) is None
    assert check_rate_limits(other, scope="t", email="c@example.org", per_ip=2) is None
    assert check_rate_limits(other, scope="t", email="d@example.org", per_ip=2) is not None
