"""A country pack: the country's profile, what is tagged with the country and what its profile
links to, in every language; links to anything else lead to a "not in this copy" page."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale

from portal.countries.models import Country, Region
from portal.languages.demo import translate_page
from portal.offline.tests.packapp.models import ProfilePage, TaggedPage
from portal.offline.tests.test_export import PUBLIC_ADDRESS, assert_self_contained
from portal.standardpages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_countries(site_tree, under_public_address):
    laos = Country.objects.get_or_create(
        iso2="LA",
        defaults=dict(iso3="LAO", numeric="418", name="Lao PDR", region=Region.EAST_ASIA_PACIFIC),
    )[0]
    thailand = Country.objects.get_or_create(
        iso2="TH",
        defaults=dict(iso3="THA", numeric="764", name="Thailand", region=Region.EAST_ASIA_PACIFIC),
    )[0]
    from portal.testing.site import load_demo_of

    load_demo_of("standardpages", "languages")
    home = site_tree
    linked = StandardPage(title="Regional agreement", slug="regional-agreement", intro="")
    home.add_child(instance=linked)
    linked.save_revision().publish()
    profile = ProfilePage(
        title="Lao PDR",
        slug="lao-pdr",
        country=laos,
        summary="Profile.",
        see_also=linked,
    )
    home.add_child(instance=profile)
    profile.save_revision().publish()
    for title, country in [("Lao report", laos), ("Thai report", thailand)]:
        page = TaggedPage(title=title, slug=title.lower().replace(" ", "-"))
        home.add_child(instance=page)
        page.countries.add(country)
        page.save_revision().publish()
    translate_page(profile, Locale.objects.get(language_code="lo"), {"Lao PDR": "ສປປ ລາວ"})
    return laos, profile


@pytest.mark.smoke
def test_country_pack_holds_the_country_and_nothing_else(two_countries, tmp_path, settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC_ADDRESS
    output = tmp_path / "country-la"
    call_command("export_offline", "--country", "la", "--output", str(output), "--no-progress")

    assert (output / "lao-pdr/index.html").is_file()
    assert (output / "lo/lao-pdr/index.html").is_file()  # the Lao translation
    assert (output / "th/lao-pdr/index.html").is_file()  # the original under /th/
    assert (output / "lao-report/index.html").is_file()  # tagged with the country
    assert (output / "regional-agreement/index.html").is_file()  # linked from the profile
    assert (output / "about-us/index.html").is_file()  # the frame's standard pages
    assert not (output / "thai-report").exists()  # tagged with another country
    lao = BeautifulSoup((output / "lo/lao-pdr/index.html").read_text(), "html.parser")
    assert lao.h1.get_text(strip=True) == "ສປປ ລາວ"
    landing = BeautifulSoup((output / "index.html").read_text(), "html.parser")
    assert "Lao PDR" in landing.h1.get_text()
    assert "lao-pdr/index.html" in {a["href"] for a in landing.select("main a")}
    assert_self_contained(output)
    # Links to pages outside the pack lead to a page that says so, in the reader's language.
    not_included = BeautifulSoup(
        (output / "lo/offline-not-included/index.html").read_text(), "html.parser"
    )
    assert not_included.html["lang"] == "lo"


def test_unknown_country_is_refused(demo_site, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No country"):
        call_command("export_offline", "--country", "zz", "--output", str(tmp_path / "x"))
