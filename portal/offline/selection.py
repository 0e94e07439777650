"""What a country pack holds, for page types that exist now and those added later.

Generic rules, by model structure only:
- the country's profile: any page whose model has a foreign key to countries.Country pointing at
  the country (the country profile page type);
- pages tagged with the country through ClassifiedMixin (resources, organisations, updates...);
- pages linked from the profile (one level; the exporter adds them while it crawls);
- the standard pages linked from every page's frame (About Us, Contact Us...);
each in every language: its published translation, or the original under that language's prefix.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.models import Page, Site, get_page_models

from portal.core.models import PortalSettings
from portal.countries.models import Country
from portal.languages.editions import reader_url
from portal.taxonomy.models import ClassifiedMixin

FRAME_SETTINGS = ["how_you_can_help_page", "about_page", "contact_page", "privacy_page"]


@dataclass
class CountrySelection:
    country: Country
    profile_urls: set[str] = field(default_factory=set)
    page_urls: set[str] = field(default_factory=set)
    linked_urls: set[str] = field(default_factory=set)
    pages: list[Page] = field(default_factory=list)

    def includes(self, path: str) -> bool:
        """Whether a URL path belongs to the pack: one of its pages, or below one (a page's
        own sub-addresses such as a data download), or a page the profile links to."""
        if path in self.page_urls or path in self.linked_urls:
            return True
        roots = {"/", *(f"/{code}/" for code, _name in settings.LANGUAGES)}
        return any(
            path.startswith(url) for url in self.page_urls if url.endswith("/") and url not in roots
        )

    def add_linked_page(self, path: str) -> None:
        # That page only, not what lies below it: a profile links to its section's index,
        # and everything below the index is every other country.
        self.linked_urls.add(path)


def _country_foreign_keys(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model is Country
    ]


def _urls_in_every_language(page: Page, site: Site) -> set[str]:
    urls = {page.get_url(current_site=site)} - {None}
    for code, _name in settings.LANGUAGES:
        url = reader_url(page, code)
        if url:
            urls.add(url)
    return urls


def select_country(iso2: str, site: Site) -> CountrySelection:
    country = Country.objects.get(iso2__iexact=iso2)
    selection = CountrySelection(country=country)
    profiles: dict[int, Page] = {}
    tagged: dict[int, Page] = {}
    for model in get_page_models():
        keys = _country_foreign_keys(model)
        if keys:
            query = Q()
            for key in keys:
                query |= Q(**{key: country})
            for page in model.objects.live().public().filter(query):
                profiles[page.pk] = page
        if issubclass(model, ClassifiedMixin):
            for page in model.objects.live().public().filter(countries=country):
                tagged[page.pk] = page
    portal_settings = PortalSettings.for_site(site)
    frame = [getattr(portal_settings, name) for name in FRAME_SETTINGS]
    for page in profiles.values():
        selection.profile_urls |= _urls_in_every_language(page, site)
    for page in [*profiles.values(), *tagged.values(), *[p for p in frame if p]]:
        selection.pages.append(page)
        selection.page_urls |= _urls_in_every_language(page, site)
    return selection
