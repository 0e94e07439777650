from wagtail.search import index

from .segmentation import segment


class SegmentedSearchMixin:
    """For page types: index a segmented copy of the title and text so that Lao, Thai, Khmer
    and Burmese words can be found one by one.

    A page type adds `*SegmentedSearchMixin.segmented_search_fields` to its search_fields and
    implements `get_search_text()` returning the plain text of its main content.
    """

    segmented_search_fields = [
        index.SearchField("segmented_title", boost=2),
        index.SearchField("segmented_text"),
    ]

    def get_search_text(self) -> str:
        return ""

    def segmented_title(self) -> str:
        return segment(self.title)

    def segmented_text(self) -> str:
        return segment(self.get_search_text())
