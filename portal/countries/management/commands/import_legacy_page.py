"""manage.py import_legacy_page FILE --country LA

Reads a plain-text snapshot of an old humantrafficking.org country page and creates or updates
a draft of the country's profile: sections by their headings, footnote marks turned into
citations, footnotes turned into sources (reused only under the rules of legacy/reuse.py, else
created), site chrome dropped. Prints a report of every anomaly and every reuse decision; what
is not certain stays visible in the draft.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.countries.legacy.importer import (
    SOURCES_HEADING,
    LegacyImportError,
    import_legacy_page,
)
from portal.countries.legacy.parser import parse


class Command(BaseCommand):
    help = "Import an old humantrafficking.org country page (plain text) as a draft profile."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the plain-text snapshot")
        parser.add_argument(
            "--country", required=True, help="ISO 3166-1 alpha-2 code of the country, e.g. LA"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report only; write nothing to the database"
        )

    def handle(self, *args, file: Path, country: str, dry_run: bool, **options) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        legacy = parse(text)
        if not legacy.sections:
            raise CommandError(f"{file} has no section (a heading followed by text) to import.")
        try:
            result = import_legacy_page(legacy, file, country, dry_run=dry_run)
        except LegacyImportError as error:
            raise CommandError(str(error)) from error

        paragraphs = sum(len(s.paragraphs) for s in legacy.sections)
        self.stdout.write(
            f"{file.name} -> {country.upper()}: {len(legacy.sections)} sections, {paragraphs} "
            f"paragraphs, {result.citations} citations, {len(legacy.notes)} notes -> "
            f"{len(result.sources_created) + len(result.sources_found)} sources "
            f"({len(result.sources_created)} new, {len(result.sources_found)} already known)."
        )
        if options["verbosity"] >= 2:
            for line in legacy.dropped:
                self.stdout.write(f"  dropped (site chrome): {line}")
            for source in result.sources_created:
                self.stdout.write(f"  new source: {source.title}")
            for source in result.sources_found:
                self.stdout.write(f"  known source: {source.title}")
        if legacy.anomalies:
            self.stdout.write(self.style.WARNING(f"Anomalies ({len(legacy.anomalies)}):"))
            for number, anomaly in enumerate(legacy.anomalies, start=1):
                self.stdout.write(f"  {number}. {anomaly}")
        else:
            self.stdout.write("No anomalies: every mark matched its note.")
        self.stdout.write(SOURCES_HEADING)
        for decision in result.decisions:
            self.stdout.write(f"  - {decision}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif result.created_page:
            self.stdout.write(self.style.SUCCESS(f"Created a draft profile: {result.page.title}."))
        elif result.changed:
            self.stdout.write(self.style.SUCCESS(f"Saved a new draft of {result.page.title}."))
        else:
            self.stdout.write("No changes: the profile's latest draft already has this content.")
