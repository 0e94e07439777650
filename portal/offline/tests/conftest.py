import pytest

PUBLIC_ADDRESS = "https://portal.example.org"


@pytest.fixture
def small_site(site_tree, settings):
    """The frame's pages, the contact form and the translations: every kind of page the copy
    treats differently, without exporting the whole demo (hundreds of pages) for each test.
    Built under the public address, as on a real site: what is made outside a request (the
    open-data files, through a task) names the site by it."""
    from conftest import load_demo_of

    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    load_demo_of("standardpages", "inquiries", "languages")
    return site_tree
