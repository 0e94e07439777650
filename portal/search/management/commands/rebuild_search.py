"""manage.py rebuild_search: recreate the site search's documents, vocabulary and embedded index
from the published pages (after restoring a backup, or when what is findable changed); or, with
--from-documents, refill only the embedded index from the stored documents (minutes for 100,000
pages: no page is read or segmented again).

Run it where the task worker runs, with the worker stopped or idle: the index has one writer."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from portal.search import documents, fulltext


class Command(BaseCommand):
    help = "Rebuild the site search index (documents, vocabulary, embedded index)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-documents",
            action="store_true",
            help="Refill only the embedded index from the stored search documents.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        bar = None
        if not options["no_progress"]:
            bar = tqdm(total=0, unit="doc", file=self.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.n = done
                bar.refresh()

        started = time.monotonic()
        if options["from_documents"]:
            count = documents.refill_index(progress=progress)
        else:
            count = documents.rebuild(progress=progress)
        if bar is not None:
            bar.close()
        seconds = time.monotonic() - started
        where = f" into {fulltext.index_dir()}" if fulltext.enabled() else ""
        self.stdout.write(
            f"Indexed {count} documents{where} in {seconds:.0f} s "
            f"({count / max(seconds, 0.001):.0f} documents/s)."
        )
