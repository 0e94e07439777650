from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# In the catalogue, so that the footer names the default holder in the reader's language.
DEFAULT_COPYRIGHT_HOLDER = gettext_noop("Anti-Trafficking Portal contributors")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Which pages the site frame links to, and the details printed in the footer.

    The standard pages are chosen here rather than found by slug so that editors can rename
    or move them; the frame links to the reader's translation of each page when there is one.
    """

    # The frame links these on every page view: fetched with the settings, not one by one.
    select_related = ["how_you_can_help_page", "about_page", "contact_page", "privacy_page"]

    how_you_can_help_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("How You Can Help page"),
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("About Us page"),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Contact Us page"),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Privacy Policy and Disclaimer page"),
    )
    contact_email = models.EmailField(
        _("public contact email"),
        blank=True,
        help_text=_("Shown in the footer and in the offline copy in place of forms."),
    )
    copyright_holder = models.CharField(
        _("copyright holder"), max_length=200, default=DEFAULT_COPYRIGHT_HOLDER
    )
    content_licence = models.CharField(
        _("content licence"),
        max_length=200,
        blank=True,
        default="CC BY 4.0",
        help_text=_("Licence of the portal's own texts, shown in the footer."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("how_you_can_help_page"),
                FieldPanel("about_page"),
                FieldPanel("contact_page"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Pages linked from every page"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("copyright_holder"),
                FieldPanel("content_licence"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    @property
    def localized_copyright_holder(self) -> str:
        """The holder in the reader's language when the catalogue knows the name (the default
        holder), else as the editors wrote it."""
        return gettext(self.copyright_holder) if self.copyright_holder else ""
