"""Standard pages as readers get them: each demo page, its introduction and the footer link."""

import json

import pytest

from portal.standardpages.demo import DATA_FILE
from portal.testing.html import soup

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_every_demo_page_shows_its_title_and_introduction(client, demo_site):
    for spec in json.loads(DATA_FILE.read_text()).values():
        html = soup(client.get(f"/{spec['slug']}/"))
        assert html.select_one("h1").get_text(strip=True) == spec["title"]
        assert spec["intro"].split(".")[0] in html.get_text(" ", strip=True)
