from django.db import models
from django.utils.translation import gettext_lazy as _

from ..names import localized_country_name


class Region(models.TextChoices):
    """The regions of the US Department of State's Trafficking in Persons reports, which most
    sources on the portal follow."""

    AFRICA = "africa", _("Africa")
    EAST_ASIA_PACIFIC = "east-asia-pacific", _("East Asia and Pacific")
    EUROPE = "europe", _("Europe")
    NEAR_EAST = "near-east", _("Near East")
    SOUTH_CENTRAL_ASIA = "south-central-asia", _("South and Central Asia")
    WESTERN_HEMISPHERE = "western-hemisphere", _("Western Hemisphere")


class Role(models.TextChoices):
    """What part a country plays in trafficking, as its sources describe it."""

    SOURCE = "source", _("Source")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")
    INTERNAL = "internal", _("Internal trafficking")


# The boolean field that records each role.
ROLE_FIELDS = {
    Role.SOURCE: "is_source",
    Role.TRANSIT: "is_transit",
    Role.DESTINATION: "is_destination",
    Role.INTERNAL: "has_internal_trafficking",
}


class CountryQuerySet(models.QuerySet):
    def in_region(self, region: str) -> "CountryQuerySet":
        return self.filter(region=region)

    def with_role(self, role: str) -> "CountryQuerySet":
        return self.filter(**{ROLE_FIELDS[Role(role)]: True})


class Country(models.Model):
    """A country, identified by its ISO 3166-1 codes. Other content is tagged with countries;
    a country may or may not have a profile page."""

    iso2 = models.CharField(
        _("ISO 3166-1 alpha-2 code"),
        max_length=2,
        unique=True,
        help_text=_("Two capital letters, e.g. LA. The country's stable identifier."),
    )
    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO 3166-1 numeric code"), max_length=3, unique=True)
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("The name the portal uses, e.g. “Lao PDR” rather than the ISO long form."),
    )
    other_names = models.TextField(
        _("also known as"),
        blank=True,
        help_text=_(
            "Other names, one per line (e.g. Burma for Myanmar). Shown on the country's page "
            "and recognised when importing old pages."
        ),
    )
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)

    is_source = models.BooleanField(_("source country"), default=False)
    is_transit = models.BooleanField(_("transit country"), default=False)
    is_destination = models.BooleanField(_("destination country"), default=False)
    has_internal_trafficking = models.BooleanField(_("internal trafficking"), default=False)
    forms = models.ManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "form"},
        verbose_name=_("forms of exploitation"),
    )
    sectors = models.ManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "sector"},
        verbose_name=_("sectors"),
    )
    classification_sources = models.ManyToManyField(
        "sources.Source",
        blank=True,
        related_name="countries_described",
        verbose_name=_("sources of roles, forms and sectors"),
        help_text=_("The sources that describe this country's roles, forms and sectors."),
    )

    objects = CountryQuerySet.as_manager()

    cited_by_heading = _("country descriptions (roles, forms of exploitation, sectors)")

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str | None:
        """The country's page: its live profile, or else the basic page the index serves."""
        from .pages import country_page_url

        return country_page_url(self)

    @property
    def slug(self) -> str:
        """URL segment: the lower-case alpha-2 code (/countries/la/)."""
        return self.iso2.lower()

    @property
    def everything_url(self) -> str:
        """Everything about the country (/countries/la/everything/): the address the
        classification lists of every page link to (taxonomy's templates read this)."""
        from django.urls import reverse

        return reverse("everything:country", args=[self.slug])

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the portal's own name in English, the ISO 3166
        name's translation (from pycountry's catalogues) in Lao and Thai when there is one."""
        return localized_country_name(self.iso2, self.name)

    @property
    def cited_by_label(self) -> str:
        return self.name

    def alternative_names(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    def roles(self) -> list[Role]:
        return [role for role, field in ROLE_FIELDS.items() if getattr(self, field)]
