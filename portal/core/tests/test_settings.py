import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_check(env: dict) -> subprocess.CompletedProcess:
    secret_names = ("DJANGO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
    clean = {k: v for k, v in os.environ.items() if k not in secret_names}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=portal.settings.production"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_its_secrets():
    result = run_check({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_its_environment(tmp_path):
    result = run_check(
        {
            "DJANGO_SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "portal.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    assert result.returncode == 0, result.stderr
