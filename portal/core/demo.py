"""Demo content: each app may have a `demo` module with `load(log)`; `manage.py load_demo` runs
them in INSTALLED_APPS order. Loaders must be idempotent and must not overwrite what editors
changed: they create what is missing and leave existing content alone.

Every figure a loader writes comes from a real, cited source kept in the repository.
"""

import importlib
import logging
from collections.abc import Callable, Iterator

from django.apps import apps

logger = logging.getLogger(__name__)

Log = Callable[[str], None]


def demo_loaders() -> Iterator[tuple[str, Callable[[Log], None]]]:
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if app_config.name == __name__.rsplit(".", 1)[0]:
            continue  # this module
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        yield app_config.label, module.load


def load_all(log: Log = logger.info) -> None:
    for label, load in demo_loaders():
        log(f"Demo content: {label}")
        load(log)
