from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = _("Home page")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .site import sync_site_after_migrate

        post_migrate.connect(sync_site_after_migrate, sender=self, dispatch_uid="portal-sync-site")
