import json
from datetime import date
from pathlib import Path

from django.utils import timezone
from django.utils.html import escape

from portal.core.demo import Log
from portal.sources.models import Source
from portal.taxonomy import demo_support

from .models import EventIndexPage, EventPage, UpdateIndexPage, UpdatePage

DATA_FILE = Path(__file__).parent / "demo_data" / "events.json"


def load(log: Log) -> None:
    data = json.loads(DATA_FILE.read_text())
    # The seed carries no news items: the updates report the release of the reports it cites,
    # with what they say, so that every figure keeps its source.
    updates = demo_support.ensure_index(UpdateIndexPage, log=log, **data["updates_index"])
    for spec in data["updates"]:
        if demo_support.existing_child(updates, UpdatePage, spec["slug"]):
            continue
        source = Source.objects.filter(title=spec["source_title"]).first()
        page = UpdatePage(
            title=spec["title"],
            slug=spec["slug"],
            date=date.fromisoformat(spec["date"]),
            summary=spec["summary"],
            body=[
                {"type": "paragraph", "value": f"<p>{escape(text)}</p>"}
                for text in spec["paragraphs"]
            ],
            source_publication=spec["source_publication"],
            source_url=source.url if source else "",
        )
        demo_support.add_item(
            updates, page, countries=spec["countries"], topic_slugs=spec["topics"]
        )
        log(f"  created update {page.url_path}")
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
    for spec in data["observances"]:
        _add_next_observance(index, spec, log)


def next_occurrence(month: int, day: int, today: date | None = None) -> date:
    """The next date (today or later) of a day observed every year."""
    today = today or timezone.localdate()
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def _add_next_observance(index: EventIndexPage, spec: dict, log: Log) -> None:
    """One day-long, all-day event for the next time a yearly observance comes round (loading
    again later adds the one after it; the earlier ones stay as past events)."""
    when = next_occurrence(spec["month"], spec["day"])
    slug = f"{spec['slug']}-{when.year}"
    if demo_support.existing_child(index, EventPage, slug):
        return
    page = EventPage(
        title=f"{spec['title']} {when.year}",
        slug=slug,
        start_date=when,
        date_precision="day",
        organizer=spec["organizer"],
        link_url=spec["link_url"],
        place=spec["place"],
        summary=spec["summary"],
    )
    demo_support.add_item(index, page, countries=spec["countries"], topic_slugs=spec["topics"])
    log(f"  created event {page.url_path}")
