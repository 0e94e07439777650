from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "portal.taxonomy"
    label = "taxonomy"
    verbose_name = _("Topics and related content")

    def ready(self) -> None:
        from portal.search import classification
        from portal.search.models import SearchFacetValue

        from .search import classifier, topic_labels

        # The site search facets classified pages by country and topic (search is below).
        classification.register_classifier(classifier)
        classification.register_labels(SearchFacetValue.TOPIC, topic_labels)
