""" "Did you mean …?": spelling suggestions from the index's own vocabulary (SearchTerm).

Each word of the query that no indexed document contains is replaced by the closest known word
(Levenshtein distance 1 for short words, 2 for longer ones; the more common word wins a tie).
A suggestion is offered only if it finds something.
"""

from django.db.models.functions import Length
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from .engines import Engine
from .models import SearchTerm
from .query import ParsedQuery, QueryError, parse
from .segmentation import normalize_word

MIN_WORD_LENGTH = 3
CANDIDATES = 10


def closest_term(word: str) -> str | None:
    max_distance = 1 if len(word) <= 5 else 2
    candidates = dict(
        SearchTerm.objects.annotate(length=Length("term"))
        .filter(
            term__startswith=word[0],
            length__gte=len(word) - max_distance,
            length__lte=len(word) + max_distance,
        )
        .values_list("term", "documents")
    )
    if not candidates:
        return None
    found = extract(
        word,
        list(candidates),
        scorer=Levenshtein.distance,
        score_cutoff=max_distance,
        limit=CANDIDATES,
    )
    found = [(term, distance) for term, distance, _ in found if term != word]
    if not found:
        return None
    return min(found, key=lambda item: (item[1], -candidates[item[0]], item[0]))[0]


def suggest(query: ParsedQuery, engine: Engine) -> str | None:
    """A corrected query that finds something, or None."""
    corrected = query.raw
    for term in query.required:
        for word in term.words:
            normalized = normalize_word(word)
            if len(normalized) < MIN_WORD_LENGTH or normalized.isdigit():
                continue
            if SearchTerm.objects.filter(term=normalized).exists():
                continue
            replacement = closest_term(normalized)
            if replacement:
                corrected = ParsedQuery(raw=corrected).replace_word(word, replacement)
    if corrected == query.raw:
        return None
    try:
        return corrected if engine.count(parse(corrected)) > 0 else None
    except QueryError:
        return None
