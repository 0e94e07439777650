"""The two kinds of post: what an organisation needs, and what someone can give."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import OfferedBy, PostKind, Urgency
from ..validators import no_personal_data
from .posts import Post, PostQuerySet


class Need(Post):
    """What an organisation needs, where, how much and by when."""

    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    province = models.CharField(
        _("province or region"),
        max_length=100,
        blank=True,
        validators=[no_personal_data],
        help_text=_("As people there name it, e.g. Savannakhet."),
    )
    quantity = models.CharField(
        _("quantity or scale"),
        max_length=200,
        blank=True,
        validators=[no_personal_data],
        help_text=_("E.g. “two interpreters, three days a month” or “USD 5,000”."),
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE
    )

    objects = PostQuerySet.as_manager()

    KIND = PostKind.NEED
    POSTER_FIELDS = (
        "title",
        "category",
        "description",
        "country",
        "province",
        "quantity",
        "urgency",
        "remote",
        "starts_on",
        "until",
    )

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    @property
    def place(self) -> str:
        parts = [self.country.name]
        if self.province:
            parts.insert(0, self.province)
        return ", ".join(parts)


class Offer(Post):
    """What a donor, volunteer, company or organisation can give, where and when."""

    offered_by = models.CharField(_("offered by"), max_length=20, choices=OfferedBy.choices)
    countries = models.ManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    conditions = models.TextField(
        _("conditions"),
        max_length=1000,
        blank=True,
        validators=[no_personal_data],
        help_text=_("Anything the other side should know: costs covered, languages, limits."),
    )

    objects = PostQuerySet.as_manager()

    KIND = PostKind.OFFER
    POSTER_FIELDS = (
        "title",
        "category",
        "offered_by",
        "description",
        "countries",
        "remote",
        "starts_on",
        "until",
        "conditions",
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    @property
    def place(self) -> str:
        names = [country.name for country in self.countries.all()]
        if self.remote:
            names.append(str(_("remotely")))
        return ", ".join(names)
