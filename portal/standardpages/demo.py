import json
from pathlib import Path

from wagtail.models import Locale, Site

from portal.core.demo import Log
from portal.core.models import PortalSettings

from .models import StandardPage

DATA_FILE = Path(__file__).parent / "demo_data" / "pages.json"


def load(log: Log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    locale = Locale.get_default()
    portal_settings = PortalSettings.for_site(site)
    changed_settings = False
    for key, spec in json.loads(DATA_FILE.read_text()).items():
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"], locale=locale).first()
        if page is None:
            page = StandardPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"]
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            log(f"  created {key}: {page.url_path}")
        if getattr(portal_settings, f"{spec['setting']}_id") is None:
            setattr(portal_settings, spec["setting"], page)
            changed_settings = True
    if changed_settings:
        portal_settings.save()
