from django.core.management.base import BaseCommand

from portal.mailer.outbox import send_due_emails


class Command(BaseCommand):
    help = "Send stored emails that are due (use --all to retry every queued one now)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="Also send those not yet due.")

    def handle(self, *args, **options) -> None:
        sent, not_sent = send_due_emails(include_not_due=options["all"])
        self.stdout.write(f"Sent {sent}, not sent {not_sent}.")
