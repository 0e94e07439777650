from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailerConfig(AppConfig):
    """A durable outbox: every email is stored before it is sent, and sent by the task worker
    with retries, so nothing is lost when the mail server or the worker is down."""

    name = "portal.mailer"
    label = "mailer"
    verbose_name = _("Outgoing email")
