"""The shared vocabulary (topics, with countries from the countries app) and curated related
content, used by every content type."""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, TranslatableMixin

from portal.core.linkcheck import LinkCheckedMixin, LinkCheckPanel


class TopicKind(models.TextChoices):
    FORM_OF_EXPLOITATION = "form", _("Form of exploitation")
    SECTOR = "sector", _("Sector")
    VICTIM_GROUP = "group", _("Victim group")
    THEME = "theme", _("Theme")


class Topic(TranslatableMixin, models.Model):
    """A term of the shared vocabulary: a form of exploitation (forced labour), a sector
    (fishing), a group (children) or a theme (prosecution, repatriation)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=10, choices=TopicKind.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["kind", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self) -> str:
        return self.name


def localized_topics(topics: Iterable[Topic]) -> list[Topic]:
    """The topics in the reader's language where they are translated (one query): an English
    page's topics read "ການປະມົງ" on its Lao edition and keep linking by the same slug."""
    topics = list(topics)
    locale = Locale.get_active()
    keys = [topic.translation_key for topic in topics if topic.locale_id != locale.pk]
    if not keys:
        return topics
    translated = {
        topic.translation_key: topic
        for topic in Topic.objects.filter(translation_key__in=keys, locale=locale)
    }
    return [translated.get(topic.translation_key, topic) for topic in topics]


class ClassifiedMixin(models.Model):
    """Countries and topics for a page type; the base of filters, facets and related content."""

    countries = ParentalManyToManyField(
        "countries.Country", blank=True, related_name="+", verbose_name=_("countries")
    )
    topics = ParentalManyToManyField(
        "taxonomy.Topic", blank=True, related_name="+", verbose_name=_("topics")
    )

    classification_panels = [
        MultiFieldPanel(
            [FieldPanel("countries"), FieldPanel("topics")], heading=_("Countries and topics")
        )
    ]

    class Meta:
        abstract = True


class RelatedPage(Orderable):
    """A curated "related page on this site" for any page."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")


class RelatedLink(LinkCheckedMixin, Orderable):
    """A curated "related external link" for any page."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=1000)
    description = models.TextField(_("description"), blank=True, max_length=500)
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        help_text=_("Language code of the linked page, e.g. en, lo, th."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("language"),
        LinkCheckPanel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related external link")


RELATED_CONTENT_PANELS = [
    InlinePanel("related_pages", label=_("Related pages on this site")),
    InlinePanel("related_links", label=_("Related external links")),
]


class Language(models.Model):
    """A language a resource is written in or an organisation works in (ISO 639 code)."""

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("ISO 639-1 code where there is one (en, lo, th), else ISO 639-3 (hmn, kjg)."),
    )
    name = models.CharField(_("name"), max_length=100)
    native_name = models.CharField(_("name in the language itself"), max_length=100, blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("native_name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        if self.native_name and self.native_name != self.name:
            return f"{self.name} ({self.native_name})"
        return self.name
