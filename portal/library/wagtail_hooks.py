from django.utils.translation import gettext as _
from wagtail import hooks

from portal.core.hooks import COUNTRY_PANELS_HOOK, DIGEST_ITEMS_HOOK
from portal.taxonomy.panels import country_panel, digest_items

from .models import ResourcePage


@hooks.register(COUNTRY_PANELS_HOOK)
def resources_about_country(country, request) -> str | None:
    return country_panel(
        country,
        request,
        model=ResourcePage,
        title=_("Recent resources about %(country)s") % {"country": country.name},
        view_all_label=_("All resources about %(country)s") % {"country": country.name},
    )


@hooks.register(DIGEST_ITEMS_HOOK)
def new_resources(since, until):
    return digest_items(ResourcePage, "resource", since, until)
