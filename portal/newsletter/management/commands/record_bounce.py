from django.core.management.base import BaseCommand, CommandError

from portal.newsletter.bounces import UnknownAddress, record_bounce
from portal.newsletter.models import Bounce


class Command(BaseCommand):
    help = "Record a bounce for a subscriber's address (e.g. from a bounce-processing script)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--soft", action="store_true", help="A temporary failure.")
        parser.add_argument("--note", default="", help="What the bounce message said.")

    def handle(self, *args, email: str, soft: bool, note: str, **options) -> None:
        kind = Bounce.Kind.SOFT if soft else Bounce.Kind.HARD
        try:
            bounce = record_bounce(email, kind=kind, note=note)
        except UnknownAddress:
            raise CommandError(f"No subscriber has the address {email}.") from None
        subscriber = bounce.subscriber
        subscriber.refresh_from_db()
        state = "failing" if subscriber.is_failing else "still receiving"
        self.stdout.write(f"Recorded; {subscriber.bounce_count} bounces, {state}.")
