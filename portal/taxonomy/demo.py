import json
from pathlib import Path

from wagtail.models import Locale

from portal.core.demo import Log

from .models import Topic

DATA_FILE = Path(__file__).parent / "demo_data" / "topics.json"


def load(log: Log) -> None:
    locale = Locale.get_default()
    created_count = 0
    for spec in json.loads(DATA_FILE.read_text())["topics"]:
        _, created = Topic.objects.get_or_create(
            slug=spec["slug"],
            locale=locale,
            defaults={"name": spec["name"], "kind": spec["kind"]},
        )
        created_count += created
    if created_count:
        log(f"  topics: {created_count} created")
