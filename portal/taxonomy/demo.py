import json
from pathlib import Path

import pycountry
from wagtail.models import Locale

from portal.core.demo import Log

from .models import Language, Topic

DATA_DIR = Path(__file__).parent / "demo_data"


def language_name(code: str) -> str:
    record = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    return record.name if record else code


def translate_topics(log: Log) -> None:
    """The topics' Lao and Thai names (machine translation, not reviewed), as translations
    of the English topics: same slug, same translation_key."""
    created_count = 0
    for spec in json.loads((DATA_DIR / "topics.json").read_text())["topics"]:
        source = Topic.objects.filter(slug=spec["slug"], locale=Locale.get_default()).first()
        for code, name in spec.get("translations", {}).items():
            locale, _created = Locale.objects.get_or_create(language_code=code)
            if source is None or source.has_translation(locale):
                continue
            topic = source.copy_for_translation(locale)
            topic.name = name
            topic.save()
            created_count += 1
    if created_count:
        log(f"  topics: {created_count} translations created (machine-made, unreviewed)")


def load(log: Log) -> None:
    locale = Locale.get_default()
    created_count = 0
    for spec in json.loads((DATA_DIR / "topics.json").read_text())["topics"]:
        _, created = Topic.objects.get_or_create(
            slug=spec["slug"],
            locale=locale,
            defaults={"name": spec["name"], "kind": spec["kind"]},
        )
        created_count += created
    if created_count:
        log(f"  topics: {created_count} created")
    translate_topics(log)
    created_count = 0
    for spec in json.loads((DATA_DIR / "languages.json").read_text())["languages"]:
        _, created = Language.objects.get_or_create(
            code=spec["code"],
            defaults={"name": language_name(spec["code"]), "native_name": spec["native_name"]},
        )
        created_count += created
    if created_count:
        log(f"  languages: {created_count} created")
