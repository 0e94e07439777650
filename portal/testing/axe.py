"""Accessibility checks for browser tests: axe-core's rules run in the page."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(
    page: Page, *, best_practice: bool = False, exclude: list[str] | None = None
) -> list[str]:
    """axe's WCAG 2.2 A/AA rules; with best_practice, also its best-practice rules (landmarks,
    unique labels, one main heading...). `exclude`: CSS selectors left out (only for markup
    that is not the portal's own, such as Wagtail's admin messages)."""
    tags = [*WCAG_TAGS, "best-practice"] if best_practice else WCAG_TAGS
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
