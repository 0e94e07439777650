"""A resource is also a bibliography record: one Source, written once, cited from country
profiles and figures. The resource's fields are the master copy; a Source chosen by the editor
(for instance one the legacy importer created) first fills the fields left empty."""

from typing import Any

from wagtail.models import Locale

from portal.sources.models import Source


def citation_line(resource: Any) -> str:
    """ "Publisher (Year). Title. Address" with the parts that are known."""
    year = f" ({resource.year})" if resource.year else ""
    parts = [f"{resource.publisher}{year}" if resource.publisher else year.strip(" ()")]
    parts.append(resource.title)
    text = ". ".join(p for p in parts if p)
    if resource.link_url:
        text += f". {resource.link_url}"
    return text


def fill_from_source(resource: Any, source: Source) -> None:
    if not resource.publisher:
        resource.publisher = source.author
    if resource.year is None:
        resource.year = source.year
    if not resource.link_url:
        resource.link_url = source.url


def sync_source(resource: Any) -> Source | None:
    """Create or update the resource's Source from its bibliographic fields. Translations share
    the original's Source and write nothing."""
    if resource.locale_id is not None and resource.locale_id != Locale.get_default().pk:
        return None
    source = resource.source if resource.source_id else None
    if source is None:
        source = Source()
    else:
        fill_from_source(resource, source)
    wanted = {
        "title": resource.title[: Source._meta.get_field("title").max_length],
        "author": resource.publisher,
        "year": resource.year,
        "url": resource.link_url,
    }
    if source.pk is None or any(getattr(source, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(source, key, value)
        source.save()
    resource.source = source
    return source
