from django.core.management.base import BaseCommand

from portal.needs.expiry import expire_posts


class Command(BaseCommand):
    help = (
        "Mark needs and offers whose date has passed as expired and tell their owners. "
        "Run daily (cron); the board hides outdated posts even when this has not run."
    )

    def handle(self, *args, **options) -> None:
        count = expire_posts()
        self.stdout.write(f"Expired {count} post(s).")
