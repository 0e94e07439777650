import re
import uuid

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from portal.core.linkcheck import LinkCheckedMixin, LinkCheckPanel

SHORT_LABEL_LENGTH = 48


def normalise_title(text: str) -> str:
    """The form in which titles are compared: case, spacing and edge punctuation ignored."""
    return re.sub(r"\s+", " ", text).strip().strip(".,;: ").casefold()


class SourceQuerySet(models.QuerySet):
    def matching_title(self, title: str) -> "Source | None":
        """The source whose title or one of whose alternative titles is `title`."""
        wanted = normalise_title(title)
        if not wanted:
            return None
        for source in self.all():
            if wanted in source.normalised_titles():
                return source
        return None


class Source(index.Indexed, LinkCheckedMixin, models.Model):
    """A bibliography entry: written once, cited from many places (profiles, figures, flows)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        _("address in the portal"),
        max_length=120,
        unique=True,
        editable=False,
        help_text=_("Made from the title when the source is first saved; never changes."),
    )
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(
        _("publisher or author"),
        max_length=300,
        blank=True,
        help_text=_("e.g. US Department of State; World Vision Laos"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)
    archive_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy in a web archive, for when the original address stops working."),
    )
    alternative_titles = models.TextField(
        _("also cited as"),
        blank=True,
        help_text=_(
            "Other titles under which this source is cited, one per line (e.g. as old pages "
            "named it). The legacy importer recognises them."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("author"),
        FieldPanel("year"),
        MultiFieldPanel(
            [
                FieldPanel("url"),
                FieldPanel("accessed_on"),
                FieldPanel("archive_url"),
                LinkCheckPanel(),
            ],
            heading=_("Where to find it"),
        ),
        FieldPanel("alternative_titles"),
        FieldPanel("notes"),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("author"),
        index.AutocompleteField("author"),
        index.SearchField("alternative_titles"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("sources:detail", kwargs={"slug": self.slug})

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:100].strip("-") or f"source-{str(self.uuid)[:8]}"
        slug, counter = base, 2
        while Source.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug = f"{base}-{counter}"
            counter += 1
        return slug

    @property
    def short_label(self) -> str:
        """What an editor sees in the text where the source is cited."""
        label = self.title
        if self.year and str(self.year) not in label:
            label = f"{label}, {self.year}"
        if len(label) > SHORT_LABEL_LENGTH:
            label = label[: SHORT_LABEL_LENGTH - 1].rstrip() + "…"
        return label

    def alternative_title_list(self) -> list[str]:
        return [line.strip() for line in self.alternative_titles.splitlines() if line.strip()]

    def normalised_titles(self) -> set[str]:
        return {normalise_title(t) for t in [self.title, *self.alternative_title_list()]}
