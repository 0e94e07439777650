"""RSS 2.0 and Atom feeds of updates: all of them, per country and per topic, in the reader's
language. Plain Django syndication: it writes the self link, escapes, and dates correctly."""

import uuid
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from portal.core.conf import core_settings
from portal.countries.models import Country
from portal.languages import editions
from portal.taxonomy.listing import in_language_of
from portal.taxonomy.models import Topic, localized_topics
from portal.taxonomy.tagged import section_index_for
from portal.taxonomy.views import topic_condition, topic_for_slug

from .models import UpdatePage

FEED_SIZE = 30


@dataclass
class FeedScope:
    """What one request's feed covers (the Feed instance itself is shared between requests)."""

    request: HttpRequest
    country: Country | None = None
    topic: Topic | None = None

    @property
    def listing_query(self) -> str:
        if self.country:
            return f"?country={self.country.slug}"
        if self.topic:
            return f"?topic={self.topic.slug}"
        return ""


class UpdatesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedScope:
        return FeedScope(request)

    def title(self, scope: FeedScope) -> str:
        name = str(core_settings().display_name)
        if scope.country:
            return _("%(portal)s: updates about %(country)s") % {
                "portal": name,
                "country": scope.country.name,
            }
        if scope.topic:
            return _("%(portal)s: updates on %(topic)s") % {
                "portal": name,
                "topic": scope.topic.name,
            }
        return _("%(portal)s: updates") % {"portal": name}

    def description(self, scope: FeedScope) -> str:
        return _("News about human trafficking and the work against it, with their sources.")

    def link(self, scope: FeedScope) -> str:
        index = section_index_for(UpdatePage, Locale.get_active())
        if index is None:
            return "/"
        # The reader's edition: the Lao feed leads to /lo/updates/ even before that page is
        # translated (the original shown under /lo/, with its notice).
        url = editions.reader_url(index, get_language(), scope.request)
        return (url or index.get_url(scope.request)) + scope.listing_query

    def author_name(self) -> str:
        return str(core_settings().display_name)

    def feed_copyright(self) -> str:
        return ""

    def items(self, scope: FeedScope):
        items = in_language_of(UpdatePage.objects.live().public(), Locale.get_active())
        if scope.country:
            items = items.filter(countries=scope.country)
        if scope.topic:
            items = items.filter(topic_condition(scope.topic)).distinct()
        return (
            items.select_related("locale")
            .prefetch_related("topics")
            .order_by(*UpdatePage.date_ordering)[:FEED_SIZE]
        )

    def item_title(self, item: UpdatePage) -> str:
        return item.title

    def item_description(self, item: UpdatePage) -> str:
        # Readers treat RSS descriptions and Atom summaries (type="html") as HTML: the plain-text
        # summary is escaped so that "<" or "&" in it is shown, never interpreted.
        return escape(item.summary)

    def item_link(self, item: UpdatePage) -> str:
        return editions.reader_url(item, get_language()) or item.get_url()

    def item_guid(self, item: UpdatePage) -> str:
        # Stable even if the page is renamed or moved; one per language edition.
        return uuid.uuid5(item.translation_key, item.locale.language_code).urn

    def item_pubdate(self, item: UpdatePage):
        return item.published_datetime

    def item_updateddate(self, item: UpdatePage):
        return max(filter(None, [item.last_published_at, item.published_datetime]))

    def item_categories(self, item: UpdatePage) -> list[str]:
        return [topic.name for topic in localized_topics(item.topics.all())]


class UpdatesAtomFeed(UpdatesRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope: FeedScope) -> str:
        return self.description(scope)


class CountryFeedMixin:
    def get_object(self, request: HttpRequest, code: str) -> FeedScope:
        country = Country.objects.filter(iso2=code.upper()).first()
        if country is None or code != code.lower():
            raise Http404
        return FeedScope(request, country=country)


class TopicFeedMixin:
    def get_object(self, request: HttpRequest, slug: str) -> FeedScope:
        topic = topic_for_slug(slug)
        if topic is None:
            raise Http404
        return FeedScope(request, topic=topic)


class CountryRssFeed(CountryFeedMixin, UpdatesRssFeed):
    pass


class CountryAtomFeed(CountryFeedMixin, UpdatesAtomFeed):
    pass


class TopicRssFeed(TopicFeedMixin, UpdatesRssFeed):
    pass


class TopicAtomFeed(TopicFeedMixin, UpdatesAtomFeed):
    pass
