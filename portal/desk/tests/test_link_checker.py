"""The link checker against a real HTTP server on loopback."""

import pytest

from portal.core.linkcheck import LinkChecker
from portal.sources.models import Source

from .linkserver import refused_url

pytestmark = pytest.mark.both_databases


@pytest.fixture
def checker(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org"
    settings.PORTAL_LINK_CHECK_USER_AGENT = ""
    return LinkChecker(timeout=0.5, host_delay=0)


@pytest.mark.parametrize(
    ("path", "ok", "status", "methods"),
    [
        ("/ok", True, "200", ["HEAD"]),
        ("/missing", False, "404", ["HEAD"]),
        ("/no-head", True, "200", ["HEAD", "GET"]),
        ("/moved", True, "200", ["HEAD", "HEAD"]),
        ("/slow", False, "timeout", ["HEAD"]),
    ],
)
def test_each_kind_of_answer(checker, link_server, path, ok, status, methods):
    result = checker.check(link_server.url(path))
    assert (result.ok, result.status) == (ok, status)
    assert [method for method, _path, _agent in link_server.requests] == methods


def test_a_refused_connection_fails(checker):
    result = checker.check(refused_url())
    assert (result.ok, result.status) == (False, "connection refused")


def test_the_user_agent_names_the_portal_and_its_address(checker, link_server):
    checker.check(link_server.url("/ok"))
    agent = link_server.requests[0][2]
    assert "AntiTraffickingPortal-LinkChecker" in agent
    assert "+https://portal.example.org" in agent


def test_requests_to_one_host_are_spaced_out_and_other_hosts_are_not(link_server):
    now = [100.0]
    waits = []

    def sleep(seconds):
        waits.append(round(seconds, 3))
        now[0] += seconds

    checker = LinkChecker(timeout=0.5, host_delay=5, clock=lambda: now[0], sleep=sleep)
    checker.check(link_server.url("/ok"))
    now[0] += 1  # a second passes: the next request to this host waits the other four
    checker.check(link_server.url("/ok"))
    assert waits == [4.0]
    # localhost is another host name for the checker: no wait.
    checker.check(link_server.url("/ok").replace("127.0.0.1", "localhost"))
    assert waits == [4.0]
    # HEAD refused, then GET: the GET waits its turn too.
    checker.check(link_server.url("/no-head"))
    assert waits == [4.0, 5.0, 5.0]


def test_a_busy_server_neither_breaks_nor_clears_a_link(checker, link_server):
    source = Source(title="Unsaved", url=link_server.url("/missing"))
    source.record_link_check(checker.check(source.url))
    since = source.link_failing_since
    result = checker.check(link_server.url("/busy"))
    assert (result.ok, result.status, result.inconclusive) == (False, "429", True)
    source.record_link_check(result)
    assert (source.link_failures, source.link_failing_since, source.link_status) == (
        1,
        since,
        "429",
    )
    source.record_link_check(checker.check(link_server.url("/ok")))
    assert (source.link_failures, source.link_failing_since) == (0, None)
