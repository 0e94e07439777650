"""The desk's public pages: the Inquiry Corner (explanation and form), Contact Us, and the
"Questions answered" list of anonymised Q&A published through the normal editorial workflow."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BODY_FEATURES, StandardStreamBlock
from portal.search.mixins import SegmentedSearchMixin
from portal.taxonomy.models import RELATED_CONTENT_PANELS, ClassifiedMixin

from ..conf import inquiry_settings
from .inquiry import Queue


def stream_text(stream) -> str:
    """Plain text of a StreamField, for search."""
    parts: list[str] = []
    for block in stream:
        parts.extend(str(s) for s in block.block.get_searchable_content(block.value))
    return strip_tags(" ".join(parts))


class DeskFormPage(RoutablePageMixin, SegmentedSearchMixin, Page):
    """A page that explains and serves one of the desk's public forms (see views.py)."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(StandardStreamBlock(), blank=True, verbose_name=_("body"))

    queue = Queue.RESEARCH  # which queue the form feeds
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    class Meta:
        abstract = True

    def get_search_text(self) -> str:
        return f"{self.intro} {stream_text(self.body)}"

    @property
    def display_date(self) -> None:
        return None  # a standing page, not dated

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["target_days"] = inquiry_settings().target_working_days
        return context

    @path("")
    def form_route(self, request: HttpRequest) -> HttpResponse:
        from portal.inquiries.views import form_view

        return form_view(self, request)

    @path("thank-you/")
    def thanks_route(self, request: HttpRequest) -> HttpResponse:
        from portal.inquiries.views import thanks_view

        return thanks_view(self, request)


class InquiryCornerPage(DeskFormPage):
    """/inquiry-corner/: what the desk can help with, how long answers take, and the form."""

    queue = Queue.RESEARCH
    parent_page_types = ["home.HomePage"]
    subpage_types = ["inquiries.AnsweredQuestionIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Inquiry Corner page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["questions_index"] = self.answered_questions_index()
        context["latest_questions"] = self.latest_answered_questions()
        return context

    def answered_questions_index(self) -> "AnsweredQuestionIndexPage | None":
        return AnsweredQuestionIndexPage.objects.child_of(self).live().public().first()

    def latest_answered_questions(self, count: int = 5):
        index_page = self.answered_questions_index()
        if index_page is None:
            return AnsweredQuestionPage.objects.none()
        return index_page.questions()[:count]


class ContactPage(DeskFormPage):
    """Contact Us: a short form whose messages go to the desk's general queue."""

    queue = Queue.GENERAL
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


class AnsweredQuestionIndexPage(SegmentedSearchMixin, Page):
    """The public "Questions answered" list."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]
    parent_page_types = ["inquiries.InquiryCornerPage"]
    subpage_types = ["inquiries.AnsweredQuestionPage"]
    max_count_per_parent = 1
    per_page = 20

    class Meta:
        verbose_name = _("questions answered index")

    def get_search_text(self) -> str:
        return self.intro

    @property
    def display_date(self) -> None:
        return None

    def questions(self):
        return (
            AnsweredQuestionPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-answered_on", "-first_published_at")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.questions(), self.per_page)
        context["questions"] = paginator.get_page(request.GET.get("page"))
        return context


class AnsweredQuestionPage(ClassifiedMixin, SegmentedSearchMixin, Page):
    """A question the desk answered, rewritten by staff without the requester's identity."""

    question = models.TextField(
        _("question"),
        help_text=_("As asked, with names, organisations and contact details removed."),
    )
    answer = RichTextField(_("answer"), features=BODY_FEATURES)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("answered_on"),
        *ClassifiedMixin.classification_panels,
        *RELATED_CONTENT_PANELS,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]
    parent_page_types = ["inquiries.AnsweredQuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("answered question")
        verbose_name_plural = _("answered questions")

    def get_search_text(self) -> str:
        return f"{self.question} {strip_tags(self.answer)}"

    @property
    def display_date(self):
        return self.answered_on or (self.first_published_at and self.first_published_at.date())
