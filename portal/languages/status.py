"""How far each page is translated, for the admin report and the notices readers see.

Works for every page type, present and future: it looks only at Wagtail's translation links
(translation_key, locale), wagtail-localize's records (source sync time, untranslated and
machine-translated strings) and this app's reviews.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .models import TranslationReview

MISSING = "missing"
DRAFT = "draft"
OUTDATED = "outdated"
INCOMPLETE = "incomplete"
MACHINE = "machine"
UNREVIEWED = "unreviewed"
REVIEWED = "reviewed"

# From most to least in need of an editor's attention.
STATUS_LABELS = {
    MISSING: _("Missing"),
    DRAFT: _("Draft, not published"),
    OUTDATED: _("Outdated: the original changed"),
    INCOMPLETE: _("Incomplete: some text still in the original language"),
    MACHINE: _("Machine translation, not reviewed"),
    UNREVIEWED: _("Not reviewed"),
    REVIEWED: _("Reviewed"),
}


@dataclass
class TranslationState:
    """One page in one target language."""

    source: Page
    language_code: str
    translation: Page | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        """The most pressing of the flags."""
        for status in STATUS_LABELS:
            if status in self.flags:
                return status
        return REVIEWED

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def other_flag_labels(self) -> list[str]:
        """Labels of the flags besides the main status, most pressing first."""
        return [str(label) for key, label in STATUS_LABELS.items() if key in self.flags][1:]

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.language_code, self.language_code)

    @property
    def is_machine_made(self) -> bool:
        return MACHINE in self.flags

    @property
    def is_reviewed(self) -> bool:
        return self.flags == {REVIEWED}

    @property
    def is_outdated(self) -> bool:
        return OUTDATED in self.flags


def _later(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and b is not None and a > b


def translation_states(
    sources: Iterable[Page], language_codes: Iterable[str]
) -> list[TranslationState]:
    """The state of each source page in each language, with a fixed number of queries."""
    sources = list(sources)
    codes = list(language_codes)
    if not sources or not codes:
        return []
    locales = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    keys = [page.translation_key for page in sources]

    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales.values())
        .select_related("live_revision")
        .only(
            "id",
            "title",
            "translation_key",
            "locale_id",
            "live",
            "last_published_at",
            "live_revision_id",
            "url_path",
            "depth",
            "path",
            "content_type_id",
            "has_unpublished_changes",
        )
    }
    # wagtail-localize: when each source was last synced into its translations.
    synced_at = dict(
        TranslationSource.objects.filter(
            object_id__in=keys, locale_id__in={page.locale_id for page in sources}
        ).values_list("object_id", "last_updated_at")
    )
    localize = Translation.objects.filter(
        source__object_id__in=keys, target_locale__in=locales.values(), enabled=True
    ).annotate(
        has_untranslated=Exists(
            StringSegment.objects.filter(source_id=OuterRef("source_id"))
            .annotate(
                _target=OuterRef("target_locale_id"),
                done=Exists(
                    StringTranslation.objects.filter(
                        translation_of_id=OuterRef("string_id"),
                        context_id=OuterRef("context_id"),
                        locale_id=OuterRef("_target"),
                        has_error=False,
                    )
                ),
            )
            .filter(done=False)
        ),
        has_machine=Exists(
            StringTranslation.objects.filter(
                locale_id=OuterRef("target_locale_id"),
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                context__object_id=OuterRef("source__object_id"),
                translation_of__segments__source_id=OuterRef("source_id"),
            )
        ),
    )
    localize_flags = {
        (t.source.object_id, t.target_locale_id): (t.has_untranslated, t.has_machine)
        for t in localize.select_related("source")
    }
    translated_ids = [page.pk for page in translations.values()]
    reviewed = defaultdict(set)
    for page_id, revision_id in TranslationReview.objects.filter(
        page_id__in=translated_ids
    ).values_list("page_id", "revision_id"):
        reviewed[page_id].add(revision_id)

    states = []
    for source in sources:
        for code in codes:
            locale = locales.get(code)
            if locale is None or locale.pk == source.locale_id:
                continue
            state = TranslationState(source=source, language_code=code)
            page = translations.get((source.translation_key, locale.pk))
            state.translation = page
            if page is None:
                state.flags.add(MISSING)
            else:
                _flag(state, page, source, synced_at, localize_flags, reviewed)
            states.append(state)
    return states


def _flag(state, page, source, synced_at, localize_flags, reviewed) -> None:
    if not page.live:
        state.flags.add(DRAFT)
    key = (source.translation_key, page.locale_id)
    if key in localize_flags:
        untranslated, machine = localize_flags[key]
        if untranslated:
            state.flags.add(INCOMPLETE)
        if machine:
            state.flags.add(MACHINE)
        # The source was published again after it was last synced into the translation.
        if _later(source.last_published_at, synced_at.get(source.translation_key)):
            state.flags.add(OUTDATED)
    elif _later(source.last_published_at, page.last_published_at):
        state.flags.add(OUTDATED)
    if page.live_revision_id and page.live_revision_id in reviewed.get(page.pk, ()):
        # A review vouches for the text; it does not make a stale translation current.
        state.flags.discard(MACHINE)
        state.flags.discard(INCOMPLETE)
        if not state.flags:
            state.flags.add(REVIEWED)
    elif page.live and not state.flags & {MACHINE, INCOMPLETE}:
        state.flags.add(UNREVIEWED)
    if not state.flags:
        state.flags.add(UNREVIEWED)


def state_of_translation(page: Page) -> TranslationState | None:
    """The state of a translated page (None for a page in the default language or without an
    original)."""
    if page.locale_id == Locale.get_default().pk:
        return None
    try:
        source = page.get_translation(Locale.get_default())
    except Page.DoesNotExist:
        return None
    states = translation_states([source], [page.locale.language_code])
    return states[0] if states else None
