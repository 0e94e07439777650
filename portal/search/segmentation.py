"""Word segmentation for scripts written without spaces between words.

Lao, Thai, Khmer and Burmese run words together, so full-text engines see a whole phrase as one
token and a one-word query finds nothing. ICU's dictionary-based word breaker splits those runs
into words; we insert spaces between them at index time and at query time, and leave text in
other scripts exactly as it was.
"""

import re

from icu4py.breakers import WordBreaker

# Thai, Lao, Myanmar (with Extended-A/B), Khmer (with symbols).
_UNSPACED_SCRIPTS = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff\u1780-\u17ff\u19e0-\u19ff"
)
_UNSPACED_RUN = re.compile(f"[{_UNSPACED_SCRIPTS}]+")


def has_unspaced_script(text: str) -> bool:
    return bool(_UNSPACED_RUN.search(text))


def _segment_run(match: re.Match) -> str:
    words = (w for w in WordBreaker(match.group(0), "th") if not w.isspace())
    return " " + " ".join(words) + " "


def segment(text: str) -> str:
    """Return text with spaces between the words of Lao, Thai, Khmer and Burmese runs."""
    if not text or not has_unspaced_script(text):
        return text
    return re.sub(r" {2,}", " ", _UNSPACED_RUN.sub(_segment_run, text)).strip()
