"""The shared vocabulary: topics by slug, named in one language."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Locale

from portal.taxonomy.models import Topic

from .base import absolute, api_url


def topics(locale: Locale | None = None) -> QuerySet[Topic]:
    """Topics in a language (falling back to English for terms not translated yet), or in
    every language when `locale` is None."""
    items = Topic.objects.select_related("locale")
    if locale is not None:
        default = Locale.get_default()
        translated = Topic.objects.filter(locale=locale).values("translation_key")
        items = items.filter(locale=locale) | items.filter(locale=default).exclude(
            translation_key__in=translated
        )
    return items.order_by("slug", "locale__language_code", "pk")


def topic_record(topic: Topic, base_url: str) -> dict[str, Any]:
    language = topic.locale.language_code
    with override(language):
        url = reverse("taxonomy:topic", kwargs={"slug": topic.slug})
    return {
        "id": topic.slug,
        "slug": topic.slug,
        "language": language,
        "name": topic.name,
        "kind": topic.kind,
        "kind_label": str(topic.get_kind_display()),
        "description": topic.description,
        "url": absolute(base_url, url),
        "api_url": api_url(base_url, "topic", language, slug=topic.slug),
        "last_modified": None,  # topics keep no history
    }
