import pytest

PUBLIC_ADDRESS = "https://portal.example.org"


@pytest.fixture
def under_public_address(settings):
    """The site as deployed: WAGTAILADMIN_BASE_URL is its public address, and what is made
    outside a request names the site by it. The open-data files (on disk, made when the demo
    was built) are written again under that address, then again as they were."""
    from portal.opendata import export

    original = settings.WAGTAILADMIN_BASE_URL
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    export.generate()
    yield PUBLIC_ADDRESS
    settings.WAGTAILADMIN_BASE_URL = original
    export.generate()


@pytest.fixture
def small_site(site_tree, under_public_address):
    """The frame's pages, the contact form and the translations: every kind of page the copy
    treats differently, without exporting the whole demo (hundreds of pages) for each test."""
    from portal.testing.site import load_demo_of

    load_demo_of("standardpages", "inquiries", "languages")
    return site_tree
