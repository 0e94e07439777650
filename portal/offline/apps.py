from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """The offline copy of the portal (export_offline) and country packs."""

    name = "portal.offline"
    label = "offline"
    verbose_name = _("Offline copy")
