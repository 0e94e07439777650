import json
from datetime import date
from pathlib import Path

from portal.core.demo import Log
from portal.sources.models import Source
from portal.taxonomy import demo_support

from .models import EventIndexPage, EventPage, UpdateIndexPage

DATA_FILE = Path(__file__).parent / "demo_data" / "events.json"


def load(log: Log) -> None:
    data = json.loads(DATA_FILE.read_text())
    # The seed reports no news items; the updates section starts empty rather than invented.
    demo_support.ensure_index(UpdateIndexPage, log=log, **data["updates_index"])
    index = demo_support.ensure_index(EventIndexPage, log=log, **data["events_index"])
    for spec in data["events"]:
        if demo_support.existing_child(index, EventPage, spec["slug"]):
            continue
        page = EventPage(
            title=spec["title"],
            slug=spec["slug"],
            start_date=date.fromisoformat(spec["start_date"]),
            date_precision=spec["date_precision"],
            organizer=spec["organizer"],
            summary=spec["summary"],
            information_source=Source.objects.filter(title=spec["source_title"]).first(),
        )
        demo_support.add_item(index, page, countries=spec["countries"], topic_slugs=spec["topics"])
        log(f"  created event {page.url_path}")
