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

from .document import Anomaly, LegacyPage, Note, Paragraph, Section
from .marks import CANDIDATE, URL, check_marks, find_marks

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
SENTENCE_END = tuple(".!?:;,")
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 10
UNWRAPPED_LINE = 120  # a longer line means the snapshot does not wrap its paragraphs


def is_chrome(line: str) -> bool:
    return any(p.search(line.strip()) for p in CHROME_PATTERNS)


# What is left of a note's title where its address was cut out: brackets with nothing (or only
# punctuation) in them, a bracket opened or closed with no partner, and the words that led to
# the address ("available at", "see").
EMPTY_BRACKETS = re.compile(r"[(\[<{][\s.,;:\-\u2013\u2014]*[)\]>}]")
LEAD_IN = re.compile(
    r"(?:,|\s)\s*(?:available (?:online )?(?:at|from)|online at|see|at|url)\s*[:.]?$", re.I
)
EDGE = " ,;:-\u2013\u2014/|"
PAIRS = {"(": ")", "[": "]", "<": ">", "{": "}"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def _unbalanced(text: str) -> set[int]:
    """Positions of brackets without a partner."""
    stack: list[int] = []
    lone: set[int] = set()
    for position, char in enumerate(text):
        if char in PAIRS:
            stack.append(position)
        elif char in CLOSERS:
            if stack and text[stack[-1]] == CLOSERS[char]:
                stack.pop()
            else:
                lone.add(position)
    return lone | set(stack)


def clean_title(text: str) -> str:
    """A note's title once its address is cut out: no empty or unpaired brackets, no dangling
    punctuation, lead-in words or extra spaces. A full stop that ends the title goes too."""
    title = re.sub(r"\s+", " ", text)
    previous = None
    while title != previous:
        previous = title
        title = EMPTY_BRACKETS.sub(" ", title)
        lone = _unbalanced(title)
        title = "".join(c for i, c in enumerate(title) if i not in lone)
        title = re.sub(r"\s+", " ", title).strip(EDGE)
        title = LEAD_IN.sub("", title).strip(EDGE)
        title = title.rstrip(".") if not title.endswith("..") else title
        title = re.sub(r"\s+([,;:.)\]])", r"\1", title)
    return title


def split_note_text(text: str) -> tuple[str, str]:
    """A note's title and address: the first URL is the address, the rest the title."""
    match = URL.search(text)
    if not match:
        return clean_title(text), ""
    url = match.group(0).rstrip(".,;:")
    # A closing bracket ends the address unless the address opened it (Wikipedia style).
    while url and url[-1] in CLOSERS and url.count(url[-1]) > url.count(CLOSERS[url[-1]]):
        url = url[:-1].rstrip(".,;:")
    rest = text[match.start() + len(url) :]
    if url.lower().startswith("www."):
        url = "http://" + url
    title = clean_title(text[: match.start()] + " " + rest)
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
    check_marks(page)
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
