from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.TranslationStatusView.as_view(), name="translation_status"),
        path("<int:page_id>/reviewed/", views.mark_reviewed, name="mark_reviewed"),
    ]
    return [path("translation-status/", include((urls, "languages"), namespace="languages"))]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("languages:translation_status"),
        icon_name="site",
        order=8900,
    )
