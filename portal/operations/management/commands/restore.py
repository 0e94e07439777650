from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.operations.backup import BackupError
from portal.operations.restore import restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive made by `backup` into an empty database and media folder: verify "
        "every checksum first (a damaged archive is refused), then rebuild the search index "
        "and the mirror."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar (or .tar.age) file.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database or media folder is not empty.",
        )
        parser.add_argument(
            "--identity", default=None, help="age private key file, for an encrypted archive."
        )
        parser.add_argument(
            "--no-rebuild",
            action="store_true",
            help="Skip rebuilding the search index and mirror.",
        )

    def handle(self, *args, archive: str, database: str, force: bool, identity, **options):
        try:
            report = restore_archive(
                Path(archive),
                alias=database,
                force=force,
                identity_file=identity,
                rebuild=not options["no_rebuild"],
                stdout=self.stdout,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not report["whole_file_checked"]:
            self.stderr.write("No .sha256 side file beside the archive: checked each member only.")
        manifest = report["manifest"]
        self.stdout.write(
            f"Restored the backup of {manifest['created']} "
            f"({sum(manifest['counts'].values())} rows, {report['media']} media files)."
        )
        if report["rebuilt"]:
            self.stdout.write("Rebuilt: " + ", ".join(report["rebuilt"]) + ".")
        for label, (expected, found) in report["mismatches"].items():
            self.stderr.write(f"{label}: {found} rows, the backup had {expected}.")
        if report["mismatches"]:
            raise CommandError("Some tables do not hold what the backup listed (see above).")
