from django.core.management.base import BaseCommand, CommandParser

from portal.desk.links import check_links


class Command(BaseCommand):
    help = (
        "Check the addresses of sources and related links (HEAD, then GET if refused), at most "
        "PORTAL_LINK_CHECK_MAX_PER_RUN per run, least recently checked first, and record "
        "what was found. Run by the portal-check-links systemd timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, help="Check at most this many addresses.")

    def handle(self, *args, **options) -> None:
        report = check_links(limit=options["limit"])
        for url, status in report.failures:
            self.stdout.write(f"failing: {url} ({status})")
        self.stdout.write(
            f"Checked {report.checked} address(es): {report.failed} failing, "
            f"{report.records_updated} record(s) updated."
        )
