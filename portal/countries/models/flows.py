"""Trafficking flows: from an origin country to a destination, possibly through transit
countries, recorded only as far as the cited source says."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from .cited import CitedRecord


class FlowQuerySet(models.QuerySet):
    def touching(self, country) -> "FlowQuerySet":
        """Flows out of, into or through a country."""
        return self.filter(
            Q(origin=country) | Q(destination=country) | Q(transits__country=country)
        ).distinct()

    def touching_any(self, countries) -> "FlowQuerySet":
        return self.filter(
            Q(origin__in=countries)
            | Q(destination__in=countries)
            | Q(transits__country__in=countries)
        ).distinct()

    def for_display(self) -> "FlowQuerySet":
        return self.select_related("origin", "destination", "source").prefetch_related(
            "forms",
            "sectors",
            # The transit countries with their rows (one query, not two).
            models.Prefetch("transits", queryset=FlowTransit.objects.select_related("country")),
        )


class Flow(ClusterableModel, CitedRecord):
    origin = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="flows_out",
        verbose_name=_("from (origin)"),
    )
    destination = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flows_in",
        verbose_name=_("to (destination)"),
        help_text=_("Leave empty when the source does not say where victims are taken."),
    )
    forms = ParentalManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "form"},
        verbose_name=_("forms of exploitation"),
        help_text=_("Leave empty when the source does not say."),
    )
    sectors = ParentalManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "sector"},
        verbose_name=_("sectors"),
    )
    men = models.BooleanField(_("men"), default=False)
    women = models.BooleanField(_("women"), default=False)
    children = models.BooleanField(_("children"), default=False)
    description = models.TextField(
        _("what the source says"),
        blank=True,
        max_length=1000,
        help_text=_("In a sentence of your own, with any detail the fields cannot hold."),
    )
    objects = FlowQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("origin"), FieldPanel("destination")]),
        InlinePanel("transits", label=_("Through (transit countries, in order)")),
        FieldPanel("forms"),
        FieldPanel("sectors"),
        FieldRowPanel(
            [FieldPanel("men"), FieldPanel("women"), FieldPanel("children")],
            heading=_("Who"),
        ),
        FieldPanel("description"),
        CitedRecord.citation_panel,
    ]

    cited_by_heading = _("trafficking flows")

    class Meta:
        ordering = ["origin__name", "destination__name", "pk"]
        verbose_name = _("trafficking flow")
        verbose_name_plural = _("trafficking flows")

    def __str__(self) -> str:
        return " → ".join(c.name if c else str(_("destination not stated")) for c in self.route)

    def get_absolute_url(self) -> str | None:
        url = self.origin.get_absolute_url()
        return f"{url}#flows" if url else None

    @property
    def transit_countries(self) -> list:
        return [t.country for t in self.transits.all()]

    @property
    def route(self) -> list:
        """Origin, transit countries in order, destination (None when not stated)."""
        return [self.origin, *self.transit_countries, self.destination]

    def who(self) -> list[str]:
        return [str(label) for flag, label in self.WHO_LABELS if getattr(self, flag)]

    WHO_LABELS = [("men", _("men")), ("women", _("women")), ("children", _("children"))]

    def clean(self) -> None:
        countries = [c for c in self.route if c is not None]
        if len({c.pk for c in countries}) != len(countries):
            raise ValidationError(
                _(
                    "A country appears twice on this route. Internal trafficking is a role of "
                    "the country, not a flow."
                )
            )


class FlowTransit(Orderable):
    flow = ParentalKey(Flow, on_delete=models.CASCADE, related_name="transits")
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="transit_flows",
        verbose_name=_("transit country"),
    )

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("transit country")
        verbose_name_plural = _("transit countries")
