from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Country
from .review import REVIEWED_ACTION, mark_reviewed_view
from .viewsets import CountryDataGroup, NoAddOrDeletePolicy

register_permission_policy(Country, NoAddOrDeletePolicy(Country))


@hooks.register("register_admin_viewset")
def register_country_data():
    return CountryDataGroup()


@hooks.register("register_admin_urls")
def register_review_url():
    return [
        path(
            "countries/profiles/<int:page_id>/reviewed/",
            mark_reviewed_view,
            name="countries_mark_reviewed",
        )
    ]


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(REVIEWED_ACTION, _("Mark reviewed"), _("Profile reviewed"))
