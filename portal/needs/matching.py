"""Proposals: the offers that fit a need best, and the needs an offer could meet, each with the
reasons in words ("same category, both in Lao PDR").

A pair is scored on four things, weighted by how much each decides whether help can happen:
category (0.35; related professional skills 0.15), place (0.25 when the offer covers the
need's country; 0.2 when it can be given remotely and the need welcomes that, 0.1 when remote
but the need did not say), time (0.15 when the offer is available while the need runs) and
text similarity of the descriptions (up to 0.25, TF-IDF cosine, see similarity.py). Pairs
under MIN_SCORE are not proposed: a shared country alone is not a match.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import PROFESSIONAL_SKILLS
from .models import Need, Offer
from .similarity import TfIdf

WEIGHT_CATEGORY = 0.35
WEIGHT_RELATED_CATEGORY = 0.15
WEIGHT_SAME_COUNTRY = 0.25
WEIGHT_REMOTE_WELCOME = 0.2
WEIGHT_REMOTE = 0.1
WEIGHT_TIME = 0.15
WEIGHT_TEXT = 0.25
MIN_SCORE = 0.3
MIN_TEXT_SIMILARITY_TO_MENTION = 0.1
DEFAULT_LIMIT = 5
MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class Match:
    post: Need | Offer
    score: float
    reasons: tuple[str, ...]

    @property
    def reasons_text(self) -> str:
        return ", ".join(self.reasons)


def _text(post: Need | Offer) -> str:
    extra = post.quantity if isinstance(post, Need) else post.conditions
    return " ".join([post.title, post.description, extra])


def _window(post: Need | Offer, today: date) -> tuple[date, date]:
    start = max(post.starts_on or today, today)
    return start, post.until


def _score_pair(need: Need, offer: Offer, tfidf: TfIdf, target_text_first: bool, today: date):
    score = 0.0
    reasons: list[str] = []
    same_kind_of_help = True
    if need.category == offer.category:
        score += WEIGHT_CATEGORY
        reasons.append(_("same category"))
    elif need.category in PROFESSIONAL_SKILLS and offer.category in PROFESSIONAL_SKILLS:
        score += WEIGHT_RELATED_CATEGORY
        reasons.append(_("related professional skills"))
    else:
        same_kind_of_help = False

    offer_countries = list(offer.countries.all())
    if any(country.pk == need.country_id for country in offer_countries):
        score += WEIGHT_SAME_COUNTRY
        reasons.append(_("both in %(country)s") % {"country": need.country.name})
    elif offer.remote and need.remote:
        score += WEIGHT_REMOTE_WELCOME
        reasons.append(_("can be given remotely, which the need welcomes"))
    elif offer.remote:
        score += WEIGHT_REMOTE
        reasons.append(_("offered remotely"))

    need_start, need_end = _window(need, today)
    offer_start, offer_end = _window(offer, today)
    if offer_start <= need_end and need_start <= offer_end:
        score += WEIGHT_TIME
        reasons.append(_("available while needed"))

    texts = (_text(need), _text(offer)) if target_text_first else (_text(offer), _text(need))
    similarity = tfidf.compare(*texts)
    score += WEIGHT_TEXT * similarity.score
    similar = similarity.score >= MIN_TEXT_SIMILARITY_TO_MENTION and bool(similarity.shared)
    if similar:
        reasons.append(
            _("similar description (%(words)s)") % {"words": ", ".join(similarity.shared)}
        )
    # Only the same kind of help (by category or by words) is proposed.
    return round(score, 4), tuple(reasons), same_kind_of_help or similar


def _rank(target, candidates, limit: int) -> list[Match]:
    candidates = list(candidates[:MAX_CANDIDATES])
    if not candidates:
        return []
    if isinstance(target, Offer):
        prefetch_related_objects([target], "countries")
    today = timezone.localdate()
    tfidf = TfIdf([_text(target), *(_text(c) for c in candidates)])
    matches = []
    for candidate in candidates:
        if isinstance(target, Need):
            score, reasons, relevant = _score_pair(target, candidate, tfidf, True, today)
        else:
            score, reasons, relevant = _score_pair(candidate, target, tfidf, False, today)
        if relevant and score >= MIN_SCORE:
            matches.append(Match(candidate, score, reasons))
    # Ties go to the post that has waited longest on the board.
    matches.sort(key=lambda m: (-m.score, m.post.first_published_at or m.post.submitted_at))
    return matches[:limit]


def offers_for(need: Need, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The offers on the board that fit this need best, best first."""
    candidates = (
        Offer.objects.seeking()
        .exclude(owner_id=need.owner_id)
        .select_related("owner__portal_profile")
        .prefetch_related("countries")
        .order_by("-first_published_at")
    )
    return _rank(need, candidates, limit)


def needs_for(offer: Offer, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The needs on the board that this offer could meet best, best first."""
    candidates = (
        Need.objects.seeking()
        .exclude(owner_id=offer.owner_id)
        .select_related("country", "owner__portal_profile")
        .order_by("-first_published_at")
    )
    return _rank(offer, candidates, limit)


def matches_for(post: Need | Offer, limit: int = DEFAULT_LIMIT) -> list[Match]:
    return offers_for(post, limit) if isinstance(post, Need) else needs_for(post, limit)
