from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    """The Inquiry Corner and Contact Us: public forms, a tracked queue for the desk's staff,
    answers by email, anonymised published Q&A and retention of personal data."""

    name = "portal.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiry desk")
