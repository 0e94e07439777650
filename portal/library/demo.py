import json
from pathlib import Path

from portal.core.demo import Log
from portal.sources.models import Source
from portal.taxonomy import demo_support

from .models import ResourceIndexPage, ResourcePage

DATA_FILE = Path(__file__).parent / "demo_data" / "resources.json"


def load(log: Log) -> None:
    data = json.loads(DATA_FILE.read_text())
    index = demo_support.ensure_index(ResourceIndexPage, log=log, **data["index"])
    for spec in data["resources"]:
        if demo_support.existing_child(index, ResourcePage, spec["slug"]):
            continue
        source = Source.objects.filter(title=spec["source_title"]).first()
        if source is None:
            log(f"  skipped {spec['slug']}: no source titled {spec['source_title']!r}")
            continue
        if hasattr(source, "library_resource"):
            continue  # already the record of another resource (e.g. one an editor renamed)
        # Bibliographic fields come from the chosen Source (see citation.fill_from_source).
        page = ResourcePage(
            title=source.title,
            slug=spec["slug"],
            resource_type=spec["resource_type"],
            summary=spec["summary"],
            source=source,
        )
        page.languages = demo_support.languages(spec["languages"])
        demo_support.add_item(index, page, countries=spec["countries"], topic_slugs=spec["topics"])
        log(f"  created resource {page.url_path}")
