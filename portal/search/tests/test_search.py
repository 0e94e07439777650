"""The search on the database in use (run on SQLite and on PostgreSQL)."""

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from portal.search import documents
from portal.search.engines import NEWEST, RELEVANCE, Filters, get_engine
from portal.search.engines.generic import GenericEngine
from portal.search.models import SearchDocument, SearchTerm
from portal.search.query import parse

from .conftest import add_page

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def titles(text: str, filters: Filters | None = None, sort: str = RELEVANCE) -> list[str]:
    outcome = get_engine().search(parse(text), filters or Filters(), sort, 0, 50)
    docs = SearchDocument.objects.in_bulk([h.page_id for h in outcome.hits])
    return [docs[h.page_id].title for h in outcome.hits]


def test_index_uses_the_mark_keeping_tokenizer_or_the_gin_index():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'"
            )
            assert "categories 'L* N* Co M*'" in cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT 1 FROM pg_indexes WHERE indexname = 'portal_search_entry_title_body_gin'"
            )
            assert cursor.fetchone()


def test_words_phrases_and_exclusions(pages):
    assert set(titles("labour")) == {"Forced labour at sea", "Labour rights in factories"}
    assert titles('"forced labour"') == ["Forced labour at sea"]
    assert titles("labour -fishing") == ["Labour rights in factories"]
    assert titles('labour -"long-haul fishing"') == ["Labour rights in factories"]


def test_title_matches_rank_first(pages):
    assert titles("trafficking")[0] == "Trafficking in persons explained"


@pytest.mark.parametrize("few_matches", [True, False], ids=["title and body", "title only"])
def test_relevance_ranking_and_pages_of_results(pages, monkeypatch, few_matches):
    """Title before body, more mentions before fewer; the pages of results follow one order.
    With many matches PostgreSQL ranks by the titles alone (FULL_RANK_LIMIT)."""
    from portal.search.engines.database import PostgresEngine

    if not few_matches:
        monkeypatch.setattr(PostgresEngine, "FULL_RANK_LIMIT", 0)
    home = pages["home"]
    add_page(home, "Shelter directory", intro="Where shelters are.")
    add_page(home, "Annual report", body_text="One shelter. " * 2 + "Other news. " * 20)
    add_page(home, "Field notes", body_text="One shelter, another shelter, a third shelter.")
    ranked = titles("shelter")
    assert ranked[0] == "Shelter directory"
    if few_matches:
        assert ranked == ["Shelter directory", "Field notes", "Annual report"]
    engine = get_engine()
    pages_of_one = [
        [h.page_id for h in engine.search(parse("shelter"), Filters(), RELEVANCE, n, 1).hits]
        for n in range(4)
    ]
    whole = [h.page_id for h in engine.search(parse("shelter"), Filters(), RELEVANCE, 0, 3).hits]
    assert [ids[0] for ids in pages_of_one[:3]] == whole
    assert pages_of_one[3] == []
    # Asking for no results still counts them.
    outcome = engine.search(parse("shelter"), Filters(), RELEVANCE, 0, 0)
    assert (outcome.total, outcome.hits) == (3, [])


def test_one_word_lao_and_thai_queries_find_their_page(pages):
    assert titles("มนุษย์") == ["การค้ามนุษย์ในภูมิภาค"]
    assert titles("ประมง") == ["การค้ามนุษย์ในภูมิภาค"]  # a word of the body
    assert titles("ມະນຸດ") == ["ການຄ້າມະນຸດໃນພາກພື້ນ"]
    assert titles("ເຮືອ") == ["ການຄ້າມະນຸດໃນພາກພື້ນ"]
    assert titles("การค้ามนุษย์") == ["การค้ามนุษย์ในภูมิภาค"]  # a compound, as typed


def test_fragments_of_words_do_not_match(pages):
    assert titles("มน") == []  # the start of มนุษย์
    assert titles("ຄ້າມະ") == []


def test_mixed_script_text_and_queries(pages):
    assert titles("สายด่วน") == ["Mekong notes"]
    assert titles("ສາຍດ່ວນ") == ["Mekong notes"]
    assert titles("hotline ສາຍດ່ວນ") == ["Mekong notes"]


def test_each_searchable_type_is_found_with_its_type(pages, client):
    response = client.get("/search/", {"q": "portal"})
    html = response.content.decode()
    assert "Anti-Trafficking Portal" in html and "Home page" in html
    response = client.get("/search/", {"q": "factories"})
    assert "Standard page" in response.content.decode()


