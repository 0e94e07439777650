from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """The Lao and Thai editions: which pages are translated, how well, and what readers see
    where a translation is missing or unreviewed."""

    name = "portal.languages"
    label = "languages"
    verbose_name = _("Languages")
