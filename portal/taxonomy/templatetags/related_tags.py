from django import template
from wagtail.models import Page

from portal.taxonomy.related import related_links, related_pages

register = template.Library()

SHOWN = 5


@register.inclusion_tag("taxonomy/includes/related_content.html", takes_context=True)
def related_content(context: template.Context, page: Page) -> dict:
    """The "Related pages on this site" and "Related external links" boxes of a page."""
    pages = related_pages(page, limit=SHOWN + 1)
    links = related_links(page)
    return {
        "request": context.get("request"),
        "subject": page,
        "related": pages,
        "shown_pages": pages.pages[:SHOWN],
        "more_pages": pages.total > SHOWN,
        "shown_links": links[:SHOWN],
        "more_links": len(links) > SHOWN,
    }
