from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def described(field: BoundField) -> SafeString:
    """The field's widget with aria-describedby naming its help text and errors, and
    aria-invalid when it has errors, so screen readers announce them with the field."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-errors")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def edition_subject(edition) -> str:
    """The edition's subject in the reader's language."""
    from django.utils.translation import get_language

    return edition.subject_for(get_language())
