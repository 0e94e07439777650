import pytest


def quiet(message: str) -> None:
    pass


@pytest.fixture
def lao_site(site_tree):
    """The site tree with the vocabulary, the seed's sources and the countries demo (the Lao
    PDR profile, its figures and flows): what the country pages need, without the rest."""
    from portal.countries import demo as countries_demo
    from portal.sources import demo as sources_demo
    from portal.taxonomy import demo as taxonomy_demo

    for loader in (taxonomy_demo, sources_demo, countries_demo):
        loader.load(quiet)
    return site_tree


@pytest.fixture
def lao_profile(lao_site):
    from portal.countries.models import CountryProfilePage

    return CountryProfilePage.objects.get(country__iso2="LA")
