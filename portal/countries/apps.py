from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "portal.countries"
    label = "countries"
    verbose_name = _("Countries")

    def ready(self) -> None:
        from portal.search import classification
        from portal.search.models import SearchFacetValue
        from portal.taxonomy import places

        from .everything import country_labels, taxonomy_places

        # Taxonomy's listings narrow by country and list regions, and the site search names
        # the country facet's values, without importing this app (it is above both).
        places.register(taxonomy_places())
        classification.register_labels(SearchFacetValue.COUNTRY, country_labels)
