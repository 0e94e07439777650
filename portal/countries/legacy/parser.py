"""Reading a plain-text snapshot of an old humantrafficking.org country page.

The page is: site chrome (navigation, tagline), then sections (a short heading line followed
by paragraphs), then the footnotes ("12  2007 US Department of State ..."), then more chrome
(related boxes, newsletter, copyright, RSS). In the text, a footnote mark is a number glued to
the end of a word or punctuation ("syndicates.1", "Thailand,8 and", "raped.14"); a number after
a space is text ("Tier 2", "in 2006", "180,000").

The parser only reads: it finds the structure and every candidate mark, decides which marks
are certain, and lists everything it could not decide as an anomaly. It never corrects a mark.
"""

import re
from dataclasses import dataclass, field

# Site chrome that appears on every old page; dropped wherever it is found.
CHROME_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in [
        r"^.*\|.*\|.*$",  # the navigation bar: "How You Can Help | About Us | ..."
        r"^a web resource for combating human trafficking$",
        r"^related (pages on this site|external links)\b",
        r"\[view all\]",
        r"^search the entirety of the site",
        r"^inquiry corner$",
        r"^we are here to assist you with research requests",
        r"^sign up for our (monthly )?newsletter",
        r"^linking needs with resources",
        r"^click here\b",
        r"(©|\(c\)|copyright)\s*\d{4}",
        r"all rights reserved",
        r"^privacy policy",
        r"subscribe via rss",
        r"feed-icon",
    ]
]

NOTE_LINE = re.compile(r"^\s*(\d{1,3})\s+(\S.*?)\s*$")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
# A run of ASCII digits at the end of a token (the token is what precedes the next space).
CANDIDATE = re.compile(r"(?<=\S)([1-9][0-9]{0,2})(?=[\s,;:]|$)")
SENTENCE_END = tuple(".!?:;,")
CLOSING = set(".,;:!?)]}'\"\u2019\u201d\u00bb")  # with curly closing quotes
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 10
UNWRAPPED_LINE = 120  # a longer line means the snapshot does not wrap its paragraphs


@dataclass
class Note:
    number: int
    text: str  # as written, URL included
    title: str  # without the URL
    url: str
    line: int


@dataclass
class Mark:
    number: int
    start: int  # offsets of the digits in the paragraph text
    end: int
    certain: bool = False
    reason: str = ""  # why it was not certain


@dataclass
class Paragraph:
    text: str
    marks: list[Mark] = field(default_factory=list)
    line: int = 0


@dataclass
class Section:
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Anomaly:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class LegacyPage:
    sections: list[Section] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # chrome lines left out
    anomalies: list[Anomaly] = field(default_factory=list)

    def paragraphs(self):
        for section in self.sections:
            for index, paragraph in enumerate(section.paragraphs, start=1):
                yield section, index, paragraph

    @property
    def cited_numbers(self) -> set[int]:
        return {m.number for _, _, p in self.paragraphs() for m in p.marks if m.certain}


def is_chrome(line: str) -> bool:
    return any(p.search(line.strip()) for p in CHROME_PATTERNS)


def split_note_text(text: str) -> tuple[str, str]:
    """A note's title and address: the first URL is the address, the rest the title."""
    match = URL.search(text)
    if not match:
        return text.strip(), ""
    url = match.group(0).rstrip(".,;:)")
    if url.lower().startswith("www."):
        url = "http://" + url
    title = (text[: match.start()] + " " + text[match.end() :]).strip()
    title = re.sub(r"\s+", " ", title).strip(" ,;:-\u2013\u2014[]<>")
    return (title or url), url


