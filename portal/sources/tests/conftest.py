import pytest


@pytest.fixture
def cited_site(site_tree):
    """Sources, the countries section and the Lao PDR profile that cites them."""
    from portal.countries import demo as countries_demo
    from portal.sources import demo as sources_demo
    from portal.taxonomy import demo as taxonomy_demo

    for loader in (taxonomy_demo, sources_demo, countries_demo):
        loader.load(lambda message: None)
    return site_tree
