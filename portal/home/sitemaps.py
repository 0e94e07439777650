"""/sitemap.xml: every public page in every language (Wagtail's own sitemap covers only the
default site's tree, which holds one language), with its translations as hreflang
alternates, plus taxonomy's topic listings and the countries' and regions' "everything about"
pages. In the home app (the site tree), which sits above both."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from portal.countries.models import Country, Region
from portal.taxonomy.models import Topic
from portal.taxonomy.related import classified_page_models


class AllLanguagesPageSitemap(WagtailSitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        condition = None
        for tree in roots:
            q = Page.objects.filter(path__startswith=tree.path)
            condition = q if condition is None else condition | q
        return (
            condition.live().public().order_by("path").defer_streamfields().specific()
            if condition is not None
            else Page.objects.none()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations: dict = {}
        for other in (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
        ):
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for item in items:
            alternates = [
                {"lang_code": t.locale.language_code, "location": t.get_full_url(self.request)}
                for t in translations.get(item.translation_key, [])
            ]
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info = {**url_info, "alternates": alternates}
                urls.append(url_info)
        last_mods = {u.get("lastmod") for u in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class TaxonomyListingSitemap(DjangoSitemap):
    """Topic, region and country listings that have something to show, in every language."""

    def items(self) -> list[tuple[str, tuple]]:
        entries: list[tuple[str, tuple]] = [("taxonomy:topic_index", ())]
        used_countries: set[int] = set()
        used_topics: set = set()
        for model in classified_page_models():
            live = model.objects.live().public()
            used_countries.update(live.values_list("countries", flat=True))
            used_topics.update(live.values_list("topics__translation_key", flat=True))
        for topic in Topic.objects.filter(translation_key__in=used_topics).order_by("slug"):
            entries.append(("taxonomy:topic", (topic.slug,)))
        countries = Country.objects.filter(pk__in=used_countries)
        for country in countries:
            entries.append(("everything:country", (country.slug,)))
        for region in sorted({c.region for c in countries if c.region in Region.values}):
            entries.append(("everything:region", (region,)))
        localized = []
        for code, _name in settings.LANGUAGES:
            localized.extend((code, name, args) for name, args in dict.fromkeys(entries))
        return localized

    def location(self, item: tuple[str, str, tuple]) -> str:
        code, name, args = item
        with translation.override(code):
            return reverse(name, args=args)


SITEMAPS = {"pages": AllLanguagesPageSitemap, "listings": TaxonomyListingSitemap}
