from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.inquiries import privacy
from portal.inquiries.conf import inquiry_settings


class Command(BaseCommand):
    help = (
        "Close answered inquiries that heard nothing for PORTAL_INQUIRY_AUTO_CLOSE_DAYS "
        "(default 90), then erase the personal data of inquiries and contact messages closed "
        "longer ago than the retention period (PORTAL_INQUIRY_RETENTION_MONTHS, default 24). "
        "Anonymous facts (dates, queue, role, countries, topic, status) are kept for statistics."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Retention period in months (default: the setting).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be erased; change nothing."
        )

    def handle(self, *args, months: int | None, dry_run: bool, **options) -> None:
        months = inquiry_settings().retention_months if months is None else months
        if months < 0:
            raise CommandError("The retention period cannot be negative.")
        if dry_run:
            references = list(privacy.purgeable(months).values_list("reference", flat=True))
            verb = "Would erase"
        else:
            closed = privacy.close_answered()
            if closed:
                self.stdout.write(
                    f"Closed {len(closed)} answered inquiries with no reply since: "
                    + ", ".join(closed)
                )
            references = privacy.purge(months)
            verb = "Erased"
        self.stdout.write(
            f"{verb} the personal data of {len(references)} inquiries closed more than "
            f"{months} months ago."
        )
        for reference in references:
            self.stdout.write(f"  {reference}")
