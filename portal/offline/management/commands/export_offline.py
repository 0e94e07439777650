import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.countries.models import Country
from portal.offline.exporter import ExportError, OfflineExporter


class Command(BaseCommand):
    help = (
        "Write the public site (every language) as static files with relative links, an offline "
        "search page, and the stylesheet, images and documents, into a folder (and a .zip). "
        "With --country, only what concerns one country (a country pack)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--country", help="ISO 3166 alpha-2 code, e.g. LA: a country pack")
        parser.add_argument(
            "--output",
            type=Path,
            help="folder to write (default: var/offline/portal-offline or country-<code>)",
        )
        parser.add_argument("--zip", action="store_true", help="also write <folder>.zip")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options) -> None:
        country = options["country"]
        if country and not Country.objects.filter(iso2__iexact=country).exists():
            raise CommandError(f"No country with the code {country!r}.")
        name = f"country-{country.lower()}" if country else "portal-offline"
        output = options["output"] or settings.VAR_DIR / "offline" / name
        show_progress = not options["no_progress"] and options["verbosity"] > 0
        bar = tqdm(
            total=0, unit="file", desc="Exporting", file=sys.stderr, disable=not show_progress
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            result = OfflineExporter(output, country=country, progress=progress).run(
                make_zip=options["zip"]
            )
        except ExportError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        self.stdout.write(
            f"Wrote {result.files} files ({result.pages} pages, {result.bytes / 1e6:.1f} MB) "
            f"to {result.root} in {result.seconds:.1f} s."
        )
        if result.zip_path:
            self.stdout.write(f"Zip: {result.zip_path} ({result.zip_bytes / 1e6:.1f} MB)")
        for url in result.not_exported:
            self.stderr.write(f"Not exported (did not render): {url}")
        self.stdout.write(self.style.SUCCESS(f"Open {result.root / 'index.html'} in a browser."))
