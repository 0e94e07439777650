"""The campaign page: explains the campaign, shows its counts, and serves the board, each post,
and the forms to post, edit and answer, all under /needs-and-resources/."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import StandardStreamBlock
from portal.core.converters import ID_PATTERN
from portal.search.mixins import SegmentedSearchMixin

POST_SEGMENTS = r"(?P<segment>needs|offers)"


class NeedsBoardPage(RoutablePageMixin, SegmentedSearchMixin, Page):
    """Linking Needs with Resources: the public board of needs and offers."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("One or two sentences shown under the title and in search results."),
    )
    body = StreamField(
        StandardStreamBlock(),
        blank=True,
        verbose_name=_("about the campaign"),
        help_text=_("How the campaign works, shown under the counts."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        *SegmentedSearchMixin.segmented_search_fields,
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("needs and resources board")

    @property
    def display_date(self) -> None:
        return None  # a standing page, not dated content

    def get_search_text(self) -> str:
        from django.utils.html import strip_tags

        return " ".join([self.intro, strip_tags(str(self.body))])

    @classmethod
    def for_language(cls, language: str | None = None) -> "NeedsBoardPage | None":
        """The live board in the given (or active) language, else in the default one."""
        pages = cls.objects.live().public()
        for code in (language or get_language(), settings.LANGUAGE_CODE):
            page = pages.filter(locale__language_code=code).first()
            if page is not None:
                return page
        return pages.first()

    def url_for(self, name: str, *args) -> str:
        """Site-relative URL of one of this page's routes."""
        return self.url + self.reverse_subpage(name, args=args).lstrip("/")

    def url_for_post(self, post, action: str = "post") -> str:
        return self.url_for(action, post.url_segment, post.pk)

    def get_sitemap_urls(self, request=None) -> list[dict]:
        from .posts import Post

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for post in Post.objects.on_board().only("pk", "kind", "updated_at"):
            urls.append(
                {
                    "location": base
                    + self.reverse_subpage("post", args=(post.url_segment, post.pk)).lstrip("/"),
                    "lastmod": post.updated_at,
                }
            )
        return urls

    # Routes: the views live in portal.needs.views.

    @path("", name="board")
    def board(self, request):
        from ..views.board import board

        return board(request, self)

    @re_path(rf"^{POST_SEGMENTS}/(?P<pk>{ID_PATTERN})/$", name="post")
    def post_detail(self, request, segment: str, pk: str):
        from ..views.board import post_detail

        return post_detail(request, self, segment, int(pk))

    @re_path(rf"^{POST_SEGMENTS}/new/$", name="new")
    def new_post(self, request, segment: str):
        from ..views.posting import create_post

        return create_post(request, self, segment)

    @re_path(rf"^{POST_SEGMENTS}/(?P<pk>{ID_PATTERN})/edit/$", name="edit")
    def edit_post(self, request, segment: str, pk: str):
        from ..views.posting import edit_post

        return edit_post(request, self, segment, int(pk))

    @re_path(rf"^{POST_SEGMENTS}/(?P<pk>{ID_PATTERN})/status/$", name="status")
    def change_status(self, request, segment: str, pk: str):
        from ..views.posting import change_status

        return change_status(request, self, segment, int(pk))

    @re_path(rf"^{POST_SEGMENTS}/(?P<pk>{ID_PATTERN})/interest/$", name="interest")
    def express_interest(self, request, segment: str, pk: str):
        from ..views.connections import express_interest

        return express_interest(request, self, segment, int(pk))

    @path("connections/<id:pk>/", name="connection")
    def connection(self, request, pk: int):
        from ..views.connections import connection

        return connection(request, self, pk)

    @path("feed/", name="feed")
    def feed(self, request):
        from ..feeds import BoardFeed

        return BoardFeed(self)(request)

    @path("my-posts/", name="my_posts")
    def my_posts(self, request):
        from ..views.posting import my_posts

        return my_posts(request, self)
