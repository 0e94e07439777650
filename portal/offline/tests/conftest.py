import pytest


@pytest.fixture
def small_site(site_tree):
    """The frame's pages, the contact form and the translations: every kind of page the copy
    treats differently, without exporting the whole demo (hundreds of pages) for each test."""
    from conftest import load_demo_of

    load_demo_of("standardpages", "inquiries", "languages")
    return site_tree
