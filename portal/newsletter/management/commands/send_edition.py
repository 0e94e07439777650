import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from portal.newsletter import sending
from portal.newsletter.models import Edition
from portal.newsletter.sending import Outcome

WATCH_INTERVAL = 2.0
MAX_WAIT = 300.0


class Command(BaseCommand):
    help = (
        "Send an edition with a progress bar: starts a draft (with --start), resumes an "
        "interrupted one, or follows one that the worker is sending."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("edition_id", type=int)
        parser.add_argument(
            "--start", action="store_true", help="Start sending a draft (it is final)."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (for logs and cron)."
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Stop when the mail server is unavailable instead of waiting for it.",
        )

    def handle(self, *args, edition_id: int, **options) -> None:
        edition = Edition.objects.filter(pk=edition_id).first()
        if edition is None:
            raise CommandError(f"There is no edition with id {edition_id}.")
        if edition.is_draft:
            if not options["start"]:
                raise CommandError(
                    f"Edition {edition} is a draft. Check it, then run again with --start."
                )
            count = sending.start_sending(edition)
            self.stdout.write(f"Sending {edition} to {count} subscribers.")
        progress = edition.progress()
        bar = tqdm(
            total=progress["total"],
            initial=progress["total"] - progress["remaining"],
            unit="msg",
            disable=options["no_progress"],
            file=self.stderr._out,
            desc=f"#{edition.number}",
        )
        try:
            result = self._send(edition, bar, once=options["once"])
        finally:
            bar.close()
        progress = edition.progress()
        self.stdout.write(
            f"{result}: sent {progress['sent']}, failed {progress['failed']}, "
            f"remaining {progress['remaining']}, uncertain {progress['uncertain']}, "
            f"skipped {progress['skipped']}."
        )

    def _send(self, edition: Edition, bar: tqdm, *, once: bool) -> Outcome:
        while True:
            result = sending.run(edition.pk, on_progress=lambda delivery: bar.update(1))
            if result.outcome in (Outcome.FINISHED, Outcome.NOT_SENDING):
                return result.outcome
            if result.outcome == Outcome.BUSY:
                self._follow(edition, bar)
                continue
            if once:
                return result.outcome
            wait = MAX_WAIT
            if result.retry_at:
                wait = min(MAX_WAIT, max(1.0, (result.retry_at - timezone.now()).total_seconds()))
            bar.set_postfix_str(f"{result.outcome}; retrying in {wait:.0f} s")
            time.sleep(wait)

    def _follow(self, edition: Edition, bar: tqdm) -> None:
        """Another process is sending: show its progress until it stops."""
        bar.set_postfix_str("sent by the worker")
        while True:
            edition.refresh_from_db()
            progress = edition.progress()
            bar.n = progress["total"] - progress["remaining"]
            bar.refresh()
            if not edition.runner or edition.status != Edition.Status.SENDING:
                return
            time.sleep(WATCH_INTERVAL)
