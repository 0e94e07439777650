from datetime import date

from django import template

from portal.core.dates import DatePrecision, display_date_html, format_partial_date
from portal.taxonomy.models import localized_topics

register = template.Library()


@register.filter
def partial_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """{{ event.start_date|partial_date:event.date_precision }} -> "August 2006"."""
    return format_partial_date(value, precision)


@register.simple_tag
def display_date(page: object) -> str:
    """A page's display_date as a <time> element, only as precise as it is known."""
    return display_date_html(page)


@register.inclusion_tag("taxonomy/includes/classification.html")
def classification(page: object) -> dict:
    """The countries and topics of a page, each linking to everything else about it."""
    return {
        "countries": list(page.countries.all()) if hasattr(page, "countries") else [],
        "topics": localized_topics(page.topics.all()) if hasattr(page, "topics") else [],
    }


@register.simple_tag(takes_context=True)
def page_link(context: template.Context, parameter: str, number: int) -> str:
    """The current address with one page parameter changed (other filters kept)."""
    request = context["request"]
    query = request.GET.copy()
    query[parameter] = str(number)
    return "?" + query.urlencode()


# {% for topic in country.forms.all|localized_topics %}: each topic in the reader's language
# where it is translated, in one query for the list (`topic.localized` is one query per topic).
register.filter("localized_topics", localized_topics)
