"""Numbered notes for one document: the citations in its rich text, numbered in order of
appearance, each mark linked to its note and back, and a deduplicated bibliography.

A page builds one `NoteList` per rendering, feeds it its rich text in reading order
(`number_rich_text`), then any data citations (`cite`: figures, flows), and renders
`sources/includes/notes.html` with it at the end.

Text citations get one note each, as in print: the same source cited twice gives two notes
(each may carry its own locator or quotation). Data citations (figures, flows) with the same
source and locator share one note, which links back to every figure that uses it.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import extract_attrs

from .models import Source

# A stored citation entity: <a linktype="citation" id="12" ...>[label]</a>
CITATION_ENTITY = re.compile(r'<a\b([^>]*\blinktype="citation"[^>]*)>(.*?)</a>', re.DOTALL)

TEXT = "text"
DATA = "data"


@dataclass
class Note:
    number: int
    source: Source | None
    locator: str = ""
    quote: str = ""
    group: str = TEXT
    ref_ids: list[str] = field(default_factory=list)
    # Marks already written into the page: a mark shown twice (a figure in its table and again
    # in the "what changed" summary) keeps its id only the first time, so ids stay unique.
    rendered_ref_ids: set[str] = field(default_factory=set)

    @property
    def anchor(self) -> str:
        return f"note-{self.number}"

    def new_ref_id(self) -> str:
        ref_id = (
            f"ref-{self.number}"
            if not self.ref_ids
            else f"ref-{self.number}-{len(self.ref_ids) + 1}"
        )
        self.ref_ids.append(ref_id)
        return ref_id


@dataclass(frozen=True)
class Mark:
    """One place in the document that points to a note."""

    note: Note
    ref_id: str

    def __html__(self) -> str:
        if self.ref_id in self.note.rendered_ref_ids:
            return format_html(
                '<sup class="note-ref"><a href="#{}"><span class="visually-hidden">{} </span>'
                "{}</a></sup>",
                self.note.anchor,
                _("Note"),
                self.note.number,
            )
        self.note.rendered_ref_ids.add(self.ref_id)
        return format_html(
            '<sup class="note-ref"><a href="#{}" id="{}"><span class="visually-hidden">{} </span>'
            "{}</a></sup>",
            self.note.anchor,
            self.ref_id,
            _("Note"),
            self.note.number,
        )

    def __str__(self) -> str:
        return self.__html__()


class NoteList:
    def __init__(self) -> None:
        self.notes: list[Note] = []
        self._data_notes: dict[tuple, Note] = {}
        self._sources: dict[int, Source | None] = {}

    def __bool__(self) -> bool:
        return bool(self.notes)

    def _new_note(self, source: Source | None, locator: str, quote: str, group: str) -> Note:
        note = Note(len(self.notes) + 1, source, locator, quote, group)
        self.notes.append(note)
        return note

    def cite(self, source: Source | None, locator: str = "") -> Mark:
        """A data citation (figure, flow): one shared note per source and locator."""
        key = (source.pk if source else None, locator.strip())
        note = self._data_notes.get(key)
        if note is None:
            note = self._data_notes[key] = self._new_note(source, locator.strip(), "", DATA)
        return Mark(note, note.new_ref_id())

    @staticmethod
    def _cited_ids(db_html: str) -> list[str | None]:
        return [extract_attrs(m.group(1)).get("id") for m in CITATION_ENTITY.finditer(db_html)]

    def load_sources(self, db_htmls: list[str]) -> None:
        """Fetch the sources cited in several rich texts at once (one query for a page's
        sections, not one per section); number_rich_text then finds them here."""
        ids = {int(i) for html in db_htmls for i in self._cited_ids(html) if i and i.isdigit()}
        missing = ids - self._sources.keys()
        if missing:
            found = Source.objects.in_bulk(missing)
            # A source deleted since it was cited stays None: asked for once only.
            self._sources.update({pk: found.get(pk) for pk in missing})

    def number_rich_text(self, db_html: str) -> SafeString:
        """Rich text as stored -> front-end HTML with its citations numbered."""
        matches = list(CITATION_ENTITY.finditer(db_html))
        ids = [extract_attrs(m.group(1)).get("id") for m in matches]
        self.load_sources([db_html])
        sources = self._sources
        pieces, position = [], 0
        for match, source_id in zip(matches, ids, strict=True):
            attrs = extract_attrs(match.group(1))
            source = sources.get(int(source_id)) if source_id and source_id.isdigit() else None
            note = self._new_note(source, attrs.get("locator", ""), attrs.get("quote", ""), TEXT)
            pieces.append(db_html[position : match.start()])
            pieces.append(str(Mark(note, note.new_ref_id())))
            position = match.end()
        pieces.append(db_html[position:])
        return mark_safe(expand_db_html("".join(pieces)))  # noqa: S308 - rich text is trusted

    @property
    def text_notes(self) -> list[Note]:
        return [n for n in self.notes if n.group == TEXT]

    @property
    def data_notes(self) -> list[Note]:
        return [n for n in self.notes if n.group == DATA]

    def bibliography(self) -> list[Source]:
        """Every source cited, once, in bibliographic order."""
        unique = {note.source.pk: note.source for note in self.notes if note.source}
        return sorted(unique.values(), key=lambda s: (s.author.casefold(), s.title.casefold()))


def strip_citations(db_html: str) -> str:
    """Rich text without its citation marks (for search indexing and summaries)."""
    return CITATION_ENTITY.sub("", db_html)
