"""Ranking offers for a need and needs for an offer, with reasons in words."""

import pytest

from portal.needs.choices import Status
from portal.needs.matching import needs_for, offers_for
from portal.needs.similarity import TfIdf, terms

from .conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def court_interpreting(shelter, make_user, make_need, make_offer):
    """A need for court interpreters in Lao PDR, and offers that fit it more or less well.
    The first one fits on every count and must come first."""
    need = make_need(
        shelter,
        title="Lao and Thai interpreters for court hearings",
        category="interpreting",
        description="Interpreters who speak Lao and Thai to accompany people at court "
        "hearings and police interviews in Savannakhet.",
        until=in_days(60),
    )
    offer = lambda email, **fields: make_offer(make_user(email), **fields)  # noqa: E731
    offers = {
        "best": offer(
            "interpreters@example.org",
            title="Court interpreters, Lao and Thai",
            category="interpreting",
            where=("LA",),
            description="Three interpreters in Lao and Thai, experienced at court hearings "
            "and police interviews.",
            until=in_days(120),
        ),
        "other_country": offer(
            "bangkok@example.org",
            title="Court interpreters in Bangkok",
            category="interpreting",
            where=("TH",),
            description="Interpreters in Lao and Thai for court hearings and interviews.",
        ),
        "too_late": offer(
            "later@example.org",
            title="Interpreters from next year",
            category="interpreting",
            where=("LA",),
            description="Interpreters for court hearings, Lao and Thai.",
            starts_on=in_days(200),
            until=in_days(300),
        ),
        "related_remote": offer(
            "lawyers@example.org",
            title="Legal advice by video call",
            category="legal-aid",
            where=(),
            remote=True,
            description="Lawyers advise on court hearings and criminal procedure.",
        ),
        "same_country_only": offer(
            "fund@example.org",
            title="Small grants for shelters",
            category="funding",
            where=("LA",),
            description="Grants for running costs of shelters.",
        ),
    }
    # Never proposed: not approved, past its date, withdrawn, or the need's own owner.
    offer("pending@example.org", approved=False, where=("LA",))
    offer("outdated@example.org", where=("LA",), until=in_days(-1))
    withdrawn = offer("withdrawn@example.org", where=("LA",))
    withdrawn.set_status(Status.WITHDRAWN)
    make_offer(shelter, where=("LA",))
    return need, offers


def test_the_best_match_comes_first_with_its_reasons(court_interpreting):
    need, offers = court_interpreting
    matches = offers_for(need)
    assert matches[0].post == offers["best"]
    assert matches[0].reasons[:3] == ("same category", "both in Lao PDR", "available while needed")
    assert matches[0].reasons[3].startswith("similar description (")
    assert "interpreters" in matches[0].reasons[3]
    assert matches[0].reasons_text.startswith("same category, both in Lao PDR, ")


def test_the_ranking_follows_how_well_each_offer_fits(court_interpreting):
    need, offers = court_interpreting
    ranked = [m.post for m in offers_for(need)]
    assert ranked.index(offers["best"]) < ranked.index(offers["too_late"])
    assert ranked.index(offers["too_late"]) < ranked.index(offers["other_country"])
    related = next(m for m in offers_for(need) if m.post == offers["related_remote"])
    assert "related professional skills" in related.reasons
    assert "offered remotely" in related.reasons
    too_late = next(m for m in offers_for(need) if m.post == offers["too_late"])
    assert "available while needed" not in too_late.reasons


def test_posts_that_cannot_answer_are_never_proposed(court_interpreting):
    need, offers = court_interpreting
    proposed = {m.post.pk for m in offers_for(need, limit=50)}
    assert proposed <= {o.pk for o in offers.values()}
    # A shared country alone is not a match.
    assert offers["same_country_only"].pk not in proposed


def test_needs_are_ranked_for_an_offer_the_same_way(court_interpreting, make_user, make_need):
    need, offers = court_interpreting
    make_need(
        make_user("other-ngo@example.org"),
        title="Funding for a safe house",
        category="funding",
        description="Rent and food for a safe house for six months.",
    )
    matches = needs_for(offers["best"])
    assert matches[0].post == need
    assert matches[0].reasons[:2] == ("same category", "both in Lao PDR")


def test_remote_help_counts_more_when_the_need_welcomes_it(
    shelter, make_user, make_need, make_offer
):
    need = make_need(
        shelter,
        category="research",
        remote=True,
        description="A study of recruitment routes from southern provinces, with desk research.",
    )
    offer = make_offer(
        make_user("uni@example.org"),
        category="research",
        where=(),
        remote=True,
        description="Desk research and literature reviews on recruitment.",
    )
    (match,) = offers_for(need)
    assert match.post == offer
    assert "can be given remotely, which the need welcomes" in match.reasons


def test_text_similarity_uses_stems_and_ignores_filler_words():
    assert terms("Interpreters needed for interpreting") == ["interpret", "interpret"]
    tfidf = TfIdf(["court interpreters", "interpreting at court", "grants for rent"])
    close = tfidf.compare("court interpreters", "interpreting at court")
    far = tfidf.compare("court interpreters", "grants for rent")
    assert close.score > 0.9 and far.score == 0
    assert close.shared[0] in {"court", "interpreters"}


def test_text_similarity_works_word_by_word_in_lao_and_thai():
    lao = TfIdf(["ນາຍແປພາສາ ສຳລັບສານ", "ນາຍແປພາສາລາວ", "ເງິນທຶນ"])
    assert lao.compare("ຕ້ອງການນາຍແປພາສາ", "ນາຍແປພາສາລາວ").score > 0
    thai = TfIdf(["ต้องการล่ามภาษาลาว", "ล่ามภาษาลาวและไทย", "ทุนสำหรับที่พัก"])
    assert thai.compare("ต้องการล่ามภาษาลาว", "ล่ามภาษาลาวและไทย").score > 0.3
    assert thai.compare("ต้องการล่ามภาษาลาว", "ทุนสำหรับที่พัก").score == 0


def test_a_needs_page_lists_the_fitting_offers_with_why(court_interpreting, board, client):
    """Readers see the matches on the need's own page: best first, each linked, with its
    reasons in words; offers that cannot answer are not listed."""
    from bs4 import BeautifulSoup

    need, offers = court_interpreting
    response = client.get(need.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("section.needs-matches")
    assert section is not None
    assert section.h2.get_text(strip=True) == "Offers that may fit this need"
    items = section.select("ol.needs-matches__list > li")
    assert items[0].a.get_text(strip=True) == offers["best"].title
    assert items[0].a["href"] == offers["best"].get_absolute_url()
    why = items[0].select_one(".needs-matches__reasons").get_text(" ", strip=True)
    assert why.startswith("Why: same category, both in Lao PDR, available while needed")
    # Only offers that can answer (not the pending, outdated or withdrawn ones, nor the
    # owner's own, nor one sharing only the country).
    listed = {li.a["href"] for li in items}
    answerable = {o.get_absolute_url() for o in offers.values()}
    assert listed <= answerable - {offers["same_country_only"].get_absolute_url()}
