import json
from pathlib import Path

from portal.core.demo import Log

from .models import Source

DATA_FILE = Path(__file__).parent / "demo_data" / "sources.json"


def source_specs() -> list[dict]:
    return json.loads(DATA_FILE.read_text())["sources"]


def sources_by_key() -> dict[str, Source]:
    """The demo sources by their key, for other apps' demo loaders."""
    titles = {spec["key"]: spec["title"] for spec in source_specs()}
    found = {s.title: s for s in Source.objects.filter(title__in=titles.values())}
    return {key: found[title] for key, title in titles.items() if title in found}


def load(log: Log) -> None:
    for spec in source_specs():
        _, created = Source.objects.get_or_create(
            title=spec["title"],
            defaults={
                "slug": spec["key"] if not Source.objects.filter(slug=spec["key"]).exists() else "",
                "author": spec["author"],
                "year": spec["year"],
                "url": spec["url"],
                "notes": spec["notes"],
                "alternative_titles": "\n".join(spec.get("cited_as", [])),
            },
        )
        if created:
            log(f"  source: {spec['title']}")
