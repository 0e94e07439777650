"""The countries section: an index at /countries/ that also serves a basic page for every
country without a profile (/countries/th/), the regional flow pages and the downloads; and the
country profiles (/countries/la/), narratives whose every claim carries a numbered note."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from portal.core.blocks import BODY_FEATURES
from portal.core.requestmemo import memoized
from portal.search.mixins import SegmentedSearchMixin
from portal.sources.citations import NoteList, strip_citations
from portal.sources.rich_text import FEATURE_NAME as CITATION_FEATURE
from portal.taxonomy.models import RELATED_CONTENT_PANELS, ClassifiedMixin

PROFILE_FEATURES = [*BODY_FEATURES, CITATION_FEATURE]


class ProfileSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    content = blocks.RichTextBlock(
        label=_("Text"),
        features=PROFILE_FEATURES,
        help_text=_("Cite a source for every claim with the “Cite” button (quotation mark)."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")


class ProfileStreamBlock(blocks.StreamBlock):
    section = ProfileSectionBlock()


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    anchor: str
    html: str


class CountryIndexPage(RoutablePageMixin, Page):
    """/countries/: every country by region, with the routes that need no page of their own."""

    intro = models.TextField(_("introduction"), blank=True, max_length=800)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["countries.CountryProfilePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("country index page")

    def route(self, request: HttpRequest, path_components: list[str]):
        # A country's profile (a child page, /countries/la/) comes before the basic page the
        # index would otherwise serve at the same address.
        # One query for the profile and its country (Wagtail's own route would ask for the
        # child page, then for its specific row, and the profile for its country a third time).
        if len(path_components) == 1:
            profile = (
                CountryProfilePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("country")
                .first()
            )
            if profile is not None:
                profile._cached_parent_obj = self  # as Wagtail's route does: no parent query
                try:
                    return profile.route(request, [])
                except Http404:
                    pass  # not live: the basic page of the country
        return super().route(request, path_components)

    @path("")
    def index_view(self, request: HttpRequest) -> HttpResponse:
        from ..views import country_index

        return country_index(request, self)

    @re_path(r"^(?P<iso2>[a-z]{2})/$", name="country")
    def country_view(self, request: HttpRequest, iso2: str) -> HttpResponse:
        from ..views import basic_country_page

        return basic_country_page(request, self, iso2)

    @re_path(r"^(?P<iso2>[a-z]{2})/csv/(?P<kind>figures|flows)/$", name="country_csv")
    def country_csv_view(self, request: HttpRequest, iso2: str, kind: str) -> HttpResponse:
        from ..views import country_csv

        return country_csv(request, iso2, kind)

    @re_path(r"^(?P<iso2>[a-z]{2})/json/$", name="country_json")
    def country_json_view(self, request: HttpRequest, iso2: str) -> HttpResponse:
        from ..views import country_json

        return country_json(request, iso2)

    @re_path(r"^csv/(?P<kind>figures|flows)/$", name="dataset_csv")
    def dataset_csv_view(self, request: HttpRequest, kind: str) -> HttpResponse:
        from ..views import dataset_csv

        return dataset_csv(request, kind)

    @path("json/", name="dataset_json")
    def dataset_json_view(self, request: HttpRequest) -> HttpResponse:
        from ..views import dataset_json

        return dataset_json(request)

    @path("compare/", name="compare")
    def compare_view(self, request: HttpRequest) -> HttpResponse:
        from ..comparison.views import compare_view

        return compare_view(request, self)

    @path("compare/csv/", name="compare_csv")
    def compare_csv_view(self, request: HttpRequest) -> HttpResponse:
        from ..comparison.views import compare_csv

        return compare_csv(request)

    @path("compare/json/", name="compare_json")
    def compare_json_view(self, request: HttpRequest) -> HttpResponse:
        from ..comparison.views import compare_json

        return compare_json(request)

    @path("regions/<slug:region>/", name="region")
    def region_view(self, request: HttpRequest, region: str) -> HttpResponse:
        from ..views import region_flows

        return region_flows(request, self, region)

    def country_url(self, country, request: HttpRequest | None = None) -> str:
        """The basic page of a country (whether or not it also has a profile)."""
        return self.get_url(request) + self.reverse_subpage("country", args=[country.slug])

    def live_profiles(self) -> dict[int, "CountryProfilePage"]:
        return {
            p.country_id: p
            for p in CountryProfilePage.objects.child_of(self)
            .live()
            .public()
            .select_related("country")
        }


def country_index_page(locale: Locale | None = None) -> CountryIndexPage | None:
    """The live countries section in the given locale (the active one), else in the default.
    Asked once per request and locale (a profile's context and its structured data both need
    it; portal.core.requestmemo)."""
    locale = locale or Locale.get_active()

    def find() -> CountryIndexPage | None:
        pages = CountryIndexPage.objects.live().public()
        return (
            pages.filter(locale=locale).first() or pages.filter(locale=Locale.get_default()).first()
        )

    return memoized(("country_index_page", locale.pk), find)


def country_page_url(country) -> str | None:
    index_page = country_index_page()
    if index_page is None:
        return None
    profile = index_page.live_profiles().get(country.pk)
    if profile is not None:
        return profile.url
    return index_page.country_url(country)


class CountryProfilePage(ClassifiedMixin, SegmentedSearchMixin, Page):
    """A country's profile: the narrative with numbered notes, its figures, charts and flows."""

    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("country"),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title and in search results."),
    )
    body = StreamField(ProfileStreamBlock(), blank=True, verbose_name=_("narrative"))
    last_reviewed = models.DateField(_("last reviewed"), default=date.today)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    legacy_import_report = models.TextField(
        _("import report"),
        blank=True,
        help_text=_(
            "Written by the legacy importer: what it could not bring in with certainty. "
            "Resolve each point in the narrative before publishing."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("country"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
        *ClassifiedMixin.classification_panels,
        *RELATED_CONTENT_PANELS,
    ]
    import_panels = [FieldPanel("legacy_import_report", read_only=True)]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
            ObjectList(import_panels, heading=_("Import")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("country"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]
    parent_page_types = ["countries.CountryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("country profile")

    @property
    def display_date(self) -> date | None:
        return self.last_reviewed

    @property
    def review_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < date.today())

    def full_clean(self, *args, **kwargs):
        if self.country_id:
            self.slug = self.country.slug
            if not self.title:
                self.title = self.country.name
        super().full_clean(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.country_id and self.next_review_due and self.next_review_due < self.last_reviewed:
            raise ValidationError({"next_review_due": _("The next review comes after the last.")})
        if self.country_id:
            others = CountryProfilePage.objects.filter(
                country_id=self.country_id, locale_id=self.locale_id
            )
            if others.exclude(pk=self.pk).exists():
                raise ValidationError({"country": _("This country already has a profile.")})

    def save(self, *args, **kwargs):
        if self.country_id:
            self.slug = self.country.slug
            try:
                tagged = list(self.countries.all())
            except ValueError:  # a new page: its relations are not there yet
                tagged = []
            if self.country not in tagged:
                self.countries = [*tagged, self.country]
        return super().save(*args, **kwargs)

    # Rendering -----------------------------------------------------------------------------

    def rendered_sections(self, notes: NoteList) -> list[RenderedSection]:
        """The narrative with its citations numbered in order of appearance."""
        sections = []
        notes.load_sources([block.value["content"].source for block in self.body])
        for number, block in enumerate(self.body, start=1):
            heading = block.value["heading"]
            anchor = f"section-{slugify(heading) or number}"
            sections.append(
                RenderedSection(
                    heading, anchor, notes.number_rich_text(block.value["content"].source)
                )
            )
        return sections

    def reader_locale(self) -> Locale:
        """The page's locale: almost always the active one, already known (no query)."""
        active = Locale.get_active()
        return active if active.pk == self.locale_id else self.locale

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from ..views import country_context

        context = super().get_context(request, *args, **kwargs)
        notes = NoteList()
        context["sections"] = self.rendered_sections(notes)
        index_page = country_index_page(self.reader_locale())
        context.update(country_context(request, index_page, self.country, notes))
        # The structured data (rendered with this page) covers the same figures' years.
        self._figure_years = context["data"].years
        return context

    def get_structured_data(self, request: HttpRequest | None) -> dict | None:
        """The profile's data as a schema.org Dataset, its downloads as distributions."""
        from ..structured_data import dataset_json_ld
        from ..views import downloads
        from .figures import Figure

        index_page = country_index_page(self.reader_locale())
        if request is None or index_page is None:
            return None
        files = downloads(index_page, request, self.country)
        name = self.country.display_name
        return dataset_json_ld(
            request,
            name=_("Trafficking figures and flows: %(country)s") % {"country": name},
            description=self.summary
            or _("Figures by year and trafficking flows of %(country)s, each with its source.")
            % {"country": name},
            url=self.get_url(request) or "",
            places=[self.country],
            years=(
                self._figure_years
                if getattr(self, "_figure_years", None) is not None
                else Figure.objects.filter(country=self.country).values_list("year", flat=True)
            ),
            downloads=[
                (_("Figures (CSV)"), "csv", files["figures_csv"]),
                (_("Flows (CSV)"), "csv", files["flows_csv"]),
                (_("Figures, flows and sources (JSON)"), "json", files["json"]),
            ],
        )

    def get_search_text(self) -> str:
        parts = [self.summary]
        for block in self.body:
            parts.append(block.value["heading"])
            parts.append(get_text_for_indexing(strip_citations(block.value["content"].source)))
        return "\n".join(p for p in parts if p)
