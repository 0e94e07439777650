"""Editor side of the citation feature: conversion between stored rich text and Draftail's
entities. Imported by wagtail_hooks only (it needs the admin)."""

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler

from .models import Source
from .rich_text import LINK_TYPE


class CitationElementHandler(InlineEntityElementHandler):
    """Database HTML -> Draftail entity (editor side)."""

    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs: dict) -> dict:
        source = Source.objects.filter(pk=attrs.get("id") or None).first()
        return {
            "id": source.pk if source else None,
            "label": source.short_label if source else "",
            "title": source.title if source else "",
            "locator": attrs.get("locator", ""),
            "quote": attrs.get("quote", ""),
        }


def citation_entity_decorator(props: dict):
    """Draftail entity -> database HTML."""
    attrs = {"linktype": LINK_TYPE, "id": props.get("id")}
    if props.get("locator"):
        attrs["locator"] = props["locator"]
    if props.get("quote"):
        attrs["quote"] = props["quote"]
    return DOM.create_element("a", attrs, props["children"])
