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
        from . import conf, throttle  # noqa: F401 - conf: the settings list (describe_all)

        throttle.connect_signals()
        # Not sender=self: Django sends post_migrate only for apps with models, and this one has
        # none. Any app's signal will do (createcachetable is idempotent); the first comes
        # before home's, whose Site update already goes through the cache.
        post_migrate.connect(create_cache_table, dispatch_uid="portal-create-cache-table")
