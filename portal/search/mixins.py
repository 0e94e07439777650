from wagtail.search import index

from .segmentation import has_unspaced_script, segment


class SegmentedTitleField(index.SearchField):
    """The title with spaces between Lao, Thai, Khmer and Burmese words.

    Named "title" so that the backends treat it as the title (the SQLite backend's title column,
    the PostgreSQL backend's title vector) and title matches rank first in every script. Page's
    own "title" field stays in search_fields (a different field class, so both are kept); for
    titles without such scripts this one adds nothing.
    """

    def get_value(self, obj) -> str:
        title = obj.title or ""
        return segment(title) if has_unspaced_script(title) else ""


class SegmentedSearchMixin:
    """For page types: index a segmented copy of the title and text so that Lao, Thai, Khmer
    and Burmese words can be found one by one.

    A page type adds `*SegmentedSearchMixin.segmented_search_fields` to its search_fields,
    implements `get_search_text()` returning the plain text of its main content, and defines a
    `display_date` property (the date readers see; None if undated). The site search finds live,
    public pages of every type that does this (see portal.search.documents).
    """

    segmented_search_fields = [
        SegmentedTitleField("title", boost=2),
        index.SearchField("segmented_text"),
    ]

    def get_search_text(self) -> str:
        return ""

    def segmented_title(self) -> str:
        return segment(self.title)

    def segmented_text(self) -> str:
        return segment(self.get_search_text())
