"""Text similarity of post descriptions: TF-IDF weighted cosine, in plain Python.

Why this method: posts are short and few (hundreds to a few thousand), so exact TF-IDF over the
candidates costs milliseconds and needs no numeric stack (scikit-learn would bring numpy and
scipy for one dot product). IDF makes the telling words count ("interpreters", "court") and
the common ones fade ("support", "need"), which character-edit measures such as rapidfuzz do
not: they reward similar phrasing, not shared subject matter. Words are found with the
portal's ICU segmentation, so Lao, Thai, Khmer and Burmese descriptions compare word by word,
and English words are reduced to their stems (Snowball) so that "interpreter" meets
"interpreting".
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import snowballstemmer

from portal.search.segmentation import segment

_WORD = re.compile(r"\w+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("english")
# Words too common in posts of this board to say anything about their subject.
_STOPWORDS_TEXT = """
a about after all also an and any are as at be been but by can could do each for from had
has have help how i if in into is it its may more most must need needed needs not of offer
offers on one or other our out per please provide so some such support than that the their
them there these they this those to up us via was we were what when where which who will with
within would you your
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def terms(text: str) -> list[str]:
    """The comparable words of a text: segmented, case-folded, stemmed, without stop words."""
    words = _WORD.findall(segment(text).casefold())
    latin = [w for w in words if w.isascii()]
    stems = dict(zip(latin, _STEMMER.stemWords(latin), strict=True))
    return [
        stems.get(word, word)
        for word in words
        if word not in STOPWORDS and not word.isdigit() and len(word) > 1
    ]


@dataclass(frozen=True)
class Similarity:
    score: float  # cosine, 0..1
    shared: tuple[str, ...]  # the shared words that weigh most, as written in the first text


class TfIdf:
    """IDF over a small corpus (the target and its candidates), smoothed so that a word found in
    every document still counts a little: idf = ln((1 + n) / (1 + df)) + 1."""

    def __init__(self, documents: Iterable[str]) -> None:
        self._terms = [terms(d) for d in documents]
        n = len(self._terms)
        df: Counter[str] = Counter()
        for document_terms in self._terms:
            df.update(set(document_terms))
        self._idf = {t: math.log((1 + n) / (1 + count)) + 1 for t, count in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(terms(text))
        return {t: c * self._idf.get(t, 1.0) for t, c in counts.items()}

    def compare(self, text_a: str, text_b: str) -> Similarity:
        a, b = self.vector(text_a), self.vector(text_b)
        norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
        if not norm:
            return Similarity(0.0, ())
        contributions = {t: a[t] * b[t] for t in a.keys() & b.keys()}
        score = sum(contributions.values()) / norm
        top = sorted(contributions, key=lambda t: (-contributions[t], t))[:3]
        return Similarity(min(score, 1.0), tuple(_surface_forms(text_a, top)))


def _surface_forms(text: str, wanted: Sequence[str]) -> list[str]:
    """Each stem as it first appears in the text ("interpret" -> "interpreters")."""
    forms: dict[str, str] = {}
    for word in _WORD.findall(segment(text)):
        folded = word.casefold()
        stem = _STEMMER.stemWord(folded) if folded.isascii() else folded
        if stem in wanted and stem not in forms:
            forms[stem] = word
    return [forms.get(stem, stem) for stem in wanted]
