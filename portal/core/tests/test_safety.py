"""Readers' safety: no cookies for anonymous readers, no full IP addresses in server logs, a
quick exit on every page."""

import io
import logging
import logging.config
import os
import socket
import subprocess
import sys
import time
import urllib.request
from copy import deepcopy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from portal.core.conf import core_settings
from portal.core.logfilters import truncate_addresses
from portal.settings import base as base_settings

ROOT = Path(__file__).resolve().parents[3]

READER_URLS = [
    "/",
    "/lo/",
    "/th/",
    "/about-us/",
    "/lo/about-us/",
    "/th/about-us/",
    "/search/?q=trafficking",
    "/lo/search/?q=ການຄ້າມະນຸດ",
    "/no-such-page/",
    "/lo/no-such-page/",
    "/robots.txt",
    "/sitemap.xml",
]


@pytest.mark.smoke
@pytest.mark.django_db
def test_anonymous_readers_get_no_cookie_anywhere(client, demo_site):
    for url in READER_URLS:
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        assert not response.cookies, url


@pytest.mark.django_db
def test_a_page_with_a_form_sets_only_the_csrf_token(client, demo_site):
    """As the privacy policy says: the security token and nothing else."""
    response = client.get("/contact-us/")
    assert response.status_code == 200
    assert set(response.cookies) == {"csrftoken"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/contact-us/",
        "/inquiry-corner/",
        "/newsletter/",
        "/needs-and-resources/",
        "/accounts/login/",
    ],
)
def test_the_csrf_cookie_of_a_form_page_ends_with_the_browser_session(client, demo_site, url):
    """On a shared phone nothing outlives the browser for a reader who has not logged in: a
    form's security token is a session cookie (no Max-Age, no Expires)."""
    response = client.get(url, follow=True)
    assert response.status_code == 200
    for name, cookie in response.cookies.items():
        assert name == "csrftoken", url
        assert not cookie["max-age"] and not cookie["expires"], (url, cookie.output())


@pytest.mark.django_db
def test_the_privacy_page_names_each_cookie_and_how_long_it_lasts(client, demo_site):
    text = BeautifulSoup(client.get("/privacy-policy-and-disclaimer/").content, "html.parser")
    body = text.select_one("main").get_text(" ")
    assert "csrftoken" in body and "deleted when you close your browser" in body
    assert "sessionid" in body and "two weeks" in body


@pytest.mark.django_db
def test_every_page_has_a_quick_exit_that_works_without_javascript(client, demo_site):
    for url in READER_URLS[:9]:
        html = BeautifulSoup(client.get(url).content, "html.parser")
        link = html.select_one("a#quick-exit")
        assert link["href"] == core_settings().quick_exit_url, url
        # Second stop for the keyboard, after "Skip to content".
        focusable = html.select("a[href], button, input, select, textarea")
        assert focusable[1] is link or focusable[1] == link, url


@pytest.mark.parametrize(
    "text,expected",
    [
        ("203.0.113.77 GET /", "203.0.113.0 GET /"),
        ("client 2001:db8:85a3:8d3:1319:8a2e:370:7348 left", "client 2001:db8:85a3:: left"),
        ("at 10:21:03 from 198.51.100.9", "at 10:21:03 from 198.51.100.0"),
        ("version 1.2.3.4.5 and 999.1.1.1", "version 1.2.3.4.5 and 999.1.1.1"),
    ],
)
def test_addresses_in_log_text_are_truncated(text, expected):
    assert truncate_addresses(text) == expected


class FakeSocket:
    def __init__(self, address: str) -> None:
        self.address = address

    def getpeername(self) -> tuple[str, int]:
        return (self.address, 51234)


def test_runserver_access_log_keeps_only_the_network():
    """The logging configuration of base.py (dev and runserver), with a log line as runserver
    writes it."""
    config = deepcopy(base_settings.LOGGING)
    config["loggers"]["django.server"]["level"] = "INFO"
    try:
        logging.config.dictConfig(config)
        logger = logging.getLogger("django.server")
        stream, app_stream = io.StringIO(), io.StringIO()
        logger.handlers[0].setStream(stream)
        logging.getLogger().handlers[0].setStream(app_stream)
        logger.info(
            '"%s" %s %s',
            "GET /lo/?from=203.0.113.77 HTTP/1.1",
            "200",
            "5120",
            extra={"request": FakeSocket("203.0.113.77"), "server_time": "now"},
        )
        logging.getLogger("portal").error("Failed for 2001:db8::1234")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    line = stream.getvalue()
    assert "203.0.113.0" in line and "203.0.113.77" not in line
    assert '"GET /lo/?from=203.0.113.0 HTTP/1.1" 200 5120' in line
    assert app_stream.getvalue().strip().endswith("Failed for 2001:db8::")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_access_log_keeps_only_the_network(tmp_path):
    """gunicorn started as in production (its config file is read from the working directory)."""
    port = free_port()
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as r:
                    assert r.status == 200
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        deadline = time.monotonic() + 10
        while "robots.txt" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "no access log line"
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    line = log.read_text()
    assert line.startswith("127.0.0.0 "), line
    assert "127.0.0.1" not in line
