"""Error reports to Sentry carry nothing personal (portal.operations.errorreporting)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from portal.operations.errorreporting import scrub_breadcrumb, scrub_event, scrub_url

ROOT = Path(__file__).resolve().parents[3]

PERSONAL = (
    "asker@example.org",
    "My sister",
    "secret-session-of-the-requester",
    "203.0.113.77",
    "198.51.100.23",
    "abcdefghijklmnopqrstuvwxyz",
)


def sentry_event() -> dict:
    """An event as the SDK's Django integration builds it for a failing form submission."""
    return {
        "level": "error",
        "message": "Inquiry from asker@example.org failed",
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "Could not file the inquiry of asker@example.org from 203.0.113.77",
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "failing_view",
                                "lineno": 12,
                                "vars": {"email": "'asker@example.org'", "message": "'My sister'"},
                            }
                        ]
                    },
                }
            ]
        },
        "threads": {"values": [{"stacktrace": {"frames": [{"vars": {"x": "My sister"}}]}}]},
        "request": {
            "url": "https://portal.example.org/inquiry/MQ:1vQx:abcdefghijklmnopqrstuvwxyz/",
            "method": "POST",
            "query_string": "reply_to=asker%40example.org",
            "data": {"email": "asker@example.org", "message": "My sister was taken"},
            "cookies": {"sessionid": "secret-session-of-the-requester"},
            "headers": {"X-Forwarded-For": "198.51.100.23", "Cookie": "sessionid=…"},
            "env": {"REMOTE_ADDR": "203.0.113.77"},
        },
        "user": {"email": "asker@example.org", "ip_address": "203.0.113.77", "id": "7"},
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT … WHERE email = 'asker@example.org'"}
            ]
        },
        "extra": {"submitted_by": "asker@example.org"},
        "tags": {"queue": "research"},
    }


def test_the_scrubbed_event_holds_no_personal_data():
    event = scrub_event(sentry_event(), {})
    text = json.dumps(event)
    for value in PERSONAL:
        assert value not in text, value
    assert "user" not in event
    assert event["request"] == {
        "url": "https://portal.example.org/inquiry/[token]/",
        "method": "POST",
    }


def test_what_helps_to_find_the_error_is_kept():
    event = scrub_event(sentry_event(), {})
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "ValueError"
    assert exception["value"] == "Could not file the inquiry of [email] from 203.0.113.0"
    assert exception["stacktrace"]["frames"] == [{"function": "failing_view", "lineno": 12}]
    assert event["tags"] == {"queue": "research"}


def test_breadcrumbs_and_addresses():
    crumb = scrub_breadcrumb({"message": "mail to a.b+c@mail.example.la from 2001:db8:1:2::7"})
    assert crumb["message"] == "mail to [email] from 2001:db8:1::"
    assert (
        scrub_url("https://x.org/en/countries/laos/?q=1#top") == "https://x.org/en/countries/laos/"
    )


def test_the_sdk_sends_nothing_personal_from_a_failing_request():
    """The real SDK and its Django integration, in a fresh interpreter (sentry_sdk.init patches
    Django for the whole process), with a transport that records instead of sending."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sentry_app.py"))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["status"].startswith("500")
    (event,) = report["events"]
    assert event["exception"]["values"][0]["type"] == "ValueError"
    assert event["request"]["method"] == "POST"
    text = json.dumps(event)
    for value in PERSONAL:
        assert value not in text, value
