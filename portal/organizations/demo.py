import json
from pathlib import Path

from django.utils.html import escape

from portal.core.demo import Log
from portal.sources.models import Source
from portal.taxonomy import demo_support

from .models import OrganizationIndexPage, OrganizationPage, Service, ServiceKind

DATA_FILE = Path(__file__).parent / "demo_data" / "organizations.json"


def ensure_services() -> None:
    """The fixed list of services (a migration creates it; a flushed test database lacks it)."""
    for code in ServiceKind.values:
        Service.objects.get_or_create(code=code)


def source_paragraph(title: str) -> list[dict]:
    source = Source.objects.filter(title=title).first()
    if source is None:
        return []
    by = f"{source.author}, " if source.author else ""
    year = f" ({source.year})" if source.year else ""
    text = f"<p>Source: {escape(by)}<i>{escape(source.title)}</i>{year}.</p>"
    return [{"type": "paragraph", "value": text}]


def load(log: Log) -> None:
    ensure_services()
    data = json.loads(DATA_FILE.read_text())
    index = demo_support.ensure_index(OrganizationIndexPage, log=log, **data["index"])
    for spec in data["organizations"]:
        if demo_support.existing_child(index, OrganizationPage, spec["slug"]):
            continue
        page = OrganizationPage(
            title=spec["title"],
            slug=spec["slug"],
            acronym=spec["acronym"],
            organization_type=spec["organization_type"],
            summary=spec["summary"],
            body=source_paragraph(spec["source_title"]),
        )
        page.services = list(Service.objects.filter(code__in=spec["services"]))
        demo_support.add_item(index, page, countries=spec["countries"], topic_slugs=spec["topics"])
        log(f"  created organisation {page.url_path}")
