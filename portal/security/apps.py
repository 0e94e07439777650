from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(**kwargs) -> None:
    """`migrate` also creates the database cache's table (idempotent; nothing for Redis)."""
    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class SecurityConfig(AppConfig):
    name = "portal.security"
    label = "security"
    verbose_name = _("Sign-in security")

    def ready(self) -> None:
        from . import throttle

        throttle.connect_signals()
        post_migrate.connect(create_cache_table, sender=self)
