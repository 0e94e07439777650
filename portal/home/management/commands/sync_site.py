from django.conf import settings
from django.core.management.base import BaseCommand

from portal.home.site import sync_site_with_base_url


class Command(BaseCommand):
    help = "Set the default Wagtail Site's hostname and port from PORTAL_BASE_URL."

    def handle(self, *args, **options) -> None:
        changed = sync_site_with_base_url()
        state = "updated to" if changed else "already"
        self.stdout.write(f"Default site {state} {settings.WAGTAILADMIN_BASE_URL}")
