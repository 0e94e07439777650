"""The API reference page (/api/): every endpoint, its parameters and what it returns, rendered
on the server from the OpenAPI document, in the site frame, with no script."""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .records.base import API_NAMESPACE


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str
    default: Any = None


@dataclass
class Property:
    name: str
    type: str
    description: str
    schema_link: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Parameter] = field(default_factory=list)
    returns: str = ""
    returns_link: str = ""


@dataclass
class Component:
    name: str
    anchor: str
    properties: list[Property]


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type(schema: dict[str, Any]) -> str:
    """A short, readable type: "string (date)", "array of Figure", "integer or null"."""
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    if "anyOf" in schema:
        return _(" or ").join(_type(option) for option in schema["anyOf"])
    if "enum" in schema:
        return _("one of %(values)s") % {"values": ", ".join(str(v) for v in schema["enum"])}
    kind = schema.get("type", "")
    if kind == "array":
        return _("array of %(type)s") % {"type": _type(schema.get("items", {}))}
    if kind == "object" and "additionalProperties" in schema:
        return _("object of %(type)s") % {"type": _type(schema["additionalProperties"])}
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    if "pattern" in schema:
        return f"{kind} ({schema['pattern']})"
    return kind or _("any")


def _first_ref(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    options = list(schema.get("anyOf", []))
    if "items" in schema:
        options.append(schema["items"])
    for option in options:
        if name := _first_ref(option):
            return name
    return ""


def _text(value: str | None) -> str:
    # Descriptions are marked for translation where they are written (gettext_noop).
    return _(value) if value else ""


def reference_context(document: dict[str, Any]) -> dict[str, Any]:
    operations = []
    for path, methods in document.get("paths", {}).items():
        for method, spec in methods.items():
            parameters = [
                Parameter(
                    name=p["name"],
                    location=p.get("in", ""),
                    required=p.get("required", False),
                    type=_type(p.get("schema", {})),
                    description=_text(
                        p.get("description") or p.get("schema", {}).get("description")
                    ),
                    default=p.get("schema", {}).get("default"),
                )
                for p in spec.get("parameters", [])
            ]
            success = spec.get("responses", {}).get("200", {})
            schema = success.get("content", {}).get("application/json", {}).get("schema", {})
            returns = _first_ref(schema)
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=_text(spec.get("summary")),
                    description=_text(spec.get("description")),
                    anchor=spec.get("operationId", path),
                    parameters=parameters,
                    returns=returns,
                    returns_link=f"schema-{returns}" if returns else "",
                )
            )
    components = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        properties = [
            Property(
                name=prop_name,
                type=_type(prop),
                description=_text(prop.get("description")),
                schema_link=f"schema-{_first_ref(prop)}" if _first_ref(prop) else "",
            )
            for prop_name, prop in schema.get("properties", {}).items()
        ]
        components.append(Component(name=name, anchor=f"schema-{name}", properties=properties))
    return {
        "info": document.get("info", {}),
        "description": _text(document.get("info", {}).get("description")),
        "operations": operations,
        "components": components,
    }


def api_reference(request: HttpRequest) -> HttpResponse:
    from .api import api

    document = api.get_openapi_schema()
    context = reference_context(document)
    context.update(
        {
            "openapi_url": reverse(f"{API_NAMESPACE}:openapi-json"),
            "api_root": reverse(f"{API_NAMESPACE}:index"),
            "title": _("Open data API"),
        }
    )
    return TemplateResponse(request, "api/reference.html", context)
