from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Country
from .viewsets import CountryDataGroup, NoAddOrDeletePolicy

register_permission_policy(Country, NoAddOrDeletePolicy(Country))


@hooks.register("register_admin_viewset")
def register_country_data():
    return CountryDataGroup()
