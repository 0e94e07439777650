"""The newsletter page (/newsletter/), created once; editors' changes are left alone."""

from wagtail.models import Locale, Site

from portal.core.demo import Log

from .models import NewsletterPage

INTRO = (
    "Once a month, the portal's editors send a short email with what was added to the portal: "
    "updates, coming events and new laws, plans and reports in the library."
)
BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>You choose what you receive. Leave the interests empty to get every item, or "
            "pick the countries and topics you work on: you will get the items about them, "
            "plus the few that the editors send to everyone. The newsletter comes in English, "
            "Lao or Thai where a translation exists.</p>"
            "<p>We send nothing until you confirm your address with the link we email you. "
            "Every newsletter has a link to change your choices and a link to unsubscribe in "
            "one click. Your address is used for this newsletter only and is never shared.</p>"
        ),
    }
]


def load(log: Log) -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    if NewsletterPage.objects.child_of(home).exists():
        return
    page = NewsletterPage(
        title="Newsletter", slug="newsletter", intro=INTRO, body=BODY, locale=Locale.get_default()
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    log(f"  created the newsletter page: {page.url_path}")
