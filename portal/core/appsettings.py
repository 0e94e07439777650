"""One pattern for every app's settings.

Each app declares its settings once, in `portal/<app>/conf.py`, as a frozen dataclass that
subclasses `AppSettings`, each field with its default and a one-line description::

    @dataclass(frozen=True)
    class NewsletterSettings(AppSettings):
        prefix: ClassVar[str] = "NEWSLETTER_"
        batch_size: int = setting(100, "Messages sent over one SMTP connection.")

    def newsletter_settings() -> NewsletterSettings:
        return NewsletterSettings.load()

A value comes from the Django settings module (`NEWSLETTER_BATCH_SIZE`) if it sets one, else
from the environment variable of the same name, else the default. So an operator configures a
production server with environment variables alone, tests use `override_settings`, and
`describe_all()` lists every setting for the README's table. Values are read on each `load()`,
not cached, so `override_settings` takes effect at once; a load costs a few attribute lookups.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import types
import typing
from collections.abc import Iterator
from typing import Any, ClassVar, TypeVar, get_args, get_origin, get_type_hints

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

T = TypeVar("T", bound="AppSettings")

_REGISTRY: list[type[AppSettings]] = []


def setting(default: Any, description: str, *, secret: bool = False) -> Any:
    """A field with its default and the sentence the README shows for it."""
    kwargs: dict[str, Any] = {"metadata": {"description": description, "secret": secret}}
    if isinstance(default, list | dict | set):
        kwargs["default_factory"] = lambda: type(default)(default)
    else:
        kwargs["default"] = default
    return dataclasses.field(**kwargs)


@dataclasses.dataclass(frozen=True)
class AppSettings:
    """Base class: subclasses set `prefix` and declare fields with `setting()`."""

    prefix: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY.append(cls)

    @classmethod
    def setting_name(cls, field_name: str) -> str:
        return f"{cls.prefix}{field_name.upper()}"

    @classmethod
    def load(cls: type[T]) -> T:
        hints = get_type_hints(cls)
        values = {}
        for field in dataclasses.fields(cls):
            name = cls.setting_name(field.name)
            if hasattr(django_settings, name):
                values[field.name] = getattr(django_settings, name)
            elif name in os.environ:
                values[field.name] = parse_env(name, os.environ[name], hints[field.name])
        return cls(**values)


def parse_env(name: str, raw: str, annotation: Any) -> Any:
    """Turn an environment string into the field's type; a bad value stops start-up clearly."""
    kind, inner = _unwrap(annotation)
    text = raw.strip()
    try:
        if kind is bool:
            lowered = text.lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
        if kind in (list, tuple, frozenset, set):
            items: list[Any] = [item.strip() for item in text.split(",") if item.strip()]
            if inner is int:
                items = [int(item) for item in items]
            elif get_origin(inner) is tuple:
                # Pairs such as (code, label): "en:English,lo:Lao".
                items = [tuple(part.strip() for part in item.split(":", 1)) for item in items]
                if any(len(item) != 2 for item in items):
                    raise ValueError(raw)
            return kind(items)
        if kind is type(None):
            return None if text == "" else text
        return raw
    except ValueError as error:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not a valid {getattr(kind, '__name__', kind)}."
        ) from error


def _unwrap(annotation: Any) -> tuple[Any, Any]:
    """(container or scalar type, item type) with Optional removed."""
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        return str, None
    if origin in (list, tuple, frozenset, set):
        args = get_args(annotation)
        return origin, (args[0] if args else str)
    return annotation, None


def format_value(value: Any) -> str:
    """A value as its environment variable would say it (what parse_env reads back)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(
            ":".join(map(str, item)) if isinstance(item, tuple) else str(item) for item in value
        )
    return "" if value is None else str(value)


@dataclasses.dataclass(frozen=True)
class SettingDescription:
    name: str
    type: str
    default: str
    description: str
    app: str


def discover() -> None:
    """Import `conf` of every installed portal app, so that the registry holds them all."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("portal.") and module_has_submodule(config.module, "conf"):
            importlib.import_module(f"{config.name}.conf")


def describe_all(*, include_tests: bool = False) -> Iterator[SettingDescription]:
    """Every declared app setting of the installed portal apps, by app. Classes declared in
    tests (modules under a `tests` package) are left out unless `include_tests`."""
    discover()
    classes = [cls for cls in _REGISTRY if include_tests or ".tests" not in cls.__module__]
    for cls in sorted(classes, key=lambda c: (c.__module__, c.prefix)):
        hints = get_type_hints(cls)
        for field in dataclasses.fields(cls):
            if field.default is not dataclasses.MISSING:
                default = field.default
            elif field.default_factory is not dataclasses.MISSING:
                default = field.default_factory()
            else:
                default = ""
            if field.metadata.get("secret"):
                default = "(unset)" if not default else "(set)"
            yield SettingDescription(
                name=cls.setting_name(field.name),
                type=getattr(hints[field.name], "__name__", str(hints[field.name])),
                default=format_value(default),
                description=field.metadata.get("description", ""),
                app=cls.__module__.rsplit(".", 1)[0],
            )
