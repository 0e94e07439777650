"""Plain text from what pages hold, for `get_search_text()` implementations."""

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, get_text_for_indexing


def plain_text(*values: object) -> str:
    """Join the readable text of strings, rich text (HTML) and StreamField values.

    HTML tags are removed and block-level elements become line breaks; None and empty values are
    skipped. Example: `plain_text(self.intro, self.body)`.
    """
    parts: list[str] = []
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, StreamValue):
            parts.extend(value.stream_block.get_searchable_content(value))
        elif isinstance(value, RichText):
            parts.append(get_text_for_indexing(value.source))
        else:
            text = str(value)
            parts.append(get_text_for_indexing(text) if "<" in text else text)
    return "\n".join(part.strip() for part in parts if part and part.strip())
