"""Reading queries and text: no database needed."""

import pytest

from portal.search.query import MAX_QUERY_LENGTH, QueryError, Term, parse
from portal.search.segmentation import segment, words
from portal.search.slugs import slugify_keep_marks
from portal.search.snippets import snippet

pytestmark = pytest.mark.both_databases


def test_words_and_phrases_and_exclusions():
    query = parse('"forced labour" fishing -"sea food" -boats')
    assert query.required == [Term(("forced", "labour")), Term(("fishing",))]
    assert query.excluded == [Term(("sea", "food")), Term(("boats",))]


def test_thai_and_lao_words_are_segmented_like_the_index():
    assert parse("การค้ามนุษย์").required == [Term(("การ", "ค้า", "มนุษย์"))]
    assert parse("ມະນຸດ").required == [Term(("ມະນຸດ",))]
    assert words("ການຄ້າມະນຸດ anti-trafficking") == ["ການຄ້າ", "ມະນຸດ", "anti", "trafficking"]
    # Combining marks stay inside words (Python's \w would cut at them).
    assert "มนุษย์" in segment("การค้ามนุษย์").split()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Type one or more words"),
        ("   ", "Type one or more words"),
        ("x" * (MAX_QUERY_LENGTH + 1), "too long"),
        ("a" * 10_240, "too long"),
        ("?!.,;:()", "only punctuation"),
        ('"', "only punctuation"),
        ('""', "only punctuation"),
        ("-fishing", "only excludes"),
        ("one two three four five six seven eight nine ten eleven twelve thirteen", "too many"),
    ],
)
def test_bad_queries_get_a_clear_message(raw, message):
    with pytest.raises(QueryError, match=message):
        parse(raw)


@pytest.mark.parametrize(
    "raw",
    ['NEAR(labour', "labour*", "title:labour", "labour^2", "a AND OR NOT b", "x' OR 1=1; --",
     "labour\x00fishing", "{title body} : labour"],
)  # fmt: skip
def test_syntax_of_engines_is_only_text(raw):
    query = parse(raw)
    for term in query.required + query.excluded:
        for word in term.words:
            assert word.replace("_", "").isalnum() or any(ord(c) > 127 for c in word), word


def test_unbalanced_quote_is_reported_and_words_are_kept():
    query = parse('"forced labour')
    assert query.required == [Term(("forced",)), Term(("labour",))]
    assert query.notices


def test_replace_word_for_suggestions():
    assert parse("traffiking in Laos").replace_word("traffiking", "trafficking") == (
        "trafficking in Laos"
    )


def test_slugs_keep_thai_and_lao_marks():
    assert slugify_keep_marks("การค้ามนุษย์ในภูมิภาค") == "การค้ามนุษย์ในภูมิภาค"
    assert slugify_keep_marks("ການຄ້າມະນຸດ ໃນພາກພື້ນ") == "ການຄ້າມະນຸດ-ໃນພາກພື້ນ"
    assert slugify_keep_marks("Forced labour: at sea!") == "forced-labour-at-sea"


def test_snippet_escapes_text_and_marks_whole_words_only():
    html = snippet(
        "<script>alert(1)</script> Traffickers & trafficking. การค้ามนุษย์ มนุษยธรรม",
        {"trafficking", "มนุษย์"},
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>trafficking</mark>" in html and "<mark>Traffickers</mark>" in html
    assert "<mark>มนุษย์</mark>" in html
    assert "<mark>มนุษยธรรม</mark>" not in html  # a different word sharing letters
