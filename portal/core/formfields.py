"""Form fields that turn away what no real choice could be before it reaches the database.

A submitted id such as `99999999999999999999999` is past every 64-bit integer column: Django's
model choice fields would pass it to the query, where SQLite raises OverflowError (a 500).
Here it is an invalid choice like any other, with the field's usual message. Names and
subjects lose their line breaks, so that nothing a person types can add lines to an email.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

ID_MIN, ID_MAX = -(2**63), 2**63 - 1


def _fits_the_key(field: forms.ModelChoiceField, value) -> bool:
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if not isinstance(key, models.IntegerField | models.AutoField):
        return True
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True  # not a number at all: Django's own check says so
    return ID_MIN <= number <= ID_MAX


class IdModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _fits_the_key(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value if isinstance(value, list | tuple) else ():
            if not _fits_the_key(self, item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:30]},
                )
        return super()._check_values(value)


def single_line(text: str) -> str:
    """The text on one line: every line break or other control character becomes a space."""
    return " ".join("".join(" " if ch < " " or ch == "\x7f" else ch for ch in text).split())


class SingleLineCharField(forms.CharField):
    """A name or subject: CR, LF and other control characters become spaces."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value
