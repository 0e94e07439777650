from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorConfig(AppConfig):
    name = "portal.mirror"
    label = "mirror"
    verbose_name = _("Static mirror")

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
