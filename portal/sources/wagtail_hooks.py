from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail.features import EntityFeature
from wagtail.snippets.models import register_snippet

from .editor import CitationElementHandler, citation_entity_decorator
from .rich_text import ENTITY_TYPE, FEATURE_NAME, CitationLinkHandler
from .viewsets import CHOOSER_NAME, SourceCitationChooserViewSet, SourceViewSet

register_snippet(SourceViewSet)


@hooks.register("register_admin_viewset")
def register_citation_chooser():
    return SourceCitationChooserViewSet(CHOOSER_NAME, url_prefix="sources/cite")


@hooks.register("register_rich_text_features")
def register_citation_feature(features):
    features.register_link_type(CitationLinkHandler)
    features.register_editor_plugin(
        "draftail",
        FEATURE_NAME,
        EntityFeature(
            {
                "type": ENTITY_TYPE,
                "icon": "openquote",
                "label": _("Cite"),
                "description": _("Citation: cite a source here"),
                "chooserUrls": {"citationChooser": reverse_lazy(f"{CHOOSER_NAME}:choose")},
            },
            js=[
                "wagtailadmin/js/draftail.js",
                "wagtailadmin/js/modal-workflow.js",
                "wagtailadmin/js/chooser-modal.js",
                "sources/js/citation-feature.js",
            ],
        ),
    )
    features.register_converter_rule(
        "contentstate",
        FEATURE_NAME,
        {
            "from_database_format": {'a[linktype="citation"]': CitationElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: citation_entity_decorator}},
        },
    )
