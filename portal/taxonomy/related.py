"""Related content: what editors curated for a page, or else what shares its countries and
topics (across every page type that uses ClassifiedMixin)."""

from dataclasses import dataclass

from django.db.models import IntegerField, Value
from wagtail.models import Page, get_page_models

from .models import ClassifiedMixin, RelatedLink


def classified_page_models() -> list[type[Page]]:
    return [m for m in get_page_models() if issubclass(m, ClassifiedMixin) and not m._meta.abstract]


@dataclass(frozen=True)
class RelatedPages:
    pages: list[Page]
    curated: bool  # False: chosen automatically by shared countries and topics
    total: int


def curated_related_pages(page: Page) -> list[Page]:
    targets = [
        item.target for item in page.related_pages.select_related("target").order_by("sort_order")
    ]
    live = [t for t in targets if t.live and not t.get_view_restrictions().exists()]
    return [t.specific.localized for t in live]


COUNTRY, TOPIC = 1, 2


def _tags(page: ClassifiedMixin, field_name: str):
    """The page's countries (or topics) as a subquery, or as ids when they are in memory only
    (a preview of unsaved changes)."""
    manager = getattr(page, field_name)
    if field_name in getattr(page, "_cluster_related_objects", {}):
        return list(manager.values_list("pk", flat=True))
    return manager.values("pk")


def _shared_tags(page: ClassifiedMixin) -> dict[int, tuple[set[int], set[int]]]:
    """Page id -> (its countries, its topics) among `page`'s, over every classified page type
    in one query: a UNION of their link tables, filtered by `page`'s own links."""
    countries, topics = _tags(page, "countries"), _tags(page, "topics")
    links = []
    wanted = ((COUNTRY, "countries", countries), (TOPIC, "topics", topics))
    for model in classified_page_models():
        for kind, field_name, tags in wanted:
            field = model._meta.get_field(field_name)
            page_column, tag_column = field.m2m_field_name(), field.m2m_reverse_field_name()
            links.append(
                field.remote_field.through.objects.filter(**{f"{tag_column}__in": tags})
                .annotate(kind=Value(kind, output_field=IntegerField()))
                .values_list(f"{page_column}_id", "kind", f"{tag_column}_id")
            )
    shared: dict[int, tuple[set[int], set[int]]] = {}
    for page_id, kind, tag_id in links[0].union(*links[1:], all=True):
        shared.setdefault(page_id, (set(), set()))[0 if kind == COUNTRY else 1].add(tag_id)
    return shared


def automatic_related_pages(page: Page, limit: int) -> list[Page]:
    """The pages sharing most of its countries and topics, the newest first among equals.

    Two queries whatever the number of page types: the pages tagged with any of its countries
    or topics, then the live and public ones among them (plain Page objects: the related
    boxes show a title, a link and the page type)."""
    specific = page.specific
    if not isinstance(specific, ClassifiedMixin):
        return []
    shared = {
        page_id: len(countries) + len(topics)
        for page_id, (countries, topics) in _shared_tags(specific).items()
    }
    if not shared:
        return []
    candidates = (
        Page.objects.live()
        .public()
        .filter(locale_id=page.locale_id, pk__in=shared)
        .exclude(pk=page.pk)
    )
    scored = [(shared[p.pk], p.first_published_at, p) for p in candidates]
    scored.sort(key=lambda item: (item[0], item[1] is not None, item[1]), reverse=True)
    return [p for _, _, p in scored[:limit]]


def related_pages(page: Page, limit: int | None = None) -> RelatedPages:
    curated = curated_related_pages(page)
    if curated:
        return RelatedPages(curated[:limit] if limit else curated, True, len(curated))
    automatic = automatic_related_pages(page, limit or 50)
    return RelatedPages(automatic, False, len(automatic))


def related_links(page: Page) -> list[RelatedLink]:
    return list(page.related_links.order_by("sort_order"))
