"""Search at scale (issue 19): the embedded index's pair terms, "about N" counts, the same answers
on every database, and the index kept right by the queue, unpublishing and the rebuild command.
Run on SQLite and on PostgreSQL; each test on both engines unless it says otherwise."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import override_settings

from portal.search import documents, fulltext
from portal.search.engines import RELEVANCE, Filters, get_engine
from portal.search.models import SearchDocument
from portal.search.query import parse

from .conftest import add_page

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def titles(text: str, filters: Filters | None = None) -> list[str]:
    outcome = get_engine().search(parse(text), filters or Filters(), RELEVANCE, 0, 50)
    docs = SearchDocument.objects.in_bulk([h.page_id for h in outcome.hits])
    return [docs[h.page_id].title for h in outcome.hits if h.page_id in docs]


def only_tantivy(engine: str) -> None:
    if engine != "tantivy":
        pytest.skip("about the embedded index")


def test_lao_and_thai_text_is_indexed_with_its_word_pairs(pages, engine):
    only_tantivy(engine)
    data = documents.document_data(pages["thai"].specific)
    pairs = fulltext.make_document(data).to_dict()["pairs"][0].split()
    assert "การ_ค้า" in pairs and "ค้า_มนุษย์" in pairs
    data = documents.document_data(pages["lao"].specific)
    pairs = fulltext.make_document(data).to_dict()["pairs"][0].split()
    assert "ການຄ້າ_ມະນຸດ" in pairs and "ມະນຸດ_ໃນ" in pairs  # ICU keeps ການຄ້າ as one word
    # No pair joins the title to the body.
    title_last = fulltext.tokens(data.title)[-1]
    body_first = fulltext.tokens(data.text)[0]
    assert f"{title_last}_{body_first}" not in pairs


def test_a_compound_is_found_through_its_pairs_and_not_from_scattered_words(site_tree, engine):
    """การค้ามนุษย์ (การ + ค้า + มนุษย์) must be adjacent; the same words apart do not match."""
    add_page(site_tree, "Adjacent", intro="รายงานการค้ามนุษย์ประจำปี")
    add_page(site_tree, "Scattered", intro="มนุษย์ ทุก คน และ การ ค้า ขาย")
    assert titles("การค้ามนุษย์") == ["Adjacent"]
    assert titles("ມະນຸດ") == []
    # A quoted two-word phrase is one pair term; the words apart do not match it either.
    add_page(site_tree, "Phrase", intro="The government said so.")
    add_page(site_tree, "Apart", intro="The report of a government.")
    if engine == "tantivy":
        assert titles('"the government"') == ["Phrase"]
    else:  # PostgreSQL's English configuration drops "the": the phrase is then "government"
        assert "Phrase" in titles('"the government"')
    assert set(titles("the government")) == {"Phrase", "Apart"}
    # Three words: the pairs and the phrase.
    add_page(site_tree, "Three", intro="Debt bondage cases rose.")
    add_page(site_tree, "Pairs only", intro="Debt bondage and bondage cases.")
    assert titles('"debt bondage cases"') == ["Three"]


def test_stop_words_are_words_like_any_other_on_the_embedded_index(site_tree, engine):
    """The rule: no stop words. `the` finds the pages that contain "the", whatever the
    database (PostgreSQL's English configuration drops it on the database engine)."""
    only_tantivy(engine)
    add_page(site_tree, "With the article", intro="Across the border.")
    add_page(site_tree, "Without", intro="Across borders.")
    assert titles("the") == ["With the article"]


# What the embedded engine answers, in order, on any database: pinned, so that the run on SQLite
# and the run on PostgreSQL must both give exactly this.
EXPECTED_ORDER = {
    "labour": ["Forced labour at sea", "Labour rights in factories"],
    "trafficking": ["Trafficking in persons explained"],
    "forced": ["Forced labour at sea", "Labour rights in factories"],
    "การค้ามนุษย์": ["การค้ามนุษย์ในภูมิภาค"],
    "ແຮງງານ": ["ການຄ້າມະນຸດໃນພາກພື້ນ"],
}


def test_the_same_query_gives_the_same_first_results_on_every_database(pages, engine):
    only_tantivy(engine)
    for query, expected in EXPECTED_ORDER.items():
        assert titles(query)[: len(expected)] == expected, query


@override_settings(PORTAL_SEARCH_EXACT_COUNT_LIMIT=3)
def test_many_matches_are_about_n_on_the_page_and_in_the_api(pages, client, engine):
    for number in range(6):
        add_page(pages["home"], f"Shelter report {number}", intro="About shelters.")
    outcome = get_engine().search(parse("shelters"), Filters(), RELEVANCE, 0, 20)
    html = BeautifulSoup(client.get("/search/", {"q": "shelters"}).content, "html.parser")
    summary = html.select_one("#search-summary").text
    api = client.get("/api/v1/search", {"q": "shelters"}).json()
    if engine == "tantivy":
        # The embedded index counts every match exactly, however many.
        assert not outcome.approximate and outcome.total == 6
        assert "6 results" in summary and "About" not in summary
        assert (api["count"], api["count_is_approximate"]) == (6, False)
    else:
        # The database engine counts 3 and estimates the rest from the full-text index.
        assert outcome.approximate and outcome.total >= 6
        assert f"About {outcome.total} results" in " ".join(summary.split())
        assert "Counts are estimated" in summary
        assert api["count_is_approximate"] is True and api["count"] == outcome.total


def test_exact_counts_say_nothing_about_estimates(pages, client, engine):
    html = BeautifulSoup(client.get("/search/", {"q": "labour"}).content, "html.parser")
    assert "2 results" in html.select_one("#search-summary").text
    assert html.select_one(".search__approximate") is None
    assert client.get("/api/v1/search", {"q": "labour"}).json()["count_is_approximate"] is False


@pytest.mark.django_db(transaction=True)  # the worker reads the queue as test_queue.py's does
def test_unpublished_page_is_never_shown_while_the_worker_holds_the_writer(pages, client, engine):
    """The web process cannot delete from the index while the worker writes: it queues the
    deletion, and meanwhile results are read through the (deleted) SearchDocument."""
    only_tantivy(engine)
    page = pages["factories"]
    with override_settings(TASKS=QUEUE), fulltext.writer():
        page.unpublish()
        html = client.get("/search/", {"q": "factories"}).content.decode()
        assert "Labour rights in factories" not in html
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="delete_from_index_task").exists()
    with override_settings(TASKS=QUEUE):
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
    assert get_engine().search(parse("factories"), Filters(), RELEVANCE, 0, 20).total == 0


def test_rebuild_command_with_progress_and_refill(pages, engine):
    expected = sorted(titles("labour"))
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search", stdout=out, stderr=err)
    assert "Indexed" in out.getvalue()
    assert sorted(titles("labour")) == expected
    if engine == "tantivy":
        fulltext.clear()  # an index lost: the database engine answers meanwhile
        assert sorted(titles("labour")) == expected
        assert fulltext.searcher().num_docs == 0
        call_command("rebuild_search", "--from-documents", "--no-progress", stdout=out)
        assert sorted(titles("labour")) == expected
        assert fulltext.searcher().num_docs == SearchDocument.objects.count()
