"""Word segmentation for scripts written without spaces between words.

Lao, Thai, Khmer and Burmese run words together, so full-text engines see a whole phrase as one
token and a one-word query finds nothing. ICU's dictionary-based word breaker splits those runs
into words; we insert spaces between them at index time and at query time, and leave text in
other scripts exactly as it was.

Word characters are letters, numbers, combining marks and private-use characters: the same
classes as the SQLite FTS5 tokenizer (`unicode61 categories 'L* N* Co M*'`), so what Python calls
a word is what the index calls a token. Python's own `\\w` leaves out combining marks, which would
cut Thai and Lao words at every vowel and tone mark.
"""

import functools
import re
import sys
import unicodedata

from icu4py.breakers import WordBreaker

# Thai, Lao, Myanmar (with Extended-A/B), Khmer (with symbols).
_UNSPACED_SCRIPTS = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff\u1780-\u17ff\u19e0-\u19ff"
)
_UNSPACED_RUN = re.compile(f"[{_UNSPACED_SCRIPTS}]+")


def _ranges(chars: list[int]) -> str:
    """A regular-expression character class body for the given sorted code points."""
    parts = []
    start = previous = chars[0]
    for code in [*chars[1:], -2]:
        if code != previous + 1:
            parts.append(
                re.escape(chr(start))
                if start == previous
                else f"{re.escape(chr(start))}-{re.escape(chr(previous))}"
            )
            start = code
        previous = code
    return "".join(parts)


@functools.cache
def _mark_class() -> str:
    marks = [
        c for c in range(min(sys.maxunicode, 0x2FFFF)) if unicodedata.category(chr(c))[0] == "M"
    ]
    return _ranges(marks) + "\ue000-\uf8ff"  # combining marks and private use (Co)


@functools.cache
def word_pattern() -> re.Pattern:
    """Runs of letters, numbers, combining marks and private-use characters."""
    return re.compile(f"(?:[^\\W_]|[{_mark_class()}])+")


def has_unspaced_script(text: str) -> bool:
    return bool(_UNSPACED_RUN.search(text))


def segment(text: str) -> str:
    """Return text with spaces between the words of Lao, Thai, Khmer and Burmese runs."""
    if not text or not has_unspaced_script(text):
        return text
    return _segment_cached(text)


@functools.lru_cache(maxsize=16)
def _segment_cached(text: str) -> str:
    # Indexing asks for the same page text several times (once per index column, and again for
    # the vocabulary): segment it once.
    runs = _UNSPACED_RUN.findall(text)
    # One breaker over all runs of the text, one per line: a page has hundreds of runs, and
    # creating a breaker per run cost more than the breaking. A line break is a word boundary
    # and never part of a run, so each run is broken exactly as on its own.
    segmented: list[list[str]] = [[]]
    for piece in WordBreaker("\n".join(runs), "th"):
        if piece == "\n":
            segmented.append([])
        elif not piece.isspace():
            segmented[-1].append(piece)
    replacements = iter(" " + " ".join(words) + " " for words in segmented)
    return re.sub(r" {2,}", " ", _UNSPACED_RUN.sub(lambda _: next(replacements), text)).strip()


@functools.cache
def _fast_word_pattern() -> re.Pattern:
    # One character class (no alternation per character): several times faster on long texts.
    # It also takes "_", which words() splits off afterwards.
    return re.compile(f"[\\w{_mark_class()}]+")


def words(text: str) -> list[str]:
    """The words of a text as the index sees them: segmented, without punctuation."""
    found = _fast_word_pattern().findall(segment(text))
    if "_" not in text:
        return found
    return [part for word in found for part in word.split("_") if part]


@functools.lru_cache(maxsize=8)
def index_words(text: str) -> tuple[str, ...]:
    """The normalized words of a text, as the vocabulary and the embedded index keep them.
    Cached: indexing one page asks for them twice (vocabulary and index)."""
    return tuple(words(normalize_word(text))) if text else ()


def normalize_word(word: str) -> str:
    """The form under which a word is compared and kept in the vocabulary."""
    return unicodedata.normalize("NFC", word).casefold()


def pieces(text: str) -> list[str]:
    """The text cut at word boundaries (words, spaces and punctuation); joined, they give the
    text back unchanged. Used to highlight whole words only."""
    return [piece for piece in WordBreaker(text, "th")] if text else []
