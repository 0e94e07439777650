"""Builders for tests of the collections (library, organisations, updates, events): real pages
in a real site tree, published the way editors publish them."""

from datetime import date
from typing import Any

from wagtail.models import Locale, Page, Site

from portal.countries.models import Country
from portal.taxonomy.models import Language, Topic

COUNTRY_CODES = {
    "LA": ("LAO", "418", "Lao PDR"),
    "TH": ("THA", "764", "Thailand"),
    "VN": ("VNM", "704", "Viet Nam"),
    "KH": ("KHM", "116", "Cambodia"),
}


def country(iso2: str) -> Country:
    iso3, numeric, name = COUNTRY_CODES[iso2]
    obj, _ = Country.objects.get_or_create(
        iso2=iso2,
        defaults={"iso3": iso3, "numeric": numeric, "name": name, "region": "east-asia-pacific"},
    )
    return obj


def topic(slug: str, name: str | None = None, kind: str = "theme") -> Topic:
    obj, _ = Topic.objects.get_or_create(
        slug=slug,
        locale=Locale.get_default(),
        defaults={"name": name or slug.replace("-", " ").capitalize(), "kind": kind},
    )
    return obj


def language(code: str, name: str) -> Language:
    obj, _ = Language.objects.get_or_create(code=code, defaults={"name": name})
    return obj


def index_page(model: type[Page], slug: str, title: str | None = None) -> Page:
    home = Site.objects.get(is_default_site=True).root_page
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = model(title=title or slug.capitalize(), slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(
    parent: Page,
    page: Page,
    *,
    countries: list[str] = (),
    topics: list[str] = (),
    first_published_at: Any = None,
    **many: Any,
) -> Page:
    """Classify, add under `parent` and publish; `many` sets other many-to-many fields."""
    page.countries = [country(code) for code in countries]
    page.topics = [topic(slug) for slug in topics]
    for name, values in many.items():
        setattr(page, name, values)
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    if first_published_at is not None:
        type(page).objects.filter(pk=page.pk).update(first_published_at=first_published_at)
    page.refresh_from_db()
    return page


def slug_of(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:50]


def resource(title: str, **fields: Any) -> Page:
    from portal.library.models import ResourceIndexPage, ResourcePage

    classified = {k: fields.pop(k) for k in ("countries", "topics", "languages") if k in fields}
    fields.setdefault("summary", f"About {title}.")
    page = ResourcePage(title=title, slug=fields.pop("slug", slug_of(title)), **fields)
    return publish(index_page(ResourceIndexPage, "resources"), page, **classified)


def organization(title: str, **fields: Any) -> Page:
    from portal.organizations.models import OrganizationIndexPage, OrganizationPage

    classified = {
        k: fields.pop(k) for k in ("countries", "topics", "languages", "services") if k in fields
    }
    fields.setdefault("summary", f"What {title} does.")
    fields.setdefault("organization_type", "ngo")
    page = OrganizationPage(title=title, slug=fields.pop("slug", slug_of(title)), **fields)
    return publish(index_page(OrganizationIndexPage, "organizations"), page, **classified)


def update(title: str, **fields: Any) -> Page:
    from portal.updates.models import UpdateIndexPage, UpdatePage

    classified = {k: fields.pop(k) for k in ("countries", "topics") if k in fields}
    first_published_at = fields.pop("first_published_at", None)
    fields.setdefault("summary", f"News: {title}.")
    fields.setdefault("date", date(2026, 11, 1))
    page = UpdatePage(title=title, slug=fields.pop("slug", slug_of(title)), **fields)
    return publish(
        index_page(UpdateIndexPage, "updates"),
        page,
        first_published_at=first_published_at,
        **classified,
    )


def event(title: str, **fields: Any) -> Page:
    from portal.updates.models import EventIndexPage, EventPage

    classified = {k: fields.pop(k) for k in ("countries", "topics") if k in fields}
    fields.setdefault("summary", f"Event: {title}.")
    page = EventPage(title=title, slug=fields.pop("slug", slug_of(title)), **fields)
    return publish(index_page(EventIndexPage, "events"), page, **classified)
