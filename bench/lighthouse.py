#!/usr/bin/env python
"""Lighthouse (performance, accessibility) on the budget pages of a production-like server:
gunicorn with production settings, static files collected, hashed and compressed by WhiteNoise,
the demo content, in a scratch directory. Prints a Markdown table for docs/benchmarks.md.

Needs tools/lighthouse (make bench-lighthouse installs lighthouse@12 there) and
CHROME_PATH (default /usr/bin/chromium). Usage: make bench-lighthouse, or
python -m bench.lighthouse --runs 3 --port 8107
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/", "/about-us/", "/lo/about-us/", "/th/contact-us/", "/search/?q=trafficking"]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (loopback only)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def lighthouse(url: str, output: Path) -> dict:
    subprocess.run(  # noqa: S603
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--only-categories=performance,accessibility",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    report = json.loads(output.read_text())
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8107)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        scratch = Path(tmp)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
            "PORTAL_VAR_DIR": str(scratch),
            "SECURE_SSL_REDIRECT": "false",
        }
        manage = [sys.executable, "manage.py"]
        for command in (
            ["migrate", "-v0"],
            ["load_demo", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
        ):
            subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                "2",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_for(base + "/")
            lines = [
                "| page | performance | accessibility | FCP (ms) | LCP (ms) | bytes |",
                "|---|---|---|---|---|---|",
            ]
            for path in PAGES:
                runs = [lighthouse(base + path, scratch / "report.json") for _ in range(args.runs)]
                median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                lines.append(
                    f"| {path} | {median['performance']:.0f} | {median['accessibility']:.0f} | "
                    f"{median['fcp']:.0f} | {median['lcp']:.0f} | {median['bytes']:.0f} |"
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
