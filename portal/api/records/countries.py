"""Countries, their figures and flows, and the sources they cite: the records of
`portal.countries.dataset`, with each item's addresses and last change added."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db.models import Max, Q, QuerySet
from wagtail.models import Locale

from portal.countries import dataset
from portal.countries.models import Country, CountryProfilePage, Figure, Flow
from portal.countries.models.pages import country_index_page
from portal.sources.models import Source

from .base import absolute, api_url, latest, timestamp


def countries() -> QuerySet[Country]:
    return Country.objects.prefetch_related("forms", "sectors").order_by("iso2")


def figures() -> QuerySet[Figure]:
    # The downloads' order, then the UUID: a stable order for pages of results.
    return dataset.figures_for().order_by(
        "country__iso2", "indicator", "year", "assisting_body", "source__title", "uuid"
    )


def flows() -> QuerySet[Flow]:
    return dataset.flows_for()


def sources() -> QuerySet[Source]:
    """Sources, except the bibliography records of library resources that are not published
    (a draft resource's title is not public yet)."""
    from portal.library.models import ResourcePage

    published = ResourcePage.objects.live().public().values("pk")
    return Source.objects.filter(
        Q(library_resource__isnull=True) | Q(library_resource__in=published)
    ).order_by("slug")


class CountryContext:
    """What country records need about all countries at once: which have a live profile, the
    site's country pages and when each country's data last changed (a country has no timestamp
    of its own: its profile, figures and flows do)."""

    def __init__(self) -> None:
        self.index_page = country_index_page(Locale.get_default())
        self.profiles: dict[int, CountryProfilePage] = (
            self.index_page.live_profiles() if self.index_page else {}
        )
        changed: dict[int, list[datetime | None]] = defaultdict(list)
        for row in Figure.objects.values("country_id").annotate(at=Max("updated_at")):
            changed[row["country_id"]].append(row["at"])
        for field in ("origin_id", "destination_id", "transits__country_id"):
            rows = Flow.objects.filter(**{f"{field}__isnull": False}).values(field)
            for row in rows.annotate(at=Max("updated_at")):
                changed[row[field]].append(row["at"])
        for country_id, profile in self.profiles.items():
            changed[country_id].append(profile.last_published_at)
        self.last_changed = {pk: latest(*values) for pk, values in changed.items()}

    def url(self, country: Country) -> str | None:
        if self.index_page is None:
            return None
        profile = self.profiles.get(country.pk)
        return profile.get_url() if profile else self.index_page.country_url(country)


def country_record(
    country: Country, base_url: str, context: CountryContext | None = None
) -> dict[str, Any]:
    context = context or CountryContext()
    record = {"id": country.iso2, **dataset.country_record(country)}
    record.update(
        {
            "has_profile": country.pk in context.profiles,
            "url": absolute(base_url, context.url(country)),
            "api_url": api_url(base_url, "country", iso2=country.iso2.lower()),
            "figures_api_url": api_url(base_url, "country_figures", iso2=country.iso2.lower()),
            "last_modified": timestamp(context.last_changed.get(country.pk)),
        }
    )
    return record


def figure_record(figure: Figure, base_url: str) -> dict[str, Any]:
    record = dataset.figure_record(figure, base_url)
    record.update(
        {
            "url": absolute(base_url, figure.get_absolute_url()),
            "api_url": api_url(base_url, "figure", item_id=figure.uuid),
            "last_modified": timestamp(figure.updated_at),
        }
    )
    return record


def flow_record(flow: Flow, base_url: str) -> dict[str, Any]:
    record = dataset.flow_record(flow, base_url)
    record.update(
        {
            "url": absolute(base_url, flow.get_absolute_url()),
            "api_url": api_url(base_url, "flow", item_id=flow.uuid),
            "last_modified": timestamp(flow.updated_at),
        }
    )
    return record


def source_record(source: Source, base_url: str) -> dict[str, Any]:
    cited = dataset.source_record(source, base_url=base_url)
    return {
        "id": cited["id"],
        "slug": cited["slug"],
        "title": cited["title"],
        "author": cited["author"],
        "year": cited["year"],
        "address": cited["url"],
        "accessed_on": cited["accessed_on"],
        "archive_url": cited["archive_url"],
        "url": cited["page"],
        "api_url": api_url(base_url, "source", item_id=source.uuid),
        "last_modified": timestamp(source.updated_at),
    }


def touching_region(items: QuerySet[Flow], region: str) -> QuerySet[Flow]:
    """Flows out of, into or through any country of a region."""
    return items.filter(
        Q(origin__region=region)
        | Q(destination__region=region)
        | Q(transits__country__region=region)
    ).distinct()
