"""Everything the portal publishes as plain records (dicts of JSON-ready values), one function
per kind of item. The API returns them and the bulk downloads write them, so both always say the
same. Country data (figures, flows, sources) comes from `portal.countries.dataset`.

Identifiers are stable between installations: ISO codes for countries, UUIDs for figures, flows
and sources, translation keys (UUIDs shared by a page and its translations) for pages, slugs for
topics. Database ids never appear.
"""
