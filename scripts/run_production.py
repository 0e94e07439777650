"""`make run-production`: the production layout of deploy/, unprivileged, from a checkout.

nginx (the system's /usr/sbin/nginx, configuration rendered from deploy/nginx/ into var/) on
http://127.0.0.1:8080/ in front of gunicorn and the task worker, with production settings and
the SQLite database `make run` prepared in var/. Before starting: migrate (which points the
Wagtail Site at PORTAL_BASE_URL), collectstatic, and a full build of the static mirror.
Ctrl-C stops everything.

    python scripts/run_production.py [--port 8080] [--app-port 8001] [--var-dir var]
"""

import argparse
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from nginx_config import render_local  # noqa: E402

logger = logging.getLogger("run_production")
NGINX = os.environ.get("PORTAL_NGINX", "/usr/sbin/nginx")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def secret_key(var_dir: Path) -> str:
    """DJANGO_SECRET_KEY, or one generated once into var/ (as `make run` does)."""
    if os.environ.get("DJANGO_SECRET_KEY"):
        return os.environ["DJANGO_SECRET_KEY"]
    path = var_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def environment(var_dir: Path, port: int) -> dict[str, str]:
    base_url = f"http://127.0.0.1:{port}"
    env = {
        "DATABASE_URL": f"sqlite:///{var_dir / 'portal.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": base_url,
        "CSRF_TRUSTED_ORIGINS": f"{base_url},http://localhost:{port}",
        # Plain http on loopback: no redirect to https, no HSTS, cookies without Secure.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        # nginx overwrites X-Forwarded-For with the address it saw: one trusted hop.
        "PORTAL_TRUSTED_PROXIES": "1",
        "PORTAL_MIRROR_ENABLED": "true",
        "PORTAL_MIRROR_ROOT": str(var_dir / "mirror"),
        # nginx compresses the mirror's files itself (gzip_static); Django compresses the rest.
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_VAR_DIR": str(var_dir),
        "PYTHONPATH": str(ROOT),
    }
    env["DJANGO_SECRET_KEY"] = secret_key(var_dir)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def has_command(env: dict[str, str], name: str) -> bool:
    listing = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return name in listing


def prepare(env: dict[str, str], mirror_urls: list[str] | None = None) -> None:
    manage(env, "migrate", "--noinput")  # post_migrate: the Site follows PORTAL_BASE_URL
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if has_command(env, "rebuild_mirror"):
        only = [arg for url in mirror_urls or [] for arg in ("--url", url)]
        manage(env, "rebuild_mirror", "--no-progress", *only)
    else:
        logger.warning("no rebuild_mirror command (mirror not merged): every page from gunicorn")


def start(var_dir: Path, port: int, app_port: int, env: dict[str, str]) -> list[subprocess.Popen]:
    prefix = var_dir / "run-production"
    for sub in ("tmp", "mirror", "static", "media"):
        (prefix / sub if sub == "tmp" else var_dir / sub).mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(render_local(prefix, port, f"127.0.0.1:{app_port}", var_dir))
    # Each child in its own process group: Ctrl-C reaches this script, which stops them in
    # order (nginx first, so no request meets a stopped gunicorn).
    group = {"start_new_session": True, "cwd": ROOT, "env": env}
    return [
        subprocess.Popen(  # noqa: S603 - our own programs, no shell
            [NGINX, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")], **group
        ),
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{app_port}",
                "--workers",
                os.environ.get("WEB_CONCURRENCY", "2"),
                "--access-logfile",
                str(prefix / "gunicorn-access.log"),
            ],
            **group,
        ),
        subprocess.Popen([sys.executable, "manage.py", "worker"], **group),
    ]


def wait_until_listening(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument(
        "--app-port", type=int, default=0, help="gunicorn's port (default: a free one)"
    )
    parser.add_argument(
        "--var-dir", type=Path, default=Path(os.environ.get("PORTAL_VAR_DIR", ROOT / "var"))
    )
    parser.add_argument(
        "--skip-prepare", action="store_true", help="no migrate/collectstatic/mirror"
    )
    parser.add_argument(
        "--mirror-url",
        action="append",
        help="build only these addresses of the mirror (tests; default: the whole site)",
    )
    args = parser.parse_args()
    if not shutil.which(NGINX):
        logger.error("nginx is needed (%s): apt-get install nginx-light", NGINX)
        return 1
    var_dir = args.var_dir.resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(var_dir, args.port)
    if not args.skip_prepare:
        prepare(env, args.mirror_url)
    processes = start(var_dir, args.port, args.app_port or free_port(), env)
    stopping = False

    def on_signal(signum, frame):  # type: ignore[no-untyped-def]
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        wait_until_listening(args.port)
        logger.info(
            "Production layout on http://127.0.0.1:%s/ (nginx, gunicorn, worker). Ctrl-C stops it.",
            args.port,
        )
        while not stopping:
            if any(process.poll() is not None for process in processes):
                logger.error("a process stopped; stopping the others")
                return 1
            time.sleep(0.5)
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
