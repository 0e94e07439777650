"""Layers point down: no app imports an app above it (portal.core.layers), and the README's
architecture table and Layers paragraph say what the code does."""

import re
from pathlib import Path

from django.apps import apps

from portal.core import layers

PACKAGE_DIR = Path(layers.__file__).resolve().parent.parent
README = PACKAGE_DIR.parent / "README.md"


def portal_apps() -> set[str]:
    return {
        config.name.split(".")[1]
        for config in apps.get_app_configs()
        if config.name.startswith(f"{layers.PACKAGE}.")
    }


def test_no_app_imports_an_app_above_it() -> None:
    found = list(layers.upward_imports(PACKAGE_DIR))
    assert not found, "Upward imports:\n" + "\n".join(str(f) for f in found)


def test_every_installed_app_has_one_place() -> None:
    listed = [app for _layer, names in layers.LAYERS for app in names]
    assert len(listed) == len(set(listed)), "an app is listed twice in portal.core.layers"
    assert set(listed) == portal_apps()


def _synthetic_package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / layers.PACKAGE
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_an_upward_import_fails_with_file_and_line(tmp_path: Path) -> None:
    package = _synthetic_package(
        tmp_path,
        {
            "core/__init__.py": "",
            "core/bad.py": "import os\n\n\ndef f():\n    from portal.api.middleware import X\n",
            "taxonomy/listing.py": "from portal.countries.models import Country\n",
            "search/views.py": "from portal import home\n",
            "languages/relative.py": "from ..desk import links\n",
        },
    )
    found = {
        (f.path.relative_to(package).as_posix(), f.line, f.imported) for f in found_in(package)
    }
    assert found == {
        ("core/bad.py", 5, "api"),  # inside a function
        ("taxonomy/listing.py", 1, "countries"),  # a shared service imports a content app
        ("search/views.py", 1, "home"),
        ("languages/relative.py", 1, "desk"),  # relative imports are resolved
    }
    message = str(next(f for f in found_in(package) if f.imported == "api"))
    assert "core/bad.py:5" in message and "portal.api.middleware" in message


def found_in(package: Path) -> list[layers.UpwardImport]:
    return layers.upward_imports(package)


def test_siblings_follow_the_written_order(tmp_path: Path) -> None:
    package = _synthetic_package(
        tmp_path,
        {
            "taxonomy/pages.py": "from portal.search.mixins import M\n",  # search is before it
            "search/documents.py": "from portal.taxonomy.models import ClassifiedMixin\n",
            "desk/dashboard.py": "from portal.needs.models import Need\n",
            "countries/models.py": "from portal.library.models import ResourcePage\n",
        },
    )
    assert {(f.importer, f.imported) for f in found_in(package)} == {
        ("search", "taxonomy"),
        ("countries", "library"),
    }


def test_downward_project_and_test_imports_pass(tmp_path: Path) -> None:
    package = _synthetic_package(
        tmp_path,
        {
            "api/routers.py": "from portal.countries.models import Country\nfrom . import x\n",
            "urls.py": "from portal.api.api import api\nfrom portal.mirror import views\n",
            "core/tests/test_x.py": "from portal.api.api import api\n",
            "core/testing/pages.py": "from portal.home.models import HomePage\n",
            "taxonomy/testing.py": "from portal.library.models import ResourcePage\n",
            "conftest.py": "from portal.operations import retention\n",
        },
    )
    assert found_in(package) == []


def test_an_unknown_app_fails(tmp_path: Path) -> None:
    package = _synthetic_package(tmp_path, {"newapp/models.py": "import portal.core\n"})
    assert [f.importer for f in found_in(package)] == ["newapp"]


def _readme_section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#+ )", text, re.M | re.S)
    assert match, f"README has no section {heading!r}"
    return match.group(1)


def test_readme_shows_the_layers() -> None:
    assert layers.markdown_table() in _readme_section("Layers")


def test_readme_architecture_table_lists_each_app_once() -> None:
    """Rows "| `app` | ..." anywhere in the README (a stray row after another section counts)."""
    rows = re.findall(r"^\| `([a-z_]+)` \|", README.read_text(encoding="utf-8"), re.M)
    assert sorted(rows) == sorted(portal_apps()), "each app once, and only the apps"
    assert set(rows) <= set(
        re.findall(r"^\| `([a-z_]+)` \|", _readme_section("Architecture"), re.M)
    )
