from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Registers the <id:...> path converter before any app (or routable page) declares its routes.
from . import converters  # noqa: F401


class CoreConfig(AppConfig):
    """Site-wide pieces: settings, frame templates, anti-spam, rendering, demo loading."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from . import requestmemo

        requestmemo.install()
