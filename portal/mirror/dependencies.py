"""Which mirrored addresses show a given object: the affected-URL set.

Three sources, together:
- the mirror's own link graph (models.MirrorLink): a page that links to an address shows
  something of what is there (a title, a summary, a menu entry);
- Wagtail's reference index: what refers to an object through a chooser or a rich-text link;
- explicit rules per content type, for what shows an object without linking to it before it
  exists (a new update in its section's listing, its feeds, its countries' and topics' pages,
  the related content of pages that share its countries and topics; settings in every page).

The set may hold addresses that turn out unchanged: the mirror writes only files whose bytes
changed, so a generous set costs rendering time, never a needless write.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model, Q
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, ReferenceIndex

from portal.core.conf import core_settings
from portal.core.models import PortalSettings
from portal.countries.models import Country, Figure, Flow
from portal.countries.models.pages import CountryIndexPage
from portal.sources.models import Source
from portal.taxonomy.models import ClassifiedMixin, Topic
from portal.taxonomy.related import classified_page_models, related_pages

from .addresses import in_every_language, page_urls
from .models import MirroredUrl, MirrorLink

EVERY_FILE = "*"  # in a set: every mirrored address
# Listings and feeds of one country or topic (by slug), outside the page tree.
COUNTRY_LISTINGS = ("everything:country", "updates:country_rss", "updates:country_atom")
TOPIC_LISTINGS = ("taxonomy:topic", "updates:topic_rss", "updates:topic_atom")
SITE_FEEDS = ("updates:rss", "updates:atom", "updates:events_ics")


def linking_to(urls: Iterable[str]) -> set[str]:
    urls = set(urls)
    if not urls:
        return set()
    return set(
        MirrorLink.objects.filter(target__in=urls).values_list("source__url", flat=True).distinct()
    )


def mirrored_for_pages(page_ids: Iterable[int]) -> set[str]:
    """Addresses a page answered, as the mirror recorded them (its routes included)."""
    return set(MirroredUrl.objects.filter(page_id__in=list(page_ids)).values_list("url", flat=True))


def below(prefixes: Iterable[str]) -> set[str]:
    query = Q()
    for prefix in set(prefixes):
        query |= Q(url__startswith=prefix)
    return set(MirroredUrl.objects.filter(query).values_list("url", flat=True)) if query else set()


def translation_ids(page: Page) -> list[int]:
    return list(
        Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    )


def own_urls(page: Page) -> set[str]:
    """Where the page itself is read, in every language, and what the mirror recorded for it
    and its translations (old addresses, a section's own routes)."""
    return page_urls(page) | mirrored_for_pages(translation_ids(page))


# Explicit rules --------------------------------------------------------------------------------


def every_file() -> set[str]:
    return {EVERY_FILE}


def object_urls(obj: Model) -> set[str]:
    """An object's own page (get_absolute_url), in every language."""
    from django.utils import translation

    urls = set()
    if hasattr(obj, "get_absolute_url"):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = obj.get_absolute_url()
            if url and url.startswith("/"):
                urls.add(url.split("#", 1)[0])
    return urls


def referencing(obj: Model) -> set[str]:
    """Pages (and their addresses) that refer to obj through Wagtail's reference index."""
    urls = set()
    for source, _references in ReferenceIndex.get_references_to(obj).group_by_source_object():
        if isinstance(source, Page):
            if source.live:
                urls |= page_urls(source)
        elif source is not None:
            urls |= object_urls(source)
    return urls


def listings(names: Iterable[str], *args) -> set[str]:
    urls = set()
    for name in names:
        urls |= in_every_language(name, *args)
    return urls


def country_listings(country: Country) -> set[str]:
    return listings(COUNTRY_LISTINGS, country.slug) | listings(
        ["everything:region"], country.region
    )


def country_urls(country: Country) -> set[str]:
    """A country's profile or basic page, with its downloads and listings, in every language;
    and the countries section (its map and lists show every country's figures)."""
    urls = object_urls(country)
    prefixes = set()
    for index in CountryIndexPage.objects.live().public():
        for index_url in page_urls(index):
            urls.add(index_url)
            prefixes.add(f"{index_url}{country.slug}/")
            urls.add(f"{index_url}{country.slug}/")
            urls.add(f"{index_url}regions/{country.region}/")
            urls |= {f"{index_url}csv/figures/", f"{index_url}csv/flows/", f"{index_url}json/"}
    return urls | below(prefixes) | country_listings(country) | in_every_language("opendata:index")


def topic_urls(topic: Topic) -> set[str]:
    urls = set()
    for translated in Topic.objects.filter(translation_key=topic.translation_key):
        urls |= listings(TOPIC_LISTINGS, translated.slug)
    urls |= in_every_language("taxonomy:topic_index")
    return urls | linking_to(urls)


def related_content_of(page: Page) -> set[str]:
    """Pages that share a country or topic with page and show it in their related content."""
    country_ids = list(page.countries.values_list("pk", flat=True))
    topic_ids = list(page.topics.values_list("pk", flat=True))
    if not country_ids and not topic_ids:
        return set()
    urls = set()
    for model in classified_page_models():
        candidates = (
            model.objects.live()
            .public()
            .filter(Q(countries__in=country_ids) | Q(topics__in=topic_ids))
            .exclude(translation_key=page.translation_key)
            .distinct()
        )
        for candidate in candidates:
            if any(
                p.translation_key == page.translation_key for p in related_pages(candidate).pages
            ):
                urls |= page_urls(candidate)
    return urls


def classified_page_rule(page: Page, *, going: bool = False) -> set[str]:
    """A classified page appears in the site's feeds, in its countries' and topics' pages,
    listings and feeds, and in the related content of pages sharing them."""
    urls = listings(SITE_FEEDS) | in_every_language("taxonomy:topic_index")
    for country in page.countries.all():
        urls |= country_listings(country) | object_urls(country)
    for topic in page.topics.all():
        urls |= listings(TOPIC_LISTINGS, topic.slug)
    return urls if going else urls | related_content_of(page)


def is_frame_page(page: Page) -> bool:
    """Linked from every page's header or footer: a section, or a page named in the settings."""
    label = page.specific_class._meta.label if page.specific_class else ""
    if label in core_settings().sections:
        return True
    ids = set(translation_ids(page))
    for portal_settings in PortalSettings.objects.all():
        for field in portal_settings._meta.get_fields():
            if (
                getattr(field, "related_model", None) is Page
                and field.concrete
                and getattr(portal_settings, f"{field.name}_id", None) in ids
            ):
                return True
    return False


# The affected set ----------------------------------------------------------------------------


def affected_by_page(page: Page, *, going: bool = False) -> set[str]:
    """going: the page is being deleted (nothing can newly show it; what showed it links to
    it, so the link graph finds it)."""
    page = page.specific
    own = own_urls(page)
    urls = own | linking_to(own) | {"/sitemap.xml"} | referencing(page)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        urls |= page_urls(parent)  # listings of a section show its children
    if isinstance(page, ClassifiedMixin):
        urls |= classified_page_rule(page, going=going)
    if is_frame_page(page):
        urls |= every_file()
    return urls


def affected_urls(obj: Model) -> set[str]:
    """Every mirrored address that shows obj (EVERY_FILE in the set: all of them)."""
    if isinstance(obj, Page):
        return affected_by_page(obj)
    if isinstance(obj, (BaseSiteSetting, BaseGenericSetting)):
        return every_file()  # the frame of every page: menus, contact, footer
    own = object_urls(obj)
    urls = own | referencing(obj)
    if isinstance(obj, Figure):
        # Shown in its country's pages and downloads, not where the country is only named.
        urls |= country_urls(obj.country)
        if obj.other_country_id:
            urls |= country_urls(obj.other_country)
        return urls
    if isinstance(obj, Flow):
        countries = {obj.origin, obj.destination, *(t.country for t in obj.transits.all())}
        for country in countries - {None}:
            urls |= country_urls(country)
        return urls
    urls |= linking_to(own)  # its name or title shows wherever it is linked
    if isinstance(obj, Country):
        urls |= country_urls(obj)
    elif isinstance(obj, Source):
        urls |= in_every_language("sources:index")
    elif isinstance(obj, Topic):
        urls |= topic_urls(obj)
    return urls
