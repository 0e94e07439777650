"""manage.py rebuild_mirror: build the whole static mirror again (for recovery, and once at
installation); or, with --url, render only those addresses again."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from portal.mirror.mirror import Mirror


class Command(BaseCommand):
    help = (
        "Render every public page (every language), feed, sitemap and download into the static "
        "mirror, with .gz and .br copies, and remove files that are no longer published."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help="Only this site-absolute address (repeatable): rewrite or remove it.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        mirror = Mirror()
        bar = None
        if not options["no_progress"]:
            bar = tqdm(total=0, unit="url", file=self.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.n = done
                bar.refresh()

        if options["url"]:
            result = mirror.refresh(options["url"], follow_links=False, progress=progress)
        else:
            result = mirror.rebuild(progress=progress)
        if bar is not None:
            bar.close()
        self.stdout.write(
            f"Mirror at {mirror.root}: {len(result.written)} written, "
            f"{len(result.unchanged)} unchanged, {len(result.removed)} removed, "
            f"{len(result.refused)} not mirrorable (made for one reader)."
        )
