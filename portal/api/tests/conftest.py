import pytest


@pytest.fixture(autouse=True)
def forget_site_root_paths():
    """Wagtail caches the site root paths (one per language) outside the database: computed
    while a test had emptied the site, they would outlive its rollback and hide the Lao and
    Thai home pages from later tests."""
    yield
    from django.core.cache import cache

    cache.delete("wagtail_site_root_paths")
