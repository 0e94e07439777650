"""Readable slugs for pages titled in Lao, Thai, Khmer or Burmese.

Django's slugify (used by Wagtail when it fills in a slug) and the admin's JavaScript both keep
only letters, numbers, "_" and "-": vowel signs and tone marks are combining marks, so
"การค้ามนุษย์" became "การคามนษย" — unreadable. Two fixes, for every page type:

- Django's unicode slug validator accepts combining marks (its `\\w` leaves them out by
  accident for these scripts), so such slugs can be saved and edited in the admin;
- when a new page is saved with the mark-stripped slug of its own title (what the admin's
  auto-slug or Wagtail's defaults produce, with or without a "-2" suffix), the slug is replaced
  by the readable one, kept unique among its siblings.
"""

import re
import unicodedata

from django.core import validators
from wagtail.models import Page

from .segmentation import _mark_class


def slugify_keep_marks(value: str) -> str:
    """Like django.utils.text.slugify(allow_unicode=True), but combining marks survive."""
    value = unicodedata.normalize("NFC", str(value)).lower()
    value = re.sub(f"[^\\w\\s{_mark_class()}-]", "", value)
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def _strip_marks(value: str) -> str:
    return "".join(c for c in value if unicodedata.category(c)[0] != "M")


def allow_marks_in_unicode_slugs() -> None:
    """Let Django's validate_unicode_slug (model and form fields alike) accept combining marks."""
    validators.validate_unicode_slug.regex = re.compile(f"^[-\\w{_mark_class()}]+\\Z")


def allow_marks_in_page_urls() -> None:
    """Let Wagtail's catch-all page URL (`wagtail_serve`, `[\\w\\-]+` per slug) match and
    reverse slugs with combining marks; without this such pages would have no URL."""
    from wagtail import urls as wagtail_urls

    for entry in wagtail_urls.urlpatterns:
        if getattr(entry, "name", None) == "wagtail_serve":
            pattern = entry.pattern
            pattern._regex = pattern._regex.replace(r"\w\-", f"\\w\\-{_mark_class()}")
            pattern.__dict__.pop("regex", None)  # compiled lazily from _regex


def fix_stripped_slug(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: give a new page the readable slug its title deserves."""
    if raw or not isinstance(instance, Page) or not instance._state.adding:
        return
    readable = slugify_keep_marks(instance.title or "")
    if not readable or readable == instance.slug or not instance.path:
        return
    stripped = _strip_marks(readable)
    if not re.fullmatch(f"{re.escape(stripped)}(-\\d+)?", instance.slug or ""):
        return  # the editor chose this slug
    parent = instance.get_parent()
    candidate, suffix = readable, 1
    while not Page._slug_is_available(candidate, parent, instance):
        suffix += 1
        candidate = f"{readable}-{suffix}"
    instance.slug = candidate
    instance.set_url_path(parent)
