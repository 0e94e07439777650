"""The data dictionary: every column of every table, with its type and meaning, taken from the
API's schemas (the same descriptions as the API reference)."""

import types
import typing
from typing import Any

from django.utils.translation import gettext as _
from pydantic.fields import FieldInfo

from portal.api.schemas import CitationOut

from .tables import TABLES


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        names = [_type_name(a) for a in typing.get_args(annotation) if a is not type(None)]
        return _("%(type)s or empty") % {"type": " / ".join(names)}
    if typing.get_origin(annotation) is list:
        return _("list of %(type)s, separated by ;") % {
            "type": _type_name(typing.get_args(annotation)[0])
        }
    if typing.get_origin(annotation) is typing.Literal:
        return _("one of %(values)s") % {"values": ", ".join(typing.get_args(annotation))}
    names = {
        "str": _("text"),
        "int": _("whole number"),
        "float": _("number"),
        "bool": _("true or false"),
        "date": _("date (YYYY-MM-DD)"),
        "datetime": _("date and time (ISO 8601)"),
        "time": _("time (HH:MM:SS)"),
    }
    name = getattr(annotation, "__name__", str(annotation))
    return names.get(name, name)


def _description(field: FieldInfo) -> str:
    return _(field.description) if field.description else ""


def data_dictionary() -> list[dict[str, str]]:
    rows = []
    for table in TABLES:
        for name in table.fields:
            field = table.schema.model_fields[name]
            if field.annotation is CitationOut:
                for part, sub in CitationOut.model_fields.items():
                    rows.append(
                        {
                            "table": table.name,
                            "column": f"source_{part}",
                            "type": _type_name(sub.annotation),
                            "description": _("Source: %(meaning)s")
                            % {"meaning": _description(sub)},
                        }
                    )
                continue
            rows.append(
                {
                    "table": table.name,
                    "column": name,
                    "type": _type_name(field.annotation),
                    "description": _description(field),
                }
            )
    return rows
