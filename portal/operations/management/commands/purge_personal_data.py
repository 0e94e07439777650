from django.core.management.base import BaseCommand, CommandParser

from portal.operations import retention


class Command(BaseCommand):
    help = (
        "Remove personal data past its retention period: closed inquiries' details, email "
        "bodies in the outbox (PORTAL_OUTBOX_RETENTION_DAYS; expired links at once), relayed "
        "needs-board messages whose connection closed, expired sessions, and audit log "
        "entries past PORTAL_AUDIT_LOG_RETENTION_DAYS. Run daily (deploy/systemd)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be removed; change nothing."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        verb = "Would remove" if dry_run else "Removed"
        for name, count in retention.run(dry_run=dry_run):
            self.stdout.write(f"{verb} {count}: {name}")
