"""Reading what a reader typed into a search query the engines can run safely.

The syntax is the one people know from web search engines: words (all must match), "a phrase"
in double quotes, and -word or -"a phrase" to exclude. Everything else is text, never syntax:
FTS5 operators (NEAR, AND, `*`, `^`), tsquery operators, SQL and unbalanced quotes are reduced to
the words they contain. Words in Lao, Thai, Khmer and Burmese are segmented exactly as the index
is, and a word that segments into several becomes a phrase of them, so "การค้ามนุษย์" finds
exactly that compound and not its parts scattered over a page.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .segmentation import normalize_word, segment, word_pattern

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

_QUOTED = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"')
# Characters that can never be part of a word or of the syntax: controls, including NUL,
# which PostgreSQL refuses in a string.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class QueryError(ValueError):
    """The query cannot be run; the message says what to do instead."""


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words that must appear in this order)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class ParsedQuery:
    raw: str
    required: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def highlight_words(self) -> set[str]:
        return {normalize_word(w) for term in self.required for w in term.words}

    def replace_word(self, old: str, new: str) -> str:
        """The query as typed, with one word replaced (for "Did you mean …?")."""
        pattern = re.compile(rf"(?<![^\W_]){re.escape(old)}(?![^\W_])", re.IGNORECASE)
        replaced = pattern.sub(lambda _: new, self.raw, count=1)
        if replaced == self.raw:  # words of unspaced scripts touch their neighbours
            replaced = re.sub(re.escape(old), lambda _: new, self.raw, count=1, flags=re.I)
        return replaced


def _term(text: str) -> Term | None:
    found = tuple(word_pattern().findall(segment(text)))
    return Term(found) if found else None


def parse(raw: str) -> ParsedQuery:
    """Parse a reader's query. Raises QueryError with a message for the reader."""
    raw = _CONTROL.sub(" ", raw or "").strip()
    if not raw:
        raise QueryError(_("Type one or more words to search for."))
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Your search is too long. Please use at most %(max)d characters.")
            % {"max": MAX_QUERY_LENGTH}
        )
    query = ParsedQuery(raw=raw)

    def add(text: str, exclude: bool, quoted: bool) -> None:
        if quoted:
            term = _term(text)
            if term:
                (query.excluded if exclude else query.required).append(term)
            return
        for chunk in text.split():
            negative = chunk.startswith("-") and len(chunk) > 1
            # Inside a chunk, punctuation joins the words into a phrase: "anti-trafficking".
            term = _term(chunk[1:] if negative else chunk)
            if term:
                (query.excluded if negative else query.required).append(term)

    position = 0
    for match in _QUOTED.finditer(raw):
        add(raw[position : match.start()], exclude=False, quoted=False)
        add(match.group("phrase"), exclude=bool(match.group("minus")), quoted=True)
        position = match.end()
    rest = raw[position:]
    if '"' in rest:
        query.notices.append(
            str(_("An opening quotation mark had no closing one, so we searched for the words."))
        )
        rest = rest.replace('"', " ")
    add(rest, exclude=False, quoted=False)

    query.required = list(dict.fromkeys(query.required))
    query.excluded = [t for t in dict.fromkeys(query.excluded) if t not in query.required]
    if not query.required:
        if query.excluded:
            raise QueryError(
                _(
                    "Your search only excludes words. Add at least one word to search for, "
                    "e.g. labour -fishing."
                )
            )
        raise QueryError(_("Your search has no words in it, only punctuation. Try words."))
    if len(query.required) + len(query.excluded) > MAX_TERMS:
        raise QueryError(
            _("Your search has too many words. Please use at most %(max)d.") % {"max": MAX_TERMS}
        )
    return query
