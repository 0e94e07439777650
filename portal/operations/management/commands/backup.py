from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one dated archive of the database and the media files into the folder DEST, "
        "with a manifest and SHA-256 checksums (encrypted to PORTAL_BACKUP_AGE_RECIPIENT when "
        "it is set)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="Folder the archive is written to.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, destination: str, database: str, **options) -> None:
        try:
            result = create_backup(Path(destination), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(result.manifest["counts"].values())
        media = sum(1 for name in result.manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Wrote {result.path} ({'encrypted, ' if result.encrypted else ''}"
            f"{rows} rows, {media} media files)."
        )
