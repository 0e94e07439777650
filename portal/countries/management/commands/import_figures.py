from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.countries.figure_import import CREATED, FileError, ImportReport, import_figures


class Command(BaseCommand):
    help = (
        "Add or change figures from a CSV file with the columns of the figures download "
        "(/countries/csv/figures/). Any error on any line and nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; store nothing."
        )

    def handle(self, *args, **options) -> None:
        try:
            report = import_figures(options["file"].read_bytes(), dry_run=options["dry_run"])
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        except FileError as error:
            raise CommandError(str(error)) from error
        self._write(report)
        if report.errors:
            raise CommandError(
                f"{len(report.errors)} line(s) with errors: nothing was stored. "
                "Correct them and import the file again."
            )

    def _write(self, report: ImportReport) -> None:
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        for row in report.changed_rows:
            what = "add" if row.action == CREATED else "change " + ", ".join(row.changes)
            self.stdout.write(f"line {row.line}: {what}: {row.figure}")
        verb = "would be" if report.dry_run or report.errors else "were"
        self.stdout.write(
            f"{report.count('created')} figure(s) {verb} added, {report.count('changed')} "
            f"changed, {report.count('unchanged')} unchanged."
        )
