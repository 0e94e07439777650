"""Everything that cites a source: pages (through the citation marks in their rich text, as
recorded by Wagtail's reference index) and records (figures, flows, country facts) that point to
it. A model takes part by pointing to Source and defining `cited_by_heading` (a plural noun)."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.models import Page, ReferenceIndex

from .models import Source


@dataclass
class CitedBy:
    pages: list[Page] = field(default_factory=list)
    record_groups: list[tuple[str, list[Model]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.pages or self.record_groups)


def citing_pages(source: Source) -> list[Page]:
    """Live, public pages whose text cites the source."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(source)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(
        Page.objects.filter(pk__in=[int(i) for i in page_ids])
        .live()
        .public()
        .specific()
        .order_by("title")
    )


def citing_records(source: Source) -> list[tuple[str, list[Model]]]:
    groups = []
    for relation in Source._meta.related_objects:
        model = relation.related_model
        heading = getattr(model, "cited_by_heading", None)
        if heading is None:
            continue
        records = list(model._default_manager.filter(**{relation.field.name: source}).distinct())
        if records:
            groups.append((str(heading), records))
    return groups


def cited_by(source: Source) -> CitedBy:
    return CitedBy(pages=citing_pages(source), record_groups=citing_records(source))
