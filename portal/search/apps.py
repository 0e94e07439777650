from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "portal_search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from . import conf, signals, slugs  # noqa: F401 (conf: the settings' declaration)

        signals.connect()
        slugs.allow_marks_in_unicode_slugs()
        slugs.allow_marks_in_page_urls()
        pre_save.connect(slugs.fix_stripped_slug, dispatch_uid="portal_search_readable_slug")
