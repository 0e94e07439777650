from django import template

from ..documents import withheld_reason

register = template.Library()


@register.simple_tag
def document_withheld_reason(document) -> str | None:
    """For the document's edit view: why readers are not served it, if they are not."""
    return withheld_reason(document)
