import json
from pathlib import Path

from portal.core.demo import Log

from .models import Source

DATA_FILE = Path(__file__).parent / "demo_data" / "sources.json"


def load(log: Log) -> None:
    for spec in json.loads(DATA_FILE.read_text())["sources"]:
        _, created = Source.objects.get_or_create(
            title=spec["title"],
            defaults={
                "author": spec["author"],
                "year": spec["year"],
                "url": spec["url"],
                "notes": spec["notes"],
            },
        )
        if created:
            log(f"  source: {spec['title']}")
