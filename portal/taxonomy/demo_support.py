"""Helpers for the collections' demo loaders: the countries they tag, their section pages, and
items created once (never updated, so editors' changes survive a reload)."""

from collections.abc import Iterable

import pycountry
from django.db.models import Model
from wagtail.models import Locale, Page, Site

from portal.core.demo import Log

from .models import Language, Topic

# The portal's short names and TIP-report regions for the countries the demo content tags. The
# countries app loads the same rows (by ISO code, with the same values), whichever runs first.
PORTAL_COUNTRIES = {"LA": ("Lao PDR", "east-asia-pacific")}


def ensure_country(country_model: type[Model], iso2: str) -> Model:
    """`country_model`: the one a classified page's countries point to (countries is above
    taxonomy)."""
    # Every ISO 3166 country is loaded by a migration; PORTAL_COUNTRIES only fills in a
    # database where that reference list was emptied (some tests do).
    existing = country_model.objects.filter(iso2=iso2).first()
    if existing is not None:
        return existing
    name, region = PORTAL_COUNTRIES[iso2]
    record = pycountry.countries.get(alpha_2=iso2)
    country, _ = country_model.objects.get_or_create(
        iso2=iso2,
        defaults={
            "iso3": record.alpha_3,
            "numeric": record.numeric,
            "name": name,
            "region": region,
        },
    )
    return country


def ensure_index(model: type[Page], *, slug: str, title: str, intro: str, log: Log) -> Page:
    """The section's index page under the default site's home page."""
    home = Site.objects.get(is_default_site=True).root_page
    index = model.objects.child_of(home).filter(locale=home.locale).first()
    if index is None:
        index = model(title=title, slug=slug, intro=intro)
        home.add_child(instance=index)
        index.save_revision().publish()
        log(f"  created {index.url_path}")
    return index


def topics(slugs: Iterable[str]) -> list[Topic]:
    locale = Locale.get_default()
    found = {t.slug: t for t in Topic.objects.filter(slug__in=list(slugs), locale=locale)}
    missing = set(slugs) - set(found)
    if missing:
        raise ValueError(f"Unknown demo topics: {sorted(missing)}")
    return [found[s] for s in slugs]


def languages(codes: Iterable[str]) -> list[Language]:
    return list(Language.objects.filter(code__in=list(codes)))


def add_item(index: Page, page: Page, *, countries: list[str], topic_slugs: list[str]) -> Page:
    """Create and publish one item under its index, classified."""
    country_model = type(page)._meta.get_field("countries").related_model
    page.countries = [ensure_country(country_model, code) for code in countries]
    page.topics = topics(topic_slugs)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def existing_child(index: Page, model: type[Page], slug: str) -> Page | None:
    return model.objects.child_of(index).filter(slug=slug).first()
