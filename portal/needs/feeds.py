"""An Atom feed of the board, with the same filters as the board itself, so that a donor can
follow new needs in one country or an NGO new offers in one category."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .forms import BoardFilterForm

FEED_SIZE = 50


class BoardFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, page) -> None:
        super().__init__()
        self.page = page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return BoardFilterForm(request.GET).filters()

    def title(self, filters: dict) -> str:
        return _("%(board)s: new needs and offers") % {"board": self.page.title}

    def link(self, filters: dict) -> str:
        return self.page.url

    def subtitle(self, filters: dict) -> str:
        return self.page.intro

    def items(self, filters: dict):
        from .views.board import filtered_posts

        return filtered_posts(filters)[:FEED_SIZE]

    def item_title(self, post) -> str:
        kind = _("Need") if post.is_need else _("Offer")
        return f"{kind}: {post.title}"

    def item_description(self, post) -> str:
        specific = post.specific
        return f"{post.get_category_display()} · {specific.place} · {post.description}"

    def item_link(self, post) -> str:
        return self.page.url_for_post(post)

    def item_pubdate(self, post):
        return post.first_published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post) -> str:
        return post.poster()
