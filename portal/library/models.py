"""The resources library: laws, action plans, agreements, reports and other documents, each a
page, each also the bibliography record (a Source) that country profiles cite."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Locale, Page

from portal.core.dates import DatePrecision
from portal.taxonomy.listing import (
    CountryFilter,
    FieldChoiceFilter,
    Listing,
    RelatedCodeFilter,
    SortOption,
    TopicFilter,
    YearFilter,
)
from portal.taxonomy.models import RELATED_CONTENT_PANELS, Language
from portal.taxonomy.pages import ClassifiedPage, SectionIndexPage

from .citation import citation_line, sync_source


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    LAW = "law", _("Law or regulation")
    ACTION_PLAN = "action-plan", _("Action plan")
    AGREEMENT = "agreement", _("Agreement or MOU")
    TRAINING = "training", _("Training material")
    RESEARCH = "research", _("Research paper")
    MEDIA = "media", _("Media")


class ResourcePage(ClassifiedPage):
    resource_type = models.CharField(
        _("type"), max_length=20, choices=ResourceType.choices, default=ResourceType.REPORT
    )
    publisher = models.CharField(
        _("publisher or author"),
        max_length=300,
        blank=True,
        help_text=_("e.g. US Department of State; World Vision Laos"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
        help_text=_("Year of publication. Leave empty when it is not known."),
    )
    languages = ParentalManyToManyField(
        "taxonomy.Language", blank=True, related_name="+", verbose_name=_("languages")
    )
    link_url = models.URLField(
        _("address"), max_length=1000, blank=True, help_text=_("Where the resource is published.")
    )
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("An uploaded copy (PDF): its text is extracted and made searchable."),
    )
    citation = models.CharField(
        _("citation"),
        max_length=1000,
        blank=True,
        help_text=_("Leave empty to have it written from the publisher, year, title and address."),
    )
    source = models.OneToOneField(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_resource",
        verbose_name=_("bibliography record"),
        help_text=_(
            "Leave empty: a source is created from this resource when it is saved, and kept "
            "in step with it. Or choose an existing source (e.g. one imported from an old page): "
            "its details fill the fields left empty here."
        ),
    )

    date_ordering = (F("year").desc(nulls_last=True), "-first_published_at")
    group_order = 10
    # A copy or a translation is not the same bibliography record (see citation.sync_source).
    exclude_fields_in_copy = ["source"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("year"),
                FieldPanel("link_url"),
                FieldPanel("document"),
                FieldPanel("citation"),
                FieldPanel("source"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        *ClassifiedPage.classification_panels,
        FieldPanel("body"),
        *RELATED_CONTENT_PANELS,
    ]
    parent_page_types = ["library.ResourceIndexPage"]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    @property
    def display_date(self) -> date | None:
        return date(self.year, 1, 1) if self.year else None

    @property
    def display_date_precision(self) -> str:
        return DatePrecision.YEAR

    @property
    def card_details(self) -> list[str]:
        return [str(d) for d in (self.get_resource_type_display(), self.publisher) if d]

    @property
    def citation_line(self) -> str:
        return self.citation or citation_line(self)

    @property
    def document_text(self) -> str:
        if self.document_id is None:
            return ""
        from .extraction import stored_text

        return stored_text(self.document_id)

    @property
    def bibliographic_source(self):
        """The Source for this resource; a translation shares its original's."""
        if self.source_id is not None or self.locale_id == Locale.get_default().pk:
            return self.source
        original = (
            ResourcePage.objects.filter(
                translation_key=self.translation_key, locale=Locale.get_default()
            )
            .select_related("source")
            .first()
        )
        return original.source if original else None

    def extra_search_text(self) -> list[str]:
        return [self.publisher, self.citation_line, self.document_text]

    def save(self, *args, **kwargs):
        # Only full saves (creation, publishing) carry the bibliographic fields; saving a draft
        # revision updates bookkeeping columns only.
        if kwargs.get("update_fields") is None:
            with transaction.atomic():
                sync_source(self)
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def get_structured_data(self, request) -> dict | None:
        data = {
            "@type": "Legislation" if self.resource_type == ResourceType.LAW else "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "inLanguage": [language.code for language in self.languages.all()],
        }
        if self.publisher:
            data["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.year:
            data["datePublished"] = str(self.year)
        if self.link_url:
            data["sameAs"] = self.link_url
        return data


class ResourceIndexPage(SectionIndexPage):
    item_model = ResourcePage
    listing = Listing(
        filters=[
            FieldChoiceFilter("type", _("Type"), "resource_type", ResourceType.choices),
            CountryFilter(),
            TopicFilter(),
            YearFilter("year", is_date=False),
            RelatedCodeFilter("language", _("Language"), "languages", Language),
        ],
        sort_options=[
            SortOption("date", _("Newest first"), ResourcePage.date_ordering),
            SortOption("title", _("Title (A to Z)"), ("title",)),
        ],
    )
    subpage_types = ["library.ResourcePage"]

    class Meta:
        verbose_name = _("resources library")


class DocumentText(models.Model):
    """The text of an uploaded document, extracted in the background for search."""

    class Status(models.TextChoices):
        EXTRACTED = "extracted", _("Extracted")
        NOT_PDF = "not-pdf", _("Not a PDF")
        FAILED = "failed", _("Could not be read")

    document = models.OneToOneField(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="extracted_text",
    )
    file_hash = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    text = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"
