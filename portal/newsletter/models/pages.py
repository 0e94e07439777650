from django.db import models
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import StandardStreamBlock
from portal.search.mixins import SegmentedSearchMixin
from portal.search.text import plain_text

from .editions import Edition

ARCHIVE_PER_PAGE = 24


class NewsletterPage(RoutablePageMixin, SegmentedSearchMixin, Page):
    """/newsletter/: what the newsletter is, the sign-up form, and the archive of sent editions
    (/newsletter/archive/, /newsletter/archive/<number>/)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter page")

    @classmethod
    def for_reader(cls, language: str) -> "NewsletterPage | None":
        """The live newsletter page in `language`, or in the default language."""
        from django.conf import settings

        pages = cls.objects.live().public()
        return (
            pages.filter(locale__language_code=language).first()
            or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )

    @property
    def display_date(self) -> None:
        return None

    def get_search_text(self) -> str:
        return plain_text(self.intro, self.body)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from portal.newsletter.forms import SignupForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", SignupForm(initial={"language": get_language()}))
        context["latest_editions"] = published_editions()[:3]
        return context

    @path("archive/", name="archive")
    def archive(self, request: HttpRequest):
        from django.core.paginator import Paginator

        paginator = Paginator(published_editions(), ARCHIVE_PER_PAGE)
        editions = paginator.get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "newsletter/archive.html",
            {**self.get_context(request), "editions": editions},
        )

    @path("archive/<id:number>/", name="edition")
    def edition(self, request: HttpRequest, number: int):
        from portal.newsletter.rendering import web_context

        edition = published_editions().filter(number=number).first()
        if edition is None:
            raise Http404
        return TemplateResponse(
            request,
            "newsletter/edition_web.html",
            {
                **self.get_context(request),
                **web_context(edition, get_language()),
            },
        )


def published_editions():
    """Editions readers may see on the web: from the moment sending starts, since every email
    links to its web version."""
    return Edition.objects.exclude(status=Edition.Status.DRAFT).prefetch_related("translations")
