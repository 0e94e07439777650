"""`make run-production` as a reader meets it: the real nginx of deploy/ (rendered from the
same template), gunicorn and the worker, production settings, a database of its own in a
temporary var/ directory, on free ports of the loopback interface.

It runs in every CI run (CI installs nginx); elsewhere it is skipped only when nginx is
missing. It prepares its own SQLite database (migrate, load_demo), so it runs once, in the
SQLite phase of the suite. Two readers are two source addresses of the loopback network
(127.0.0.2 and 127.0.0.3): nginx sees them as two clients, as it would two machines.
"""

import http.client
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
from run_production import NGINX, environment, free_port, wait_until_listening  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
pytestmark = [
    pytest.mark.production_layout,
    pytest.mark.skipif(
        not shutil.which(NGINX) and not IN_CI, reason=f"nginx not installed ({NGINX})"
    ),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
        reason="uses its own SQLite database: runs once, in the SQLite phase",
    ),
]


def get(port: int, path: str, source: str = "127.0.0.1", headers: dict | None = None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def until(check, seconds: float = 180):  # type: ignore[no-untyped-def]
    """The worker applies a publication in the background: poll for what the reader sees."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.5)


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    port, app_port = free_port(), free_port()
    env = environment(var_dir, port)
    env["PORTAL_API_RATE_LIMIT"] = "3/minute"
    # Its own database, whatever DATABASE_URL the suite runs with (:memory: or PostgreSQL).
    env["DATABASE_URL"] = f"sqlite:///{var_dir / 'portal.sqlite3'}"
    manage = [sys.executable, "manage.py"]
    # What `make run` leaves in var/ (development settings), which run-production starts from.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=dev, check=True)
    subprocess.run([*manage, "load_demo"], cwd=ROOT, env=dev, check=True, capture_output=True)
    process = subprocess.Popen(
        [
            sys.executable,
            "scripts/run_production.py",
            "--port",
            str(port),
            "--app-port",
            str(app_port),
            "--var-dir",
            str(var_dir),
            # The pages the tests read, not the whole site (a full build takes minutes).
            *("--mirror-url", "/", "--mirror-url", "/about-us/", "--mirror-url", "/countries/la/"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_listening(port, timeout=1500)  # migrate, collectstatic, a full mirror
        wait_until_listening(app_port, timeout=60)
        yield {"port": port, "env": env, "var": var_dir, "process": process}
    finally:
        process.send_signal(2)  # Ctrl-C
        process.wait(timeout=60)
        time.sleep(1)
        with pytest.raises(RuntimeError):  # nginx, gunicorn: all stopped
            wait_until_listening(port, timeout=1)


def shell(layout, code: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=layout["env"],
        check=True,
        capture_output=True,
    )


def has_mirror(layout) -> bool:
    return (layout["var"] / "mirror" / "index.html").exists()


def test_home_and_profile_through_nginx_with_production_headers(layout):
    response, _body = get(layout["port"], "/countries/la/", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "max-age=" in response.getheader("Cache-Control")
    # The Site follows PORTAL_BASE_URL (applied by migrate): canonical names the real address.
    _response, plain = get(layout["port"], "/countries/la/")
    assert f'href="http://127.0.0.1:{layout["port"]}/countries/la/"'.encode() in plain
    static, _ = get(layout["port"], "/static/css/portal.css")
    assert static.status == 200


def test_a_mirrored_page_comes_from_the_file(layout):
    if not has_mirror(layout):
        pytest.skip("the static mirror (feature/mirror) is not merged into this branch")
    response, _ = get(layout["port"], "/")
    assert response.getheader("X-Portal-Mirror") == "hit"
    page = layout["var"] / "mirror" / "index.html"
    changed = page.with_name(".index.html.test")  # replaced as the mirror does: a rename
    changed.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- from-the-file --></body>"))
    changed.rename(page)
    (layout["var"] / "mirror" / "index.html.gz").unlink(missing_ok=True)
    _, body = get(layout["port"], "/")
    assert b"<!-- from-the-file -->" in body
    response, _ = get(layout["port"], "/?page=1")  # a query string bypasses the mirror
    assert response.getheader("X-Portal-Mirror") == "miss"


def test_publishing_shows_on_the_next_request_and_unpublishing_removes(layout):
    shell(
        layout,
        "from portal.standardpages.models import StandardPage as P;"
        "p = P.objects.get(slug='about-us', locale__language_code='en');"
        "p.title = 'About the portal, revised'; p.save_revision().publish()",
    )
    assert until(lambda: b"About the portal, revised" in get(layout["port"], "/about-us/")[1])
    shell(
        layout,
        "from portal.standardpages.models import StandardPage as P;"
        "P.objects.get(slug='about-us', locale__language_code='en').unpublish()",
    )
    assert until(lambda: get(layout["port"], "/about-us/")[0].status == 404)


def test_rate_limits_count_real_clients_and_ignore_forged_forwarded_for(layout):
    port = layout["port"]
    path = "/api/v1/countries?limit=1"
    statuses = [get(port, path, source="127.0.0.2")[0].status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # PORTAL_API_RATE_LIMIT=3/minute
    # Another reader behind the same nginx has a bucket of their own.
    assert get(port, path, source="127.0.0.3")[0].status == 200
    # The first reader claiming to be someone else is still the first reader.
    for forged in ("203.0.113.9", "127.0.0.4", "198.51.100.1, 127.0.0.5"):
        response, _ = get(port, path, source="127.0.0.2", headers={"X-Forwarded-For": forged})
        assert response.status == 429, forged
