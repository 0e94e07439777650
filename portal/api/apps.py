from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "portal.api"
    label = "portal_api"
    verbose_name = _("Open data API")

    def ready(self) -> None:
        from portal.core.middleware import add_own_caching_prefix

        from .middleware import API_PREFIX

        # ApiMiddleware sets the API's own caching headers: core's middlewares keep out.
        add_own_caching_prefix(API_PREFIX)
