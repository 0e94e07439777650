"""Footnote marks in the text of an old page, and which of them are certain.

A mark is a number glued to the end of a word or punctuation ("syndicates.1", "Thailand,8",
"(Social Welfare)6", "in 2006.4"); a number after a space is text ("Tier 2", "in 2006"), and so
are numbers inside numbers (180,000; 7.5), codes (COVID-19, 2006/07) and addresses. Where the
reader cannot tell ("G20", "40.3 The") the number stays text and is reported. A mark is certain
when its note exists and it is in order (on the longest non-decreasing run of marks); every
other mark, and every note no certain mark cites, is an anomaly.
"""

import re

from .document import Anomaly, LegacyPage, Mark

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
# A run of ASCII digits at the end of a token (the token is what precedes the next space).
CANDIDATE = re.compile(r"(?<=\S)([1-9][0-9]{0,2})(?=[\s,;:]|$)")
CLOSING = set(".,;:!?)]}'\"\u2019\u201d\u00bb")  # with curly closing quotes


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


def check_marks(page: LegacyPage) -> None:
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
