"""The frame's pieces that do not depend on the reader's language: the window title, the quick
exit, section intros and what other apps contribute to a country's page. The language-dependent
ones (reader's addresses, language links, section pages) are portal.languages' reader_tags."""

from django import template
from django.core.cache import cache as shared_cache
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.models import Page

from portal.core.conf import core_settings
from portal.core.hooks import COUNTRY_PANELS_HOOK

register = template.Library()


@register.simple_tag
def section_intro(page: Page | None) -> str:
    """A section page's intro (rich text), from the cache when that version of the page was
    seen before: the key holds the page's live revision, so publishing invalidates it
    everywhere, in every process, without a signal."""
    if page is None:
        return ""
    published = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"portal:section-intro:{page.pk}:{page.live_revision_id}:{published}"
    intro = shared_cache.get(key)
    if intro is None:
        intro = str(getattr(page.specific, "intro", "") or "")
        shared_cache.set(key, intro, 24 * 60 * 60)
    return intro


@register.simple_tag
def localized(page: Page | None) -> Page | None:
    """The reader's translation of a page, or the page itself."""
    if page is None:
        return None
    return page.specific.localized


@register.filter(needs_autoescape=True)
def with_site_name(title: str, site_name: str, autoescape: bool = True) -> SafeString:
    """The window title: the page's own title, then the site's name once (the home page,
    titled with the site's name, does not repeat it)."""
    escape = conditional_escape if autoescape else SafeString
    title, site_name = SafeString(escape(title).strip()), escape(site_name)  # came rendered
    if not title or title == site_name:
        return SafeString(site_name)
    return format_html("{} · {}", title, site_name)


@register.simple_tag
def quick_exit_url() -> str:
    return core_settings().quick_exit_url


@register.simple_tag(takes_context=True)
def country_panels(context: template.Context, country: object) -> SafeString:
    """HTML fragments that other apps contribute to a country's page (see core.hooks)."""
    request = context.get("request")
    fragments = [fn(country, request) for fn in hooks.get_hooks(COUNTRY_PANELS_HOOK)]
    return format_html_join("\n", "{}", ((f,) for f in fragments if f))
