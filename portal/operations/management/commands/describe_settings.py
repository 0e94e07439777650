"""Every operator-facing setting: the environment variables the settings package reads and
each app's own settings (portal/<app>/conf.py). `--markdown` prints the README's table."""

from django.core.management.base import BaseCommand, CommandParser

from portal.core.appsettings import describe_all
from portal.operations.environment import ENVIRONMENT

HEADER = ["Setting", "Default", "What it does", "Where"]


def setting_rows() -> list[tuple[str, str, str, str]]:
    """(name, default, description, where): the settings package's variables first, then the
    apps' settings, app by app."""
    rows = [
        (
            variable.name,
            variable.default,
            variable.description,
            "portal.settings" if variable.read_in == "settings" else variable.read_in,
        )
        for variable in ENVIRONMENT
    ]
    rows += [(row.name, row.default, row.description, row.app) for row in describe_all()]
    return rows


def _cell(text: str, *, code: bool = False) -> str:
    text = text.replace("|", "\\|")
    if not text:
        return "(empty)" if code else ""
    return f"`{text}`" if code else text


def markdown_table() -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for name, default, description, where in setting_rows():
        cells = [_cell(name, code=True), _cell(default, code=True), _cell(description), where]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = (
        "List every operator-facing setting with its default (Django settings module, else the "
        "environment variable of the same name, else the default)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--markdown", action="store_true", help="The README's table (Configuration)."
        )

    def handle(self, *args, markdown: bool, **options) -> None:
        if markdown:
            self.stdout.write(markdown_table(), ending="")
            return
        for name, default, description, where in setting_rows():
            self.stdout.write(f"{name} = {default!r}  [{where}]\n    {description}")
