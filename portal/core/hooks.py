"""Extension points between apps, so that no app imports another's views or templates.

`portal_country_panels`: register a function `(country, request) -> str | None` with
`@hooks.register(COUNTRY_PANELS_HOOK)` in an app's wagtail_hooks.py. The country page renders
each returned HTML fragment (a <section> with its own heading) in hook order. Organizations,
resources and updates use it to add "working in this country" lists to country pages.
"""

COUNTRY_PANELS_HOOK = "portal_country_panels"
