from django.core.management.base import BaseCommand
from django.db import transaction

from portal.core.demo import load_all


class Command(BaseCommand):
    help = "Create the demo content that is missing (idempotent: existing content is left alone)."

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]

        def log(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(message)

        with transaction.atomic():
            load_all(log)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
