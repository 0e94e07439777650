"""Every public content type of the demo site is found by the reader's search, with its type
(run on SQLite and on PostgreSQL)."""

import pytest
from django.utils.text import capfirst

from portal.search.documents import searchable_page_models
from portal.search.engines import RELEVANCE, Filters, get_engine
from portal.search.query import parse
from portal.updates.models import UpdatePage

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]

# The types readers look for; each must have demo pages, so none is skipped unnoticed.
MAIN_TYPES = {
    "CountryProfilePage",
    "ResourcePage",
    "OrganizationPage",
    "UpdatePage",
    "EventPage",
    "StandardPage",
}


def test_each_content_type_of_the_demo_is_found_by_its_title(demo_site, client):
    found_types = set()
    for model in searchable_page_models():
        page = model.objects.live().public().filter(locale__language_code="en").first()
        if page is None:
            continue
        outcome = get_engine().search(parse(page.title), Filters(), RELEVANCE, 0, 50)
        assert page.pk in [hit.page_id for hit in outcome.hits], (model.__name__, page.title)
        found_types.add(model.__name__)
    assert found_types >= MAIN_TYPES

    # On the search page the result shows its type.
    html = client.get("/search/", {"q": "Tier 2 Trafficking Persons Report 2007"}).content
    assert str(capfirst(UpdatePage._meta.verbose_name)) in html.decode()
