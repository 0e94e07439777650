"""pyproject.toml declares ranges, constraints.txt pins one version of each package within them
(and of everything they pull in); `make upgrade` moves the pins (README: "Upgrades")."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in lines]


def pins() -> dict[str, Version]:
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not an exact pin"
            assert "[" not in name, f"constraints.txt: {line!r}: constraints take no extras"
            pinned[canonicalize_name(name)] = Version(version)
    return pinned


def test_every_declared_package_is_pinned_within_its_range():
    pinned = pins()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {name}=={pinned[name]}, outside {requirement}"
        )


def test_pyproject_declares_ranges_not_pins():
    for requirement in declared():
        assert not any(spec.operator == "==" for spec in requirement.specifier), (
            f"{requirement}: declare a range in pyproject.toml; the pin goes in constraints.txt"
        )
        assert any(spec.operator in (">=", "~=") for spec in requirement.specifier), requirement
