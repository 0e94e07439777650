"""Demo content: the Inquiry Corner with its "Questions answered" list, and Contact Us.

No example inquiries or Q&A are created: they would be invented. Pages are created once; an
existing page with the same slug (for example an older Contact Us standard page) is left as it
is, and so are the portal settings once someone has chosen a contact page.
"""

import json
from pathlib import Path

from wagtail.models import Locale, Page, Site

from portal.core.demo import Log
from portal.core.models import PortalSettings

from .models import AnsweredQuestionIndexPage, ContactPage, InquiryCornerPage
from .permissions import grant_desk_page_permissions

DATA_FILE = Path(__file__).parent / "demo_data" / "pages.json"


def _get_or_create(parent: Page, model, spec: dict, log: Log, **fields):
    existing = parent.get_children().filter(slug=spec["slug"], locale=Locale.get_default()).first()
    if existing is not None:
        specific = existing.specific
        return specific if isinstance(specific, model) else None
    page = model(title=spec["title"], slug=spec["slug"], intro=spec["intro"], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"  created {page.url_path}")
    return page


def load(log: Log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    data = json.loads(DATA_FILE.read_text())

    corner = _get_or_create(
        home, InquiryCornerPage, data["inquiry_corner"], log, body=data["inquiry_corner"]["body"]
    )
    if corner is not None:
        index_page = _get_or_create(
            corner, AnsweredQuestionIndexPage, data["questions_answered"], log
        )
        if index_page is not None:
            grant_desk_page_permissions(index_page)

    contact = _get_or_create(home, ContactPage, data["contact"], log, body=data["contact"]["body"])
    if contact is None:
        log("  a page with the slug contact-us exists and is not a contact page: left as it is")
        return
    portal_settings = PortalSettings.for_site(site)
    if portal_settings.contact_page_id is None:
        portal_settings.contact_page = contact
        portal_settings.save()
