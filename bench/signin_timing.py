#!/usr/bin/env python
"""Registration and password reset: how long the answer takes for a known and for a new
address, with the production password hasher (PBKDF2). The two should be alike, so that the
time does not tell whether someone has an account (issue 16). Prints a Markdown table for
docs/benchmarks.md. Usage: python -m bench.signin_timing --runs 20
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-signin-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings

    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core import signing
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = signing.dumps({"t": time.time() - 60}, salt="portal.antispam.form-started")
    password = "Mekong-river-2026!"  # noqa: S105 (a throwaway benchmark account)
    with override_settings(
        PASSWORD_HASHERS=[f"{PBKDF2PasswordHasher.__module__}.PBKDF2PasswordHasher"],
        ALLOWED_HOSTS=["testserver"],
    ):
        client = Client()
        client.post(
            "/accounts/register/",
            {
                "public_name": "Known",
                "kind": "shelter",
                "email": "known@example.org",
                "password1": password,
                "password2": password,
                "accept_rules": "on",
                "form_started": started,
            },
        )
        times: dict[str, list[float]] = {}
        for run in range(args.runs):
            for label, email in (("known", "known@example.org"), ("new", f"new{run}@example.org")):
                cache.clear()  # the benchmark measures the work, not the rate limit
                data = {
                    "public_name": "Someone",
                    "kind": "shelter",
                    "email": email,
                    "password1": password,
                    "password2": password,
                    "accept_rules": "on",
                    "form_started": started,
                }
                begin = time.perf_counter()
                response = Client().post("/accounts/register/", data)
                times.setdefault(f"register, {label} address", []).append(
                    time.perf_counter() - begin
                )
                assert response.status_code == 302, response.status_code
                cache.clear()
                reset_email = "known@example.org" if label == "known" else f"nobody{run}@x.org"
                begin = time.perf_counter()
                response = Client().post(
                    "/accounts/password/reset/", {"email": reset_email, "form_started": started}
                )
                times.setdefault(f"password reset, {label} address", []).append(
                    time.perf_counter() - begin
                )
                assert response.status_code == 302, response.status_code
    hasher = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
    sys.stdout.write(f"\n{args.runs} runs each, PBKDF2 (test settings use {hasher} otherwise)\n\n")
    sys.stdout.write("| request | median (s) | min (s) | max (s) |\n|---|---|---|---|\n")
    for label, values in times.items():
        sys.stdout.write(
            f"| {label} | {statistics.median(values):.3f} | {min(values):.3f} "
            f"| {max(values):.3f} |\n"
        )


if __name__ == "__main__":
    main()
