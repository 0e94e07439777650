"""The README's configuration table is what the code declares, and the list of environment
variables (portal/operations/environment.py) is what the settings modules read."""

import re
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from portal.operations.environment import ENVIRONMENT
from portal.operations.management.commands.describe_settings import markdown_table, setting_rows

ROOT = Path(__file__).resolve().parents[3]
START = "<!-- settings table: manage.py describe_settings --markdown -->"
END = "<!-- end of settings table -->"
# os.environ.get("X" / os.environ["X"] / required_env("X") / env_flag("X" in the settings.
READ = re.compile(
    r"""(?:os\.environ(?:\.get)?\(?\[?|required_env\(|env_flag\()["']([A-Z0-9_]+)["']"""
)


def readme_table() -> str:
    text = (ROOT / "README.md").read_text()
    assert START in text and END in text, f"README.md lost the markers {START!r} … {END!r}"
    return text.split(START, 1)[1].split(END, 1)[0].strip() + "\n"


def names(table: str) -> list[str]:
    return re.findall(r"^\| `([A-Z0-9_]+)` \|", table, re.M)


def test_every_setting_is_in_the_readme_and_every_row_is_a_setting():
    in_code, in_readme = names(markdown_table()), names(readme_table())
    missing = sorted(set(in_code) - set(in_readme))
    gone = sorted(set(in_readme) - set(in_code))
    assert not missing, f"Settings missing from the README: {missing}"
    assert not gone, f"README rows for settings that no longer exist: {gone}"


def test_the_readme_table_is_the_generated_one():
    assert readme_table() == markdown_table(), (
        "README.md's settings table differs from the code: paste the output of "
        "`manage.py describe_settings --markdown` between the markers"
    )


def test_the_command_prints_the_table():
    out = StringIO()
    call_command("describe_settings", "--markdown", stdout=out)
    assert out.getvalue() == markdown_table()
    assert len(names(out.getvalue())) == len(setting_rows())


def test_the_settings_modules_read_exactly_the_declared_variables():
    read: set[str] = set()
    for module in (ROOT / "portal" / "settings").glob("*.py"):
        # The test settings are not an operator's: they may read variables a developer sets
        # to run the suite another way (PORTAL_SEARCH_ENGINE=tantivy).
        if module.name != "test.py":
            read |= set(READ.findall(module.read_text()))
    declared = {v.name for v in ENVIRONMENT if v.read_in == "settings"}
    assert read - declared == set(), "read in portal/settings but not in environment.py"
    assert declared - read == set(), "declared in environment.py but read nowhere"
    for variable in ENVIRONMENT:
        if variable.read_in != "settings":
            assert variable.name in (ROOT / variable.read_in).read_text(), variable


def test_the_example_environment_file_names_only_real_settings():
    known = set(names(markdown_table()))
    example = (ROOT / "deploy" / "portal.env.example").read_text()
    used = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M)
    assert used, "deploy/portal.env.example names no variable"
    assert set(used) - known == set(), "deploy/portal.env.example names unknown settings"
