"""Admin for country data: countries (roles, forms, sectors), figures and flows, grouped in one
"Country data" menu. Editors add and change; moderators also delete (see the permissions
migration). Countries themselves come from the ISO list and are only edited, never added."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from .figure_upload import FigureImportView, may_import_figures
from .models import Country, Figure, Flow


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """Countries are the ISO 3166 list: editors may describe them, not add or remove them."""

    def user_has_permission(self, user, action: str) -> bool:
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


class CountryViewSet(ModelViewSet):
    model = Country
    icon = "globe"
    menu_label = _("Countries")
    list_display = ["name", "iso2", "region"]
    list_filter = [
        "region",
        "is_source",
        "is_transit",
        "is_destination",
        "has_internal_trafficking",
    ]
    search_fields = ["name", "iso2", "iso3", "other_names"]
    ordering = ["name"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("region")]),
        FieldPanel("other_names"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("is_source"),
                        FieldPanel("is_transit"),
                        FieldPanel("is_destination"),
                        FieldPanel("has_internal_trafficking"),
                    ]
                ),
                FieldPanel("forms"),
                FieldPanel("sectors"),
                FieldPanel("classification_sources"),
            ],
            heading=_("Roles, forms of exploitation and sectors, with their sources"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("iso2", read_only=True),
                FieldPanel("iso3", read_only=True),
                FieldPanel("numeric", read_only=True),
            ],
            heading=_("ISO 3166-1 codes"),
        ),
    ]


class FigureIndexView(IndexView):
    @cached_property
    def header_buttons(self) -> list:
        buttons = super().header_buttons
        if may_import_figures(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Import from CSV"), url=reverse("figures:import"), icon_name="upload"
                )
            )
        return buttons


class FigureViewSet(ModelViewSet):
    model = Figure
    index_view_class = FigureIndexView
    icon = "table"
    menu_label = _("Figures")
    list_display = ["country", "indicator", "year", "display_value", "source"]
    list_filter = ["indicator", "year", "country"]
    search_fields = ["country__name", "assisting_body", "note"]
    ordering = ["country__name", "indicator", "-year"]

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("import/", FigureImportView.as_view(), name="import"),
        ]


class FlowViewSet(ModelViewSet):
    model = Flow
    icon = "arrow-right-full"
    menu_label = _("Trafficking flows")
    list_display = ["__str__", "source"]
    list_filter = ["origin", "destination"]
    search_fields = ["origin__name", "destination__name", "description"]


class CountryDataGroup(ViewSetGroup):
    menu_label = _("Country data")
    menu_icon = "globe"
    menu_order = 200
    items = (CountryViewSet("countries"), FigureViewSet("figures"), FlowViewSet("flows"))