def looks_like_heading(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > HEADING_MAX_CHARS or len(text.split()) > HEADING_MAX_WORDS:
        return False
    if text.endswith(SENTENCE_END) or (CANDIDATE.search(text) and text[-1].isdigit()):
        return False
    return text[0].isalpha() and (text[0].isupper() or not text[0].isascii())


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, with the number of their first line (1-based)."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _token_around(text: str, start: int, end: int) -> str:
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return text[left : right if right != -1 else len(text)]


def _next_word(text: str, end: int) -> str:
    rest = text[end:].lstrip(" ,;:")
    return rest.split(" ", 1)[0] if rest else ""


def find_marks(text: str) -> tuple[list[Mark], list[str]]:
    """Footnote marks in a paragraph, and notes about numbers that were not taken as marks
    but might be (for the report)."""
    marks, doubts = [], []
    for match in CANDIDATE.finditer(text):
        start, end = match.span(1)
        before = text[start - 1]
        token = _token_around(text, start, end)
        number = int(match.group(1))
        if URL.search(token) or "/" in token or "@" in token:
            continue  # part of an address
        if before.isdigit() or before in "-\u2013+/%#":  # hyphen, en dash, ...
            continue  # part of a number, range or code: 2006/07, COVID-19
        if before in ".," and start >= 2 and text[start - 2].isdigit():
            # After a number: 180,000 and 7.5 are numbers; "in 2006.4" and "in 2006,5" are a
            # year and a mark. After any other number the reader cannot tell: reported.
            if before == "," and len(match.group(1)) == 3:
                continue  # thousands separator
            number_before = re.search(r"[0-9]+$", text[: start - 1]).group(0)
            if not (len(number_before) == 4 and 1900 <= int(number_before) <= 2099):
                following = _next_word(text, end)
                if following and following[0].isalpha() and not following[0].islower():
                    doubts.append(
                        f"“{number_before}{before}{number}” could be a number or "
                        f"{number_before} followed by mark {number}; kept as text"
                    )
                continue
        elif before.isalpha():
            word = token[: start - (text.rfind(" ", 0, start) + 1)]
            if any(ch.isdigit() for ch in word) or (word.isupper() and len(word) <= 5):
                doubts.append(
                    f"“{token}” ends in {number}: a code or a mark? Kept as text; add a "
                    "citation by hand if it is a mark"
                )
                continue
        elif before not in CLOSING:
            continue
        marks.append(Mark(number, start, end))
    return marks, doubts


def longest_non_decreasing(values: list[int]) -> set[int]:
    """Indexes of a longest non-decreasing subsequence (the marks that are in order)."""
    if not values:
        return set()
    best_length = [1] * len(values)
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        for j in range(i):
            if values[j] <= value and best_length[j] + 1 > best_length[i]:
                best_length[i], previous[i] = best_length[j] + 1, j
    i = max(range(len(values)), key=lambda k: (best_length[k], -k))
    chosen = set()
    while i != -1:
        chosen.add(i)
        i = previous[i]
    return chosen


def parse(text: str) -> LegacyPage:
    page = LegacyPage()
    lines = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = _blocks(lines)

    # The notes: the last run of blocks made only of numbered lines (with wrapped lines).
    notes_at = None
    for index in range(len(blocks) - 1, -1, -1):
        _, block_lines = blocks[index]
        if NOTE_LINE.match(block_lines[0]) and not is_chrome(block_lines[0]):
            notes_at = index
            while notes_at > 0 and NOTE_LINE.match(blocks[notes_at - 1][1][0]):
                notes_at -= 1
            break
    body_blocks = blocks[:notes_at] if notes_at is not None else blocks
    note_blocks = []
    if notes_at is not None:
        for start, block_lines in blocks[notes_at:]:
            if NOTE_LINE.match(block_lines[0]):
                note_blocks.append((start, block_lines))
            else:
                page.dropped.extend(block_lines)  # chrome after the notes
    _read_notes(page, note_blocks)
    _read_body(page, body_blocks)
    _check_marks(page)
    return page


def _read_notes(page: LegacyPage, blocks: list[tuple[int, list[str]]]) -> None:
    expected = 1
    for start, block_lines in blocks:
        current: Note | None = None
        for offset, line in enumerate(block_lines):
            match = NOTE_LINE.match(line)
            if match is None and current is not None and not is_chrome(line):
                current.text += " " + line  # a wrapped note
                current.title, current.url = split_note_text(current.text)
                continue
            if match is None:
                page.dropped.append(line)
                continue
            number = int(match.group(1))
            if number in page.notes:
                page.anomalies.append(
                    Anomaly(f"Note {number}", "appears twice; the first one is used")
                )
                current = None
                continue
            if number != expected:
                page.anomalies.append(
                    Anomaly(
                        f"Note {number}",
                        f"follows note {expected - 1}: the notes are not numbered in order"
                        if number < expected
                        else f"notes {expected} to {number - 1} are missing"
                        if number > expected + 1
                        else f"note {expected} is missing",
                    )
                )
            title, url = split_note_text(match.group(2))
            current = Note(number, match.group(2), title, url, start + offset)
            page.notes[number] = current
            expected = max(expected, number + 1)


def _paragraph_texts(lines: list[str]) -> list[str]:
    """Lines of one block as paragraphs: a snapshot that wraps its lines gives one paragraph
    per block; one that does not (long lines) gives one paragraph per line."""
    if any(len(line) > UNWRAPPED_LINE for line in lines):
        return lines
    return [" ".join(lines)]


def _body_items(
    blocks: list[tuple[int, list[str]]], page: LegacyPage
) -> list[tuple[int, str, bool]]:
    """(line number, text, is it a heading candidate) for the body, chrome removed. A heading
    may share its block with the paragraph under it."""
    items = []
    for start, block_lines in blocks:
        kept = [(start + i, line) for i, line in enumerate(block_lines) if not is_chrome(line)]
        page.dropped.extend(line for line in block_lines if is_chrome(line))
        if not kept:
            continue
        first_line, first = kept[0]
        if looks_like_heading(first):
            items.append((first_line, first, True))
            kept = kept[1:]
        if kept:
            for text in _paragraph_texts([line for _, line in kept]):
                items.append((kept[0][0], text, False))
    return items


def _read_body(page: LegacyPage, blocks: list[tuple[int, list[str]]]) -> None:
    items = _body_items(blocks, page)
    section: Section | None = None
    for index, (line, text, heading_like) in enumerate(items):
        if heading_like:
            next_is_text = index + 1 < len(items) and not items[index + 1][2]
            if next_is_text:
                section = Section(text)
                page.sections.append(section)
                continue
            if section is None:
                page.dropped.append(text)  # a tagline or title before the first section
                continue
            page.anomalies.append(
                Anomaly(
                    f"Line {line}",
                    f"“{text}” looks like a heading with no text under it; kept as a paragraph",
                )
            )
        if section is None:
            section = Section("Introduction")
            page.sections.append(section)
            page.anomalies.append(
                Anomaly(
                    f"Line {line}",
                    "text before the first heading; put under the heading “Introduction”",
                )
            )
        text = re.sub(r"\s+", " ", text).strip()
        marks, doubts = find_marks(text)
        section.paragraphs.append(Paragraph(text, marks, line=line))
        number = len(section.paragraphs)
        for doubt in doubts:
            page.anomalies.append(Anomaly(f"{section.heading}, paragraph {number}", doubt))


def _check_marks(page: LegacyPage) -> None:
    """Marks with a note and in order are certain; every other mark, and every note no certain
    mark cites, is an anomaly."""
    located = [(s, i, p, m) for s, i, p in page.paragraphs() for m in p.marks]
    for section, index, _paragraph, mark in located:
        if mark.number not in page.notes:
            mark.reason = f"mark {mark.number} has no note"
            page.anomalies.append(
                Anomaly(
                    f"{section.heading}, paragraph {index}",
                    f"{mark.reason}; kept in the text as “[{mark.number}?]”",
                )
            )
    with_notes = [item for item in located if item[3].number in page.notes]
    in_order = longest_non_decreasing([item[3].number for item in with_notes])
    for position, item in enumerate(with_notes):
        item[3].certain = position in in_order

    cited = page.cited_numbers
    uncited = sorted(set(page.notes) - cited)
    explained: set[int] = set()
    for position, (section, index, _paragraph, mark) in enumerate(with_notes):
        if mark.certain:
            continue
        before = max((m.number for _, _, _, m in with_notes[:position] if m.certain), default=0)
        after = min(
            (m.number for _, _, _, m in with_notes[position + 1 :] if m.certain),
            default=max(page.notes) + 1,
        )
        gap = [n for n in uncited if before < n < after]
        where = f"{section.heading}, paragraph {index}"
        if len(gap) == 1:
            expected = gap[0]
            note = page.notes[expected]
            mark.reason = f"reads {mark.number} where {expected} is expected"
            page.anomalies.append(
                Anomaly(
                    where,
                    f"mark {mark.number} where {expected} is expected (between marks {before} "
                    f"and {after}), so note {expected} “{note.title}” is never cited. Kept in "
                    f"the text as “[{mark.number}?]” for the editor to resolve.",
                )
            )
            explained.add(expected)
        else:
            mark.reason = f"mark {mark.number} is out of order"
            page.anomalies.append(
                Anomaly(
                    where,
                    f"mark {mark.number} is out of order (between marks {before} and {after}); "
                    f"kept in the text as “[{mark.number}?]”.",
                )
            )
    for number in uncited:
        if number not in explained:
            page.anomalies.append(
                Anomaly(f"Note {number}", f"“{page.notes[number].title}” is never cited")
            )
