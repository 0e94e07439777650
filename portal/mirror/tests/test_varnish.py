"""The shipped Varnish configuration (deploy/varnish/portal.vcl) against a real varnishd: it
caches anonymous pages until the portal purges them, never caches what sets a cookie or what
a logged-in user asks for, and publishing purges the same addresses the mirror rewrites.

The backend is a small HTTP server on loopback standing in for nginx (its pages and counts of
requests are what the tests look at)."""

import http.client
import os
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from wagtail.models import Page

from conftest import IN_CI

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = Path(__file__).resolve().parents[3] / "deploy" / "varnish" / "portal.vcl"
HOST = "localhost"  # the demo Site's hostname: purges name it in their Host header

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.path.exists(VARNISHD) and not IN_CI,
        reason=f"varnishd not installed at {VARNISHD} (Debian package varnish)",
    ),
    pytest.mark.both_databases,
]


class Backend(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), BackendHandler)
        self.bodies: dict[str, str] = {}
        self.hits: dict[str, int] = {}

    @property
    def port(self) -> int:
        return self.server_address[1]


class BackendHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server: Backend = self.server
        server.hits[self.path] = server.hits.get(self.path, 0) + 1
        body = server.bodies.get(self.path, f"page {self.path}").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=60")
        if self.path.startswith("/sets-cookie/"):
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def backend():
    server = Backend()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def varnish(backend, tmp_path, settings):
    """varnishd in the foreground, unprivileged (-j none), on a free loopback port, with the
    shipped VCL pointed at the backend; the portal purges it (WAGTAILFRONTENDCACHE)."""
    source = VCL.read_text()
    vcl = source.replace('.port = "8080";', f'.port = "{backend.port}";')
    assert vcl != source, "the VCL's backend port line changed: update this test"
    (tmp_path / "portal.vcl").write_text(vcl)
    port = free_port()
    log = (tmp_path / "varnishd.log").open("wb")
    process = subprocess.Popen(
        [
            *(VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish")),
            *("-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "portal.vcl"), "-s", "malloc,32m"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("varnishd did not start: " + (tmp_path / "varnishd.log").read_text())
            time.sleep(0.2)
    address = f"http://127.0.0.1:{port}"
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": address,
        }
    }
    yield port
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def get(port: int, path: str, **headers) -> tuple[str, str]:
    """(body, X-Cache) of a GET through Varnish."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return body, response.getheader("X-Cache")


def test_pages_stay_cached_until_the_portal_purges_them(demo_site, backend, varnish):
    from portal.mirror.frontend_cache import purge

    backend.bodies["/about-us/"] = "first"
    assert get(varnish, "/about-us/") == ("first", "miss")
    backend.bodies["/about-us/"] = "second"
    assert get(varnish, "/about-us/") == ("first", "hit")
    assert purge(["/about-us/"]) == [f"http://{HOST}/about-us/"]
    assert get(varnish, "/about-us/") == ("second", "miss")
    assert backend.hits["/about-us/"] == 2


def test_responses_with_cookies_and_logged_in_users_are_never_cached(demo_site, backend, varnish):
    for _ in range(2):
        get(varnish, "/sets-cookie/")
        get(varnish, "/about-us/", Cookie="sessionid=s3cr3t")
    assert backend.hits == {"/sets-cookie/": 2, "/about-us/": 2}
    # A reader with only the CSRF cookie is an anonymous reader: served from the cache.
    get(varnish, "/countries/", Cookie="csrftoken=abc")
    assert get(varnish, "/countries/")[1] == "hit"


def test_only_loopback_may_purge(demo_site, backend, varnish):
    connection = http.client.HTTPConnection("127.0.0.1", varnish, timeout=10)
    connection.request("PURGE", "/about-us/", headers={"Host": HOST})
    assert connection.getresponse().status == 200  # the test runs on loopback
    vcl = VCL.read_text()
    assert 'acl purgers {\n    "127.0.0.1";\n    "::1";' in vcl and "client.ip !~ purgers" in vcl


def test_publishing_purges_what_the_mirror_would_rewrite(
    demo_site, backend, varnish, django_capture_on_commit_callbacks
):
    update = Page.objects.get(
        url_path="/home/updates/trafficking-in-persons-report-2007-lao-pdr/"
    ).specific
    showing = [update.url, "/updates/", "/feeds/updates.rss", "/lo" + update.url]
    bystander = "/how-you-can-help/"
    for path in [*showing, bystander]:
        get(varnish, path)
        assert get(varnish, path)[1] == "hit"
    update.title = "Lao PDR stays in Tier 2"
    with django_capture_on_commit_callbacks(execute=True):
        update.save_revision().publish()
    for path in showing:
        assert get(varnish, path)[1] == "miss", path
    assert get(varnish, bystander)[1] == "hit"
