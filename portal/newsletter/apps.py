from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The monthly newsletter: double opt-in subscribers, editions gathered from the portal's
    updates, events and resources, and resumable sending in batches."""

    name = "portal.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")
