"""The layers of the portal's apps, bottom first: the one place the import rule is written down.

An app may import an app of a lower layer, and within its own layer an app listed before it;
never one above it (a lower app that needs something from a higher one offers a hook: a
registry, a signal, a Wagtail hook or a setting, which the higher app fills in its
AppConfig.ready). The order within a layer makes cycles impossible. The project's own modules
(`portal/urls.py`, `portal/wsgi.py`, `portal/settings/`) sit above every app: they assemble them.
Test code is outside the rule: `tests/` folders, `test_*.py`, `conftest.py`, and the test
helpers (`testing.py`, `testing/` packages).

portal.core.tests.test_layers scans every other module's imports (module level and inside
functions) with `upward_imports`; the README's "Layers" paragraph shows `LAYERS`.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "portal"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("core",)),
    # search before taxonomy: taxonomy's page types follow search's contract; search learns a
    # page's countries and topics through portal.search.classification, which taxonomy fills.
    ("shared services", ("languages", "sources", "mailer", "security", "search", "taxonomy")),
    # countries and accounts first: the collections tag pages with countries, the needs board
    # belongs to accounts; desk, the editors' dashboard over all of them, last.
    (
        "content",
        (
            "countries",
            "accounts",
            "library",
            "organizations",
            "updates",
            "standardpages",
            "home",
            "inquiries",
            "newsletter",
            "needs",
            "desk",
        ),
    ),
    # api before opendata (the bulk files reuse the API's records), the mirror over both and
    # the offline copy; operations (backups, retention) over everything.
    ("top", ("api", "offline", "opendata", "mirror", "operations")),
)

# Modules of the package that are not apps: they assemble the apps, above all of them.
PROJECT_MODULES = ("__init__", "urls", "wsgi", "settings")

RANKS: dict[str, int] = {
    app: index for index, app in enumerate(app for _layer, apps in LAYERS for app in apps)
}
PROJECT_RANK = len(RANKS)


def layer_of(app: str) -> str:
    return next(name for name, apps in LAYERS if app in apps)


def rank_of(top_level: str) -> int | None:
    """The position of `portal.<top_level>` in the order; None for an unknown name."""
    if top_level in RANKS:
        return RANKS[top_level]
    if top_level in PROJECT_MODULES:
        return PROJECT_RANK
    return None


def is_test_code(relative: Path) -> bool:
    """Tests and test helpers, which may import any app (relative to the package's folder)."""
    parts = relative.parts
    return (
        "tests" in parts[:-1]
        or "testing" in parts[:-1]
        or relative.name in ("conftest.py", "testing.py")
        or relative.name.startswith("test_")
    )


@dataclass(frozen=True)
class UpwardImport:
    path: Path
    line: int
    importer: str
    imported: str
    module: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.importer} imports {self.module} "
            f"({self.imported} is not below {self.importer}; see portal.core.layers)"
        )


def _module_name(package_dir: Path, path: Path) -> list[str]:
    relative = path.relative_to(package_dir.parent).with_suffix("")
    parts = list(relative.parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported_modules(tree: ast.AST, path: Path, module: list[str]) -> Iterator[tuple[int, str]]:
    """Every module an import statement names, at any depth (function-level imports too)."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module if is_package else module[:-1]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            yield node.lineno, name
            # `from portal import countries` names the app in the alias.
            if name == PACKAGE:
                for alias in node.names:
                    yield node.lineno, f"{PACKAGE}.{alias.name}"


def upward_imports(package_dir: Path) -> list[UpwardImport]:
    """Imports in the package's non-test modules that point up (or to an unknown app)."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir)
        if is_test_code(relative):
            continue
        importer = relative.parts[0].removesuffix(".py")
        importer_rank = rank_of(importer)
        module = _module_name(package_dir, path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _imported_modules(tree, path, module):
            parts = name.split(".")
            if parts[0] != PACKAGE or len(parts) < 2 or parts[1] == importer:
                continue
            imported_rank = rank_of(parts[1])
            if importer_rank is None or imported_rank is None or imported_rank > importer_rank:
                found.append(UpwardImport(path, line, importer, parts[1], name))
    return found


def markdown_table() -> str:
    """The layers as the README shows them, bottom first."""
    rows = ["| Layer | Apps (an app may import those before it) |", "|---|---|"]
    for name, apps in LAYERS:
        rows.append(f"| {name} | {', '.join(f'`{app}`' for app in apps)} |")
    return "\n".join(rows)
