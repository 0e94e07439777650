"""The campaign page, from demo_data/board.json. No demo posts: needs and offers come from real
organisations and people, and inventing some would put invented facts on a public board."""

import json
from pathlib import Path

from wagtail.models import Locale, Site

from portal.core.demo import Log

from .models import NeedsBoardPage

DATA_FILE = Path(__file__).parent / "demo_data" / "board.json"


def load(log: Log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    locale = Locale.get_default()
    if NeedsBoardPage.objects.filter(locale=locale).exists():
        return  # editors own it from here on
    spec = json.loads(DATA_FILE.read_text())
    page = NeedsBoardPage(
        title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"]
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log(f"  created the campaign page: {page.url_path}")
