from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: backups and restore, the periodic purge of personal data. The top
    layer: it may use every app, and nothing imports it."""

    name = "portal.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import audit

        audit.connect()
