"""Related content: what editors curated for a page, or else what shares its countries and
topics (across every page type that uses ClassifiedMixin)."""

from dataclasses import dataclass

from django.db.models import Count, Q
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


def automatic_related_pages(page: Page, limit: int) -> list[Page]:
    specific = page.specific
    if not isinstance(specific, ClassifiedMixin):
        return []
    country_ids = list(specific.countries.values_list("pk", flat=True))
    topic_ids = list(specific.topics.values_list("pk", flat=True))
    if not country_ids and not topic_ids:
        return []
    scored: list[tuple[int, object, Page]] = []
    for model in classified_page_models():
        queryset = (
            model.objects.live()
            .public()
            .filter(locale_id=page.locale_id)
            .exclude(pk=page.pk)
            .filter(Q(countries__in=country_ids) | Q(topics__in=topic_ids))
            .annotate(
                shared=Count("countries", filter=Q(countries__in=country_ids), distinct=True)
                + Count("topics", filter=Q(topics__in=topic_ids), distinct=True)
            )
            .order_by("-shared", "-first_published_at")[:limit]
        )
        scored.extend((p.shared, p.first_published_at, p) for p in queryset)
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
