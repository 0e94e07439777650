"""Listings shared by the library, the organisations directory, updates and events: filters that
combine and live in the URL (a GET form, so readers get no cookie), sorting and pagination.

A listing declares its filters; each filter offers only the values its items actually use, and
an unknown value in the URL gets a clear message while the other filters still apply.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Topic, localized_topics


class ListingFilter:
    """One filter: a select in the form, a parameter in the URL, a condition on the items."""

    name: str
    label: str
    any_label: str = pgettext_lazy("filter option", "Any")
    default: str = ""
    uses_relations = False  # filtering across a many-to-many relation may repeat rows

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        raise NotImplementedError

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        raise NotImplementedError


class CountryFilter(ListingFilter):
    name = "country"
    label = _("Country")
    uses_relations = True

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        # The items' own relation names the country model (countries is above taxonomy).
        country_model = items.model._meta.get_field("countries").related_model
        used = country_model.objects.filter(pk__in=items.values("countries")).order_by("name")
        return [(c.slug, c.name) for c in used]

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        return items.filter(countries__iso2=value.upper())


class TopicFilter(ListingFilter):
    """Topics by slug; a page tagged with a topic's translation matches too."""

    name = "topic"
    label = _("Topic")
    uses_relations = True

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        used = Topic.objects.filter(pk__in=items.values("topics")).order_by("name")
        seen: dict[str, str] = {}
        for topic in localized_topics(used):
            seen.setdefault(topic.slug, topic.name)
        return sorted(seen.items(), key=lambda item: item[1].lower())

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        keys = Topic.objects.filter(slug=value).values("translation_key")
        return items.filter(topics__translation_key__in=keys)


@dataclass
class YearFilter(ListingFilter):
    """Items by year; `lookup` is a year (integer) field or a date field."""

    lookup: str
    is_date: bool = True
    name: str = "year"
    label: str = _("Year")

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        if self.is_date:
            years = {d.year for d in items.dates(self.lookup, "year")}
        else:
            years = set(
                items.exclude(**{f"{self.lookup}__isnull": True}).values_list(
                    self.lookup, flat=True
                )
            )
        return [(str(y), str(y)) for y in sorted(years, reverse=True)]

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        lookup = f"{self.lookup}__year" if self.is_date else self.lookup
        return items.filter(**{lookup: int(value)})


@dataclass
class FieldChoiceFilter(ListingFilter):
    """A field with fixed choices (a resource's type); offers the choices in use."""

    name: str
    label: str
    field_name: str
    all_choices: Sequence[tuple[str, str]]

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        used = set(items.values_list(self.field_name, flat=True).distinct())
        return [(value, label) for value, label in self.all_choices if value in used]

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        return items.filter(**{self.field_name: value})


@dataclass
class RelatedCodeFilter(ListingFilter):
    """A many-to-many to a small vocabulary with codes (languages, services)."""

    name: str
    label: str
    relation: str
    model: type[Model]
    code_field: str = "code"
    uses_relations: bool = True

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        used = self.model.objects.filter(pk__in=items.values(self.relation))
        return sorted(
            ((getattr(o, self.code_field), str(o)) for o in used), key=lambda c: c[1].lower()
        )

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        return items.filter(**{f"{self.relation}__{self.code_field}": value})


@dataclass
class CustomFilter(ListingFilter):
    """A filter with fixed options and its own condition (upcoming or past events)."""

    name: str
    label: str
    options: Sequence[tuple[str, str]]
    condition: Callable[[QuerySet, str], QuerySet]
    default: str = ""
    any_label: Any = None  # no "any" option: one of the options always applies

    def choices(self, items: QuerySet) -> list[tuple[str, str]]:
        return list(self.options)

    def apply(self, items: QuerySet, value: str) -> QuerySet:
        return self.condition(items, value)


@dataclass
class SortOption:
    value: str
    label: str
    ordering: Sequence[Any]


@dataclass
class Listing:
    """A listing's filters and sort orders; `run` answers a request's GET parameters."""

    filters: Sequence[ListingFilter]
    sort_options: Sequence[SortOption]
    per_page: int = 20

    def run(self, data: Any, items: QuerySet) -> "ListingResult":
        form = ListingFilterForm(data, listing=self, items=items)
        return form.result(items)


class ListingFilterForm(forms.Form):
    """The filter form: one select per filter, plus the sort order."""

    def __init__(self, data: Any, *, listing: Listing, items: QuerySet) -> None:
        super().__init__(data, auto_id="filter-%s")
        self.listing = listing
        for listing_filter in listing.filters:
            choices = listing_filter.choices(items)
            if listing_filter.any_label is not None:
                choices = [("", listing_filter.any_label), *choices]
            self.fields[listing_filter.name] = forms.ChoiceField(
                label=listing_filter.label, required=False, choices=choices
            )
        self.fields["sort"] = forms.ChoiceField(
            label=_("Sort by"),
            required=False,
            choices=[(o.value, o.label) for o in listing.sort_options],
        )

    def clean_value(self, name: str, default: str = "") -> str:
        if not self.is_bound:
            return default
        self.is_valid()
        return self.cleaned_data.get(name) or default

    def result(self, items: QuerySet) -> "ListingResult":
        applied: dict[str, str] = {}
        distinct = False
        for listing_filter in self.listing.filters:
            value = self.clean_value(listing_filter.name, listing_filter.default)
            if value:
                items = listing_filter.apply(items, value)
                applied[listing_filter.name] = value
                distinct = distinct or listing_filter.uses_relations
        sort_value = self.clean_value("sort", self.listing.sort_options[0].value)
        sort = next(o for o in self.listing.sort_options if o.value == sort_value)
        if distinct:
            items = items.distinct()
        items = items.order_by(*sort.ordering)
        return ListingResult(form=self, items=items, applied=applied, sort=sort.value)


@dataclass
class ListingResult:
    form: ListingFilterForm
    items: QuerySet
    applied: dict[str, str]
    sort: str

    def page(self, number: Any, per_page: int) -> PaginatorPage:
        return Paginator(self.items, per_page).get_page(number)

    @property
    def is_filtered(self) -> bool:
        """True when the reader narrowed the list (such states are not for search engines)."""
        defaults = {f.name: f.default for f in self.form.listing.filters}
        return any(value != defaults.get(name, "") for name, value in self.applied.items())


def in_language_of(items: QuerySet, locale: Any) -> QuerySet:
    """Items in the given locale, plus those in the default language that have no translation
    in it yet (so a Lao reader still finds what exists only in English)."""
    from wagtail.models import Locale

    default = Locale.get_default()
    if locale.pk == default.pk:
        return items.filter(locale=default)
    translated = items.model.objects.filter(locale=locale).values("translation_key")
    return items.filter(Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated)))
