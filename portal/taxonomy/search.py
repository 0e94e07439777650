"""What the site search learns from taxonomy (see portal.search.classification): classified pages'
countries and topics as facets, and the topics' names."""

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language

from portal.search.classification import Classifier
from portal.search.models import SearchFacetValue

from .models import ClassifiedMixin, Topic


def _facets(page: ClassifiedMixin) -> set[tuple[str, str]]:
    return {(SearchFacetValue.COUNTRY, c.iso2.lower()) for c in page.countries.all()} | {
        (SearchFacetValue.TOPIC, t.slug) for t in page.topics.all()
    }


def topic_labels(slugs: Iterable[str]) -> dict[str, str]:
    """Topic names by slug, in the reader's language where the topic is translated."""
    topics: dict[str, str] = {}
    language = get_language() or settings.LANGUAGE_CODE
    for topic in Topic.objects.filter(slug__in=list(slugs)).select_related("locale"):
        if topic.slug not in topics or topic.locale.language_code == language:
            topics[topic.slug] = topic.name
    return topics


def _is_classified(model: type) -> bool:
    return issubclass(model, ClassifiedMixin)


classifier = Classifier(
    applies_to=_is_classified, relations=("countries", "topics"), facets=_facets
)
