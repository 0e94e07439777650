from django.utils.translation import gettext as _
from wagtail import hooks

from portal.core.hooks import COUNTRY_PANELS_HOOK
from portal.taxonomy.panels import country_panel

from .models import OrganizationPage, hotlines_first


@hooks.register(COUNTRY_PANELS_HOOK)
def organizations_in_country(country, request) -> str | None:
    return country_panel(
        country,
        request,
        model=OrganizationPage,
        title=_("Organisations working in %(country)s") % {"country": country.name},
        view_all_label=_("All organisations in %(country)s") % {"country": country.name},
        order=hotlines_first,
        template="organizations/includes/country_panel.html",
    )
