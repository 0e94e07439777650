"""Demo translations (Lao, Thai) of demo pages, loaded through wagtail-localize.

Each string is recorded as a *machine* translation, because that is what it is (see
demo_data/README.md): the admin's translation status and the notice readers see say so until a
fluent person reviews the page. Idempotent: a page that already has a translation in a language
is left alone, and pages that do not exist (yet) are skipped.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from portal.core.demo import Log

DATA_DIR = Path(__file__).parent / "demo_data"
TOOL_NAME = "Demo data: machine translation (unreviewed)"


def _source_page(home: Page, path: str) -> Page | None:
    return (
        Page.objects.filter(url_path=home.url_path + path, locale=home.locale)
        .live()
        .specific()
        .first()
    )


@transaction.atomic
def translate_page(source: Page, locale: Locale, strings: dict[str, str]) -> int:
    """Create and publish the translation of a page from a {source string: translation} map,
    as machine translations. Returns how many strings were translated."""
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translation, _created = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    count = 0
    for segment in StringSegment.objects.filter(source=translation_source).select_related(
        "string", "context"
    ):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                "tool_name": TOOL_NAME,
            },
        )
        count += 1
    # wagtail-localize publishes on commit, from a copy of the page taken before its children were
    # added (which resets the tree's child count when everything runs in one transaction, as
    # load_demo and tests do): save a draft, then publish its revision now.
    translation.save_target(publish=False)
    source.get_translation(locale).get_latest_revision().publish()
    return count


def load(log: Log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    for code, _name in settings.LANGUAGES:
        data_file = DATA_DIR / f"{code}.json"
        if code == settings.LANGUAGE_CODE or not data_file.exists():
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        # The home page first: the translations of its children go below it.
        for path, strings in sorted(json.loads(data_file.read_text())["pages"].items()):
            source = _source_page(home, path)
            if source is None:
                log(f"  {code}: no page at /{path} (yet), skipped")
                continue
            if source.get_translation_or_none(locale) is not None:
                continue
            count = translate_page(source, locale, strings)
            log(f"  {code}: translated /{path} ({count} strings, machine-made, unreviewed)")
