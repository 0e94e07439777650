"""Snippets: a short passage of a result's text with the matched words highlighted.

Built on the server from the page's plain text. Every piece of text is escaped; only the <mark>
elements we add are markup. Words are compared whole (pieces from ICU's word breaker), so a
Thai or Lao fragment inside a longer word is never highlighted, and a light English suffix
folding highlights the forms PostgreSQL's stemming matches (traffickers, trafficked).
"""

import functools
import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .segmentation import normalize_word, pieces

SNIPPET_LENGTH = 260
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    word = normalize_word(word)
    if word.isascii() and word.isalpha():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
    return word


def _window(text: str, stems: set[str], length: int) -> tuple[int, int]:
    """Where to cut: around the first place where a whole query word appears."""
    if stems:
        pattern = re.compile(
            "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)), re.IGNORECASE
        )
        for tries, match in enumerate(pattern.finditer(text)):
            if tries >= 25:
                break
            start = max(0, match.start() - length // 3)
            around = text[max(0, match.start() - 40) : match.end() + 40]
            if any(stem(p) in stems for p in pieces(around)):
                return start, min(len(text), start + length)
    return 0, min(len(text), length)


def snippet(text: str, words: set[str], length: int = SNIPPET_LENGTH) -> SafeString:
    text = (text or "").strip()
    if not text:
        return mark_safe("")
    stems = {stem(w) for w in words}
    start, end = _window(text, stems, length)
    parts = pieces(_SPACES.sub(" ", text[start:end]))
    # Drop cut words at the edges of the window.
    if start > 0 and len(parts) > 1:
        parts = parts[1:]
    if end < len(text) and len(parts) > 1:
        parts = parts[:-1]
    html, plain = [], []
    for piece in parts:
        if (len(piece) > 1 or piece.isalnum()) and stem(piece) in stems:
            html.append(escape("".join(plain)))
            html.append(f"<mark>{escape(piece)}</mark>")
            plain = []
            continue
        plain.append(piece)
    html.append(escape("".join(plain)))
    body = "".join(html).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 (escaped above)
