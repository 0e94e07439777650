"""The campaign's counts: needs met, and posts by category and by country."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from portal.countries.models import Country

from .choices import Category, Status
from .models import Need, Offer


@dataclass
class Row:
    label: str
    key: str
    open_needs: int = 0
    needs_met: int = 0
    open_offers: int = 0


@dataclass
class CampaignCounts:
    needs_met: int
    needs_matched: int
    needs_in_discussion: int
    open_needs: int
    open_offers: int
    by_category: list[Row] = field(default_factory=list)
    by_country: list[Row] = field(default_factory=list)


def _seeking_filter() -> Q:
    return Q(pk__in=Need.objects.seeking().values("pk"))


def campaign_counts() -> CampaignCounts:
    """Counts over approved posts. "Open" means on the board and looking (open or in
    discussion); "met" counts needs marked fulfilled, whenever that was."""
    needs = Need.objects.approved()
    totals = needs.aggregate(
        met=Count("pk", filter=Q(status=Status.FULFILLED)),
        matched=Count("pk", filter=Q(status=Status.MATCHED)),
        discussing=Count("pk", filter=_seeking_filter() & Q(status=Status.IN_DISCUSSION)),
        open=Count("pk", filter=_seeking_filter()),
    )
    seeking_offers = Offer.objects.seeking()

    by_category = {value: Row(str(label), value) for value, label in Category.choices}
    for row in needs.values("category").annotate(
        met=Count("pk", filter=Q(status=Status.FULFILLED)),
        open=Count("pk", filter=_seeking_filter()),
    ):
        by_category[row["category"]].needs_met = row["met"]
        by_category[row["category"]].open_needs = row["open"]
    for row in seeking_offers.values("category").annotate(n=Count("pk")):
        by_category[row["category"]].open_offers = row["n"]

    by_country: dict[int, Row] = {}
    countries = {c.pk: c for c in Country.objects.all()}

    def country_row(pk: int) -> Row:
        if pk not in by_country:
            country = countries[pk]
            by_country[pk] = Row(country.name, country.slug)
        return by_country[pk]

    for row in needs.values("country").annotate(
        met=Count("pk", filter=Q(status=Status.FULFILLED)),
        open=Count("pk", filter=_seeking_filter()),
    ):
        country_row(row["country"]).needs_met = row["met"]
        country_row(row["country"]).open_needs = row["open"]
    for row in (
        seeking_offers.filter(countries__isnull=False)
        .values("countries")
        .annotate(n=Count("pk", distinct=True))
    ):
        country_row(row["countries"]).open_offers = row["n"]

    def has_any(row: Row) -> bool:
        return bool(row.open_needs or row.needs_met or row.open_offers)

    return CampaignCounts(
        needs_met=totals["met"],
        needs_matched=totals["matched"],
        needs_in_discussion=totals["discussing"],
        open_needs=totals["open"],
        open_offers=seeking_offers.count(),
        by_category=[row for row in by_category.values() if has_any(row)],
        by_country=sorted(
            (row for row in by_country.values() if has_any(row)), key=lambda r: r.label
        ),
    )
