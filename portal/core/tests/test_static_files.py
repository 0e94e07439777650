"""Static files as production serves them: collected with hashed names, compressed with gzip and
brotli, sent by WhiteNoise with far-future caching."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

import portal.settings

# The storage production.py configures (that module refuses to import without its secrets).
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(tmp_path, settings):
    """collectstatic with production's storage, of the portal's own files (the admin's are many
    and slow to compress; they are handled the same way)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE},
    }
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.DEBUG = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_production_uses_this_storage():
    source = (Path(portal.settings.__file__).parent / "production.py").read_text()
    assert f'"BACKEND": "{PRODUCTION_STATIC_STORAGE}"' in source


def test_static_files_are_hashed_compressed_and_cached_for_ever(production_static, site_tree):
    stylesheet = next(production_static.glob("css/portal.*.css"))
    assert re.fullmatch(r"portal\.[0-9a-f]{12}\.css", stylesheet.name)
    assert stylesheet.with_name(stylesheet.name + ".gz").exists()
    assert stylesheet.with_name(stylesheet.name + ".br").exists()

    with override_settings():  # a fresh client builds WhiteNoise over the collected files
        client = Client()
        page = client.get("/about-us/")
        assert f'href="/static/css/{stylesheet.name}"' in page.content.decode()
        assert re.search(r'src="/static/js/quick-exit\.[0-9a-f]{12}\.js"', page.content.decode())

        response = client.get(f"/static/css/{stylesheet.name}", HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br"
        cache = response["Cache-Control"]
        assert "immutable" in cache
        assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600
        gzipped = client.get(f"/static/css/{stylesheet.name}", HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in gzipped["Vary"]
        # Unhashed names are not cached for ever: they may change under the same name.
        plain = client.get("/static/css/portal.css")
        assert "immutable" not in plain.get("Cache-Control", "")
