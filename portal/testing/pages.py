"""The main page types of the public site, one demo URL each, in every language: the pages that
the frame's tests go through (first screen, widest element, axe, the HTML validator).

Seventeen kinds; an update and the organisations listing are left out because they are drawn
by the same templates as a resource and the library listing. Add a kind here when one arrives.
"""

MAIN_PAGES = {
    "home": "/",
    "country index": "/countries/",
    "country profile": "/countries/la/",
    "region": "/countries/regions/east-asia-pacific/",
    "topic": "/topics/protection/",
    "library listing": "/resources/",
    "resource": "/resources/trafficking-in-persons-report-2007/",
    "organisation": "/organizations/lao-womens-union/",
    "updates listing": "/updates/",
    "events calendar": "/events/",
    "event": "/events/commit-meeting-lao-pdr-2006/",
    "search results": "/search/?q=trafficking",
    "inquiry corner": "/inquiry-corner/",
    "contact": "/contact-us/",
    "newsletter": "/newsletter/",
    "needs board": "/needs-and-resources/",
    "standard page": "/about-us/",
}

LANGUAGE_PREFIXES = {"en": "", "lo": "/lo", "th": "/th"}


def main_page_urls(language: str) -> dict[str, str]:
    """Page kind → URL in one language (the demo serves every kind in all three)."""
    prefix = LANGUAGE_PREFIXES[language]
    return {kind: prefix + path for kind, path in MAIN_PAGES.items()}
