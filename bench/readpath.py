"""`make bench-readpath`: the read path on the layout of `make run-production`, with wrk on
loopback, written into docs/benchmarks.md (between the bench-readpath markers).

In one run: a mirrored page through the portal's nginx against a second nginx (same build,
same worker count) serving the same bytes from a plain folder (requests/s, the ratio, medians
of several alternating rounds); the miss path (gunicorn directly) for the home page and a
country profile; 200 concurrent clients for 60 s on a mix of pages (errors, timeouts, p50,
p99). Bounded in time, loopback only.

    python -m bench.readpath [--var-dir var] [--rounds 3] [--seconds 10] [--soak 60]
"""

import argparse
import logging
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from run_production import NGINX, free_port, wait_until_listening  # noqa: E402

logger = logging.getLogger("bench_readpath")
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench-readpath:start -->", "<!-- bench-readpath:end -->"
MIX = [
    "/",
    "/countries/la/",
    "/countries/",
    "/updates/",
    "/resources/",
    "/lo/",
    "/th/countries/la/",
]
PLAIN_CONFIG = """daemon off; worker_processes 2; pid {d}/nginx.pid; error_log {d}/error.log warn;
events {{ worker_connections 1024; }}
http {{ include /etc/nginx/mime.types; access_log {d}/access.log; sendfile on; tcp_nopush on;
  client_body_temp_path {d}/t1; proxy_temp_path {d}/t2; fastcgi_temp_path {d}/t3;
  uwsgi_temp_path {d}/t4; scgi_temp_path {d}/t5;
  server {{ listen 127.0.0.1:{port}; root {d}/www; gzip_static on; charset utf-8;
    location / {{ try_files $uri $uri/index.html =404; }} }} }}
"""


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    command += ["-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout  # noqa: S603
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    for name, pct in (("p50", "50"), ("p99", "99")):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        result[name] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = sum(int(g) for g in errors.groups()[:3]) if errors else 0
    result["timeouts"] = int(errors.group(4)) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["errors"] += int(non2xx.group(1)) if non2xx else 0
    return result


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def header(url: str, name: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers.get(name, "")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, default=ROOT / "var")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--soak", type=int, default=60)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the doc")
    parser.add_argument(
        "--skip-prepare", action="store_true", help="var/ is migrated, collected and mirrored"
    )
    args = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which(NGINX):
        logger.error("wrk and nginx are needed (apt-get install wrk nginx-light)")
        return 1
    port, app_port, plain_port = free_port(), free_port(), free_port()
    layout = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "scripts" / "run_production.py"),
            "--port",
            str(port),
            "--app-port",
            str(app_port),
            "--var-dir",
            str(args.var_dir),
            *(["--skip-prepare"] if args.skip_prepare else []),
        ],
        start_new_session=True,
    )
    plain_dir = Path(tempfile.mkdtemp(prefix="bench-readpath-"))
    plain = None
    try:
        wait_until_listening(port, timeout=900)
        wait_until_listening(app_port, timeout=60)
        base, app = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{app_port}"
        mirrored = header(base + "/", "X-Portal-Mirror") == "hit"
        # The same bytes in a plain folder, served by a second nginx.
        (plain_dir / "www").mkdir()
        mirror_root = args.var_dir.resolve() / "mirror"
        for name in ("index.html", "index.html.gz"):
            if (mirror_root / name).exists():
                shutil.copy(mirror_root / name, plain_dir / "www" / name)
        if not (plain_dir / "www" / "index.html").exists():
            with urllib.request.urlopen(app + "/", timeout=30) as response:  # noqa: S310
                (plain_dir / "www" / "index.html").write_bytes(response.read())
        for t in ("t1", "t2", "t3", "t4", "t5"):
            (plain_dir / t).mkdir()
        (plain_dir / "nginx.conf").write_text(PLAIN_CONFIG.format(d=plain_dir, port=plain_port))
        plain = subprocess.Popen(  # noqa: S603
            [
                NGINX,
                "-p",
                str(plain_dir),
                "-c",
                str(plain_dir / "nginx.conf"),
                "-e",
                str(plain_dir / "error.log"),
            ],
            start_new_session=True,
        )
        wait_until_listening(plain_port)
        load_before = load_note()
        portal_rps, plain_rps = [], []
        for _round in range(args.rounds):
            portal_rps.append(wrk(base + "/", args.seconds, 50)["rps"])
            plain_rps.append(wrk(f"http://127.0.0.1:{plain_port}/", args.seconds, 50)["rps"])
        miss = {path: wrk(app + path, args.seconds, 4) for path in ("/", "/countries/la/")}
        mix_script = plain_dir / "mix.lua"
        mix_script.write_text(
            "local paths = {" + ", ".join(f'"{p}"' for p in MIX) + "}\n"
            "request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n"
        )
        soak = wrk(base + "/", args.soak, args.clients, mix_script)
        load_after = load_note()
    finally:
        for process in (plain, layout):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=60)
        shutil.rmtree(plain_dir, ignore_errors=True)
    p_portal, p_plain = statistics.median(portal_rps), statistics.median(plain_rps)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    options = f"--rounds {args.rounds} --seconds {args.seconds} --soak {args.soak}"
    mirror_state = "yes" if mirrored else "NO (no mirror: nginx fell through to gunicorn)"
    rounds_portal = ", ".join(f"{r:,.0f}" for r in portal_rps)
    rounds_plain = ", ".join(f"{r:,.0f}" for r in plain_rps)
    mix = ", ".join(f"`{p}`" for p in MIX)
    lines = [
        START,
        "## Read path (`make bench-readpath`, issue 15)",
        "",
        f"Command: `python -m bench.readpath {options} --clients {args.clients}`, {when}."
        " Layout of `make run-production` (nginx, gunicorn with 2 workers, SQLite, demo"
        " content), wrk on loopback with `Accept-Encoding: gzip`. The machine was shared:"
        f" {load_before} before, {load_after} after; read the ratios, not absolute figures.",
        "",
        f"Home page served from the mirror: {mirror_state}.",
        "",
        "| What | Requests/s (median) | Rounds |",
        "|---|---|---|",
        f"| `/` through the portal's nginx (mirror) | {p_portal:,.0f} | {rounds_portal} |",
        f"| the same bytes, plain nginx folder | {p_plain:,.0f} | {rounds_plain} |",
        f"| **ratio mirror / plain** | **{p_portal / p_plain:.2f}** (target ≥ 0.9) | |",
        "",
        "| Miss path (gunicorn directly, 4 connections) | Requests/s | p50 ms | p99 ms |",
        "|---|---|---|---|",
        *[
            f"| `{path}` | {r['rps']:,.1f} | {r['p50']:.1f} | {r['p99']:.1f} |"
            for path, r in miss.items()
        ],
        "",
        f"{args.clients} concurrent clients for {args.soak} s on a mix ({mix}):"
        f" {soak['requests']:,} responses, {soak['rps']:,.0f}/s, errors {soak['errors']},"
        f" timeouts (10 s) {soak['timeouts']}, p50 {soak['p50']:.1f} ms,"
        f" p99 {soak['p99']:.1f} ms.",
        END,
    ]
    section = "\n".join(lines)
    sys.stdout.write(section + "\n")
    if not args.no_write:
        text = DOC.read_text()
        if START in text:
            text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        DOC.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
