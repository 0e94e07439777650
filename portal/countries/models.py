from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The regions of the US Department of State's Trafficking in Persons reports, which most
    sources on the portal follow."""

    AFRICA = "africa", _("Africa")
    EAST_ASIA_PACIFIC = "east-asia-pacific", _("East Asia and Pacific")
    EUROPE = "europe", _("Europe")
    NEAR_EAST = "near-east", _("Near East")
    SOUTH_CENTRAL_ASIA = "south-central-asia", _("South and Central Asia")
    WESTERN_HEMISPHERE = "western-hemisphere", _("Western Hemisphere")


class CountryQuerySet(models.QuerySet):
    def in_region(self, region: str) -> "CountryQuerySet":
        return self.filter(region=region)


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
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """URL segment: the lower-case alpha-2 code (/countries/la/)."""
        return self.iso2.lower()
