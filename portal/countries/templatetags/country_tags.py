from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def region_url(context: template.Context, index_page, region: str) -> str:
    """The regional flows page of a region (under the given countries index page)."""
    if index_page is None:
        return ""
    request: HttpRequest | None = context.get("request")
    return index_page.get_url(request) + index_page.reverse_subpage("region", args=[region])


@register.simple_tag(takes_context=True)
def country_url(context: template.Context, index_page, country) -> str:
    if index_page is None:
        return ""
    return index_page.country_url(country, context.get("request"))