def test_unpublished_pages_are_never_found(pages):
    assert titles("secret") == []
    page = pages["fishing"]
    page.unpublish()
    assert "Forced labour at sea" not in titles("labour")
    page.save_revision().publish()
    assert "Forced labour at sea" in titles("labour")


def test_deleted_pages_disappear_and_leave_the_vocabulary(pages):
    assert SearchTerm.objects.filter(term="garment").exists()
    pages["factories"].delete()
    assert titles("labour") == ["Forced labour at sea"]
    assert not SearchTerm.objects.filter(term="garment").exists()


def test_private_pages_are_never_found(pages):
    page = pages["factories"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert titles("factories") == []
    restriction.delete()
    assert titles("factories") == ["Labour rights in factories"]


def test_children_of_private_pages_are_not_found(pages):
    PageViewRestriction.objects.create(
        page=pages["fishing"], restriction_type=PageViewRestriction.LOGIN
    )
    add_page(pages["fishing"], "Crew testimonies", intro="Testimonies from fishing crews.")
    assert titles("testimonies") == []


def test_facet_counts(pages):
    outcome = get_engine().search(parse("labour"), Filters(), RELEVANCE, 0, 20)
    assert outcome.total == 2
    assert sum(outcome.facets["type"].values()) == 2
    assert outcome.facets["language"] == {"en": 2}
    # Countries and topics come from ClassifiedMixin page types; give two documents some.
    for key, facets in (
        ("fishing", {("country", "th"), ("topic", "fishing")}),
        ("factories", {("country", "th"), ("country", "kh")}),
    ):
        data = documents.document_data(pages[key].specific)
        data.facets = facets
        documents.store(data)
    outcome = get_engine().search(parse("labour"), Filters(), RELEVANCE, 0, 20)
    assert outcome.facets["country"] == {"th": 2, "kh": 1}
    assert outcome.facets["topic"] == {"fishing": 1}
    # A chosen country narrows the results and the other facets, but not its own counts.
    outcome = get_engine().search(parse("labour"), Filters(country="kh"), RELEVANCE, 0, 20)
    assert outcome.total == 1
    assert outcome.facets["country"] == {"th": 2, "kh": 1}
    assert outcome.facets["topic"] == {}
    outcome = get_engine().search(parse("labour"), Filters(topic="fishing"), RELEVANCE, 0, 20)
    assert [h.page_id for h in outcome.hits] == [pages["fishing"].pk]
    year = pages["fishing"].first_published_at.year
    outcome = get_engine().search(parse("labour"), Filters(year=year), RELEVANCE, 0, 20)
    assert outcome.facets["year"] == {year: 2}
    assert get_engine().search(parse("labour"), Filters(year=1999), RELEVANCE, 0, 20).total == 0


def test_sort_by_date(pages):
    SearchDocument.objects.filter(pk=pages["fishing"].pk).update(date="2001-05-01")
    SearchDocument.objects.filter(pk=pages["factories"].pk).update(date="2024-05-01")
    documents.refill_index()  # the embedded index follows the changed documents
    assert titles("labour", sort=NEWEST) == [
        "Labour rights in factories",
        "Forced labour at sea",
    ]


def test_generic_engine_gives_the_same_answers(pages):
    """The engine used with OpenSearch/Elasticsearch, here over the database backend."""
    from wagtail.search.backends import get_search_backend

    engine = GenericEngine(get_search_backend())
    outcome = engine.search(parse("labour -fishing"), Filters(), RELEVANCE, 0, 20)
    assert [h.page_id for h in outcome.hits] == [pages["factories"].pk]
    outcome = engine.search(parse("ມະນຸດ"), Filters(language="lo"), RELEVANCE, 0, 20)
    assert [h.page_id for h in outcome.hits] == [pages["lao"].pk]
    assert outcome.facets["language"] == {"lo": 1}


def test_rebuild_recreates_documents_and_vocabulary(pages):
    before = set(SearchDocument.objects.values_list("pk", flat=True))
    terms = dict(SearchTerm.objects.values_list("term", "documents"))
    assert documents.rebuild() == len(before)
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == before
    assert dict(SearchTerm.objects.values_list("term", "documents")) == terms
