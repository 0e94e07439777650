"""Figures by year, each with its citation. A figure that was not reported has no row:
missing is missing, never zero."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .cited import CitedRecord


class Indicator(models.TextChoices):
    TIER = "tier", _("Tier placement")
    INVESTIGATIONS = "investigations", _("Investigations")
    ARRESTS = "arrests", _("Arrests")
    PROSECUTIONS = "prosecutions", _("Prosecutions")
    CONVICTIONS = "convictions", _("Convictions")
    AVERAGE_SENTENCE = "average-sentence-years", _("Average prison sentence (years)")
    VICTIMS_IDENTIFIED = "victims-identified", _("Victims identified")
    VICTIMS_ASSISTED = "victims-assisted", _("Victims assisted")
    UNDOCUMENTED_ABROAD = "undocumented-abroad", _("Undocumented nationals working abroad")


LAW_ENFORCEMENT = [
    Indicator.INVESTIGATIONS,
    Indicator.ARRESTS,
    Indicator.PROSECUTIONS,
    Indicator.CONVICTIONS,
]
VICTIMS = [Indicator.VICTIMS_IDENTIFIED, Indicator.VICTIMS_ASSISTED]
WHOLE_NUMBERS = {*LAW_ENFORCEMENT, *VICTIMS, Indicator.UNDOCUMENTED_ABROAD}


class Tier(models.TextChoices):
    """Placements in the US Department of State's Trafficking in Persons report."""

    TIER_1 = "tier-1", _("Tier 1")
    TIER_2 = "tier-2", _("Tier 2")
    WATCH_LIST = "tier-2-watch-list", _("Tier 2 Watch List")
    TIER_3 = "tier-3", _("Tier 3")
    SPECIAL_CASE = "special-case", _("Special case")


# Top to bottom on the tier history chart.
TIER_ORDER = [Tier.TIER_1, Tier.TIER_2, Tier.WATCH_LIST, Tier.TIER_3, Tier.SPECIAL_CASE]


class Qualifier(models.TextChoices):
    EXACT = "", _("exactly")
    AT_LEAST = "at-least", _("at least")
    ABOUT = "about", _("about")
    AT_MOST = "at-most", _("at most")


class FigureQuerySet(models.QuerySet):
    def for_display(self) -> "FigureQuerySet":
        return self.select_related("country", "source", "other_country")


class Figure(CitedRecord):
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("country"),
    )
    indicator = models.CharField(_("what"), max_length=40, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_(
            "For a tier placement: the year of the report. For counts: the year they cover."
        ),
    )
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The number as the source gives it. Leave out figures that were not reported."),
    )
    qualifier = models.CharField(
        _("the source says"),
        max_length=10,
        choices=Qualifier.choices,
        blank=True,
        default=Qualifier.EXACT,
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, blank=True)
    assisting_body = models.CharField(
        _("assisted by"),
        max_length=200,
        blank=True,
        help_text=_("For victims assisted: the body that assisted them."),
    )
    other_country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in which country"),
        help_text=_("For nationals working abroad: the country they work in."),
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("What a reader must know to read the figure, e.g. who reported it."),
    )
    objects = FigureQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("indicator"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("qualifier"), FieldPanel("value"), FieldPanel("tier")]),
        FieldRowPanel([FieldPanel("assisting_body"), FieldPanel("other_country")]),
        CitedRecord.citation_panel,
        FieldPanel("note"),
    ]

    cited_by_heading = _("figures")

    class Meta:
        ordering = ["country__name", "indicator", "year", "assisting_body"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        text = f"{self.country}, {self.year}: {self.get_indicator_display()} {self.display_value}"
        if self.assisting_body:
            text += f" ({self.assisting_body})"
        if self.other_country_id:
            text += f" ({self.other_country})"
        return text

    def get_absolute_url(self) -> str | None:
        url = self.country.get_absolute_url()
        return f"{url}#figures" if url else None

    @property
    def is_tier(self) -> bool:
        return self.indicator == Indicator.TIER

    @property
    def number(self) -> int | Decimal | None:
        """The value as a whole number where it is one (for charts and downloads)."""
        if self.value is None:
            return None
        return int(self.value) if self.value == self.value.to_integral_value() else self.value

    @property
    def display_value(self) -> str:
        if self.is_tier:
            return self.get_tier_display()
        if self.value is None:
            return ""
        text = number_format(self.number, force_grouping=True)
        if self.indicator == Indicator.AVERAGE_SENTENCE:
            plural = 1 if self.value == 1 else 2  # 1.5 years is plural too
            text = ngettext("%(n)s year", "%(n)s years", plural) % {"n": text}
        if self.qualifier:
            text = f"{self.get_qualifier_display()} {text}"
        return text

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_tier:
            if not self.tier:
                errors["tier"] = _("A tier placement needs its tier.")
            if self.value is not None:
                errors["value"] = _("A tier placement has no number.")
        else:
            if self.value is None:
                errors["value"] = _(
                    "Enter the number. A figure that was not reported is left out, not zero."
                )
            elif self.value < 0:
                errors["value"] = _("Numbers of people and cases cannot be negative.")
            elif self.indicator in WHOLE_NUMBERS and self.value != self.value.to_integral_value():
                errors["value"] = _("This is a count: enter a whole number.")
            if self.tier:
                errors["tier"] = _("Only tier placements have a tier.")
        if self.assisting_body and self.indicator != Indicator.VICTIMS_ASSISTED:
            errors["assisting_body"] = _("Only victims assisted have an assisting body.")
        if self.other_country_id and self.indicator != Indicator.UNDOCUMENTED_ABROAD:
            errors["other_country"] = _("Only nationals working abroad have a second country.")
        if errors:
            raise ValidationError(errors)
        self._check_duplicate()

    def _check_duplicate(self) -> None:
        if not (self.country_id and self.source_id and self.indicator and self.year):
            return
        duplicates = Figure.objects.filter(
            country_id=self.country_id,
            indicator=self.indicator,
            year=self.year,
            assisting_body=self.assisting_body,
            other_country_id=self.other_country_id,
            source_id=self.source_id,
        ).exclude(pk=self.pk)
        if duplicates.exists():
            raise ValidationError(
                _("This source's figure for this country, year and indicator is already recorded.")
            )
