"""deploy/ is what a server runs: the nginx file is the template's rendering, nginx accepts
the configuration make run-production generates, and every systemd unit runs a command that
exists, with the production settings and the environment file."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_config  # noqa: E402


def test_the_deploy_nginx_file_is_rendered_from_the_template():
    assert (DEPLOY / "nginx" / "portal.conf").read_text() == nginx_config.render_deploy(), (
        "run: python scripts/nginx_config.py deploy > deploy/nginx/portal.conf"
    )


def test_upload_limit_matches_the_document_limit():
    limit_mb = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // (1024 * 1024)
    assert f"client_max_body_size {limit_mb + 1}m;" in nginx_config.render_deploy()


def test_nginx_forwarding_headers_and_privacy_of_documents():
    text = nginx_config.render_deploy()
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text  # overwrite, not append
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "location ^~ /media/documents/ {\n        return 404;" in text
    assert "try_files $uri $uri/index.html $uri/index.csv $uri/index.json @app;" in text
    assert "gzip_static on;" in text
    assert "immutable" in text


@pytest.mark.skipif(not shutil.which("/usr/sbin/nginx"), reason="nginx not installed")
def test_nginx_accepts_the_local_configuration(tmp_path):
    (tmp_path / "tmp").mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config.render_local(tmp_path, 8080, "127.0.0.1:8001", tmp_path))
    result = subprocess.run(
        ["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(config), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


PERIODIC = {
    "publish_scheduled",
    "expire_posts",
    "send_queued_email",
    "prune_db_task_results",
    "clearsessions",
    "purge_personal_data",
    "backup",
    "check_links",
}


def test_systemd_units_run_existing_commands_with_production_settings():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    commands = get_commands()
    seen = set()
    for unit in units:
        text = unit.read_text()
        assert "Environment=DJANGO_SETTINGS_MODULE=portal.settings.production" in text, unit
        assert "EnvironmentFile=/etc/portal/portal.env" in text, unit
        exec_start = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
        if "manage.py" in exec_start:
            name = exec_start.split("manage.py", 1)[1].split()[0]
            assert name in commands, f"{unit.name}: no command {name}"
            seen.add(name)
            if name in PERIODIC:
                assert unit.with_suffix(".timer").exists(), f"{unit.name} has no timer"
    assert seen >= PERIODIC | {"worker"}
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        assert timer.with_suffix(".service").exists()
        assert re.search(r"^OnCalendar=\S+", timer.read_text(), re.M)
