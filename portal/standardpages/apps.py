from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardPagesConfig(AppConfig):
    name = "portal.standardpages"
    label = "standardpages"
    verbose_name = _("Standard pages")
