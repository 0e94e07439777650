"""The organisations directory: who works where, doing what, and how the public reaches them.
Only public contact details are kept, with the date someone last checked them."""

from datetime import date

from django import forms
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from portal.taxonomy.listing import (
    CountryFilter,
    FieldChoiceFilter,
    Listing,
    RelatedCodeFilter,
    SortOption,
)
from portal.taxonomy.models import RELATED_CONTENT_PANELS, Language
from portal.taxonomy.pages import ClassifiedPage, SectionIndexPage


class OrganizationType(models.TextChoices):
    NGO = "ngo", _("Non-governmental organisation")
    GOVERNMENT = "government", _("Government agency")
    INTERNATIONAL = "international", _("International organisation")
    UN_AGENCY = "un", _("UN agency")
    MASS_ORGANIZATION = "mass", _("Mass organisation")
    SHELTER = "shelter", _("Shelter")
    HOTLINE = "hotline", _("Hotline")
    LEGAL_AID = "legal-aid", _("Legal aid")
    RESEARCH = "research", _("Research institute")


class ServiceKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal-aid", _("Legal aid")
    MEDICAL = "medical", _("Medical care")
    COUNSELLING = "counselling", _("Counselling")
    REPATRIATION = "repatriation", _("Repatriation and reintegration")
    HOTLINE = "hotline", _("Hotline")
    TRAINING = "training", _("Training")
    RESEARCH = "research", _("Research")
    AWARENESS = "awareness", _("Awareness raising")


class Service(models.Model):
    """A service an organisation offers. The rows are the fixed list in ServiceKind (created by a
    migration); their names are translated with the interface."""

    code = models.CharField(_("code"), max_length=20, unique=True, choices=ServiceKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return str(self.get_code_display())


class OrganizationPage(ClassifiedPage):
    organization_type = models.CharField(_("type"), max_length=20, choices=OrganizationType.choices)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    areas_served = models.CharField(
        _("provinces or areas served"),
        max_length=500,
        blank=True,
        help_text=_("Within the countries above, e.g. “Savannakhet and Champasak provinces”."),
    )
    services = ParentalManyToManyField(
        Service, blank=True, related_name="+", verbose_name=_("services")
    )
    languages = ParentalManyToManyField(
        "taxonomy.Language",
        blank=True,
        related_name="+",
        verbose_name=_("languages"),
        help_text=_("Languages in which the organisation can be contacted."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    phone = models.CharField(_("public phone"), max_length=60, blank=True)
    hotline_number = models.CharField(
        _("hotline number"),
        max_length=60,
        blank=True,
        help_text=_("A number people in danger can call, as the organisation publishes it."),
    )
    email = models.EmailField(_("public email"), blank=True)
    address = models.TextField(_("public address"), blank=True, max_length=500)
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked these details with the organisation or its site."),
    )

    date_ordering = (F("last_verified").desc(nulls_last=True), "title")
    group_order = 20
    card_template = "organizations/includes/organization_card.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("acronym"),
        FieldPanel("organization_type"),
        FieldPanel("summary", heading=_("Role and work")),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        *ClassifiedPage.classification_panels,
        FieldPanel("areas_served"),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("phone"),
                FieldPanel("hotline_number"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("last_verified"),
            ],
            heading=_("Public contact (never a person's private details)"),
        ),
        FieldPanel("body"),
        *RELATED_CONTENT_PANELS,
    ]
    parent_page_types = ["organizations.OrganizationIndexPage"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def display_date(self) -> date | None:
        return None  # an organisation is not dated content; last_verified is shown on its own

    @property
    def card_details(self) -> list[str]:
        return [str(self.get_organization_type_display())]

    @property
    def offers_hotline(self) -> bool:
        return (
            bool(self.hotline_number)
            or self.organization_type == OrganizationType.HOTLINE
            or any(s.code == ServiceKind.HOTLINE for s in self.services.all())
        )

    @property
    def has_contact(self) -> bool:
        return any((self.website, self.phone, self.hotline_number, self.email, self.address))

    def extra_search_text(self) -> list[str]:
        return [self.acronym, self.areas_served, self.get_organization_type_display()]

    def get_structured_data(self, request) -> dict | None:
        schema_type = {
            OrganizationType.NGO: "NGO",
            OrganizationType.GOVERNMENT: "GovernmentOrganization",
        }.get(self.organization_type, "Organization")
        data = {
            "@type": schema_type,
            "name": self.title,
            "description": self.summary,
            "url": self.get_full_url(request),
            "areaServed": [
                {"@type": "Country", "name": c.name, "identifier": c.iso2}
                for c in self.countries.all()
            ],
        }
        optional = {
            "alternateName": self.acronym,
            "sameAs": self.website,
            "telephone": self.phone or self.hotline_number,
            "email": self.email,
            "address": self.address,
        }
        data.update({key: value for key, value in optional.items() if value})
        languages = [language.code for language in self.languages.all()]
        if languages:
            data["knowsLanguage"] = languages
        return data


class OrganizationIndexPage(SectionIndexPage):
    item_model = OrganizationPage
    listing = Listing(
        filters=[
            FieldChoiceFilter("type", _("Type"), "organization_type", OrganizationType.choices),
            CountryFilter(),
            RelatedCodeFilter("service", _("Service"), "services", Service),
            RelatedCodeFilter("language", _("Language"), "languages", Language),
        ],
        sort_options=[
            SortOption("title", _("Name (A to Z)"), ("title",)),
            SortOption("date", _("Most recently verified"), OrganizationPage.date_ordering),
        ],
    )
    subpage_types = ["organizations.OrganizationPage"]

    class Meta:
        verbose_name = _("organisations directory")

    def get_items(self) -> QuerySet:
        # Each card names the organisation's countries: fetched for the whole page at once.
        return super().get_items().prefetch_related("countries")


def hotlines_first(organizations: QuerySet) -> QuerySet:
    """Organisations a person in danger can call come first, then by name."""
    offers_hotline = Exists(
        OrganizationPage.services.through.objects.filter(
            organizationpage_id=OuterRef("pk"), service__code=ServiceKind.HOTLINE
        )
    )
    return organizations.annotate(
        hotline_rank=Case(
            When(
                Q(hotline_number__gt="")
                | Q(organization_type=OrganizationType.HOTLINE)
                | Q(offers_hotline),
                then=Value(0),
            ),
            default=Value(1),
        )
    ).order_by("hotline_rank", "title")
