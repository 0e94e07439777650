"""Page metadata for search engines and link previews: canonical URL, Open Graph and
schema.org JSON-LD. base.html renders `{% page_meta %}` in its meta block on every page."""

import json

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, to_locale
from wagtail.models import Page

register = template.Library()

# Characters that could end the <script> element or start markup inside it.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> element, safe against `</script>`."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


@register.inclusion_tag("taxonomy/includes/page_meta.html", takes_context=True)
def page_meta(context: template.Context) -> dict:
    """Views that are not pages may put `meta_title` and `meta_description` in the context."""
    request = context.get("request")
    page = context.get("page")
    title = context.get("meta_title", "")
    description = context.get("meta_description", "")
    url = request.build_absolute_uri(request.path) if request is not None else ""
    og_type = "website"
    data = None
    if isinstance(page, Page):
        title = page.seo_title or page.title
        get_description = getattr(page, "get_meta_description", None)
        description = get_description() if get_description else page.search_description
        url = page.get_full_url(request) or url
        get_data = getattr(page, "get_structured_data", None)
        data = get_data(request) if get_data else None
        if data and data.get("@type") in ("Article", "NewsArticle"):
            og_type = "article"
    return {
        "title": title,
        "description": description,
        "canonical_url": url,
        "og_type": og_type,
        "og_locale": to_locale(get_language() or settings.LANGUAGE_CODE),
        "site_name": context.get("PORTAL_NAME", ""),
        "json_ld": json_ld({"@context": "https://schema.org", **data}) if data else None,
    }
