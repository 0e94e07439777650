from .countries import ROLE_FIELDS, Country, CountryQuerySet, Region, Role
from .figures import Figure, Indicator, Qualifier, Tier
from .flows import Flow, FlowTransit
from .pages import CountryIndexPage, CountryProfilePage

__all__ = [
    "ROLE_FIELDS",
    "Country",
    "CountryIndexPage",
    "CountryProfilePage",
    "CountryQuerySet",
    "Figure",
    "Flow",
    "FlowTransit",
    "Indicator",
    "Qualifier",
    "Region",
    "Role",
    "Tier",
]
