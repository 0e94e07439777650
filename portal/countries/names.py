"""Country names in the reader's language.

English pages use the portal's own names (countries/data/countries.csv: "Lao PDR", "Viet Nam",
"Myanmar"). For other languages, pycountry ships the iso3166-1 gettext catalogues of the
Debian iso-codes project; the ISO name's translation is used when the catalogue has one.
"""

import gettext
from functools import lru_cache

import pycountry
from django.conf import settings
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@lru_cache(maxsize=4096)
def _translated(iso2: str, language: str) -> str | None:
    record = pycountry.countries.get(alpha_2=iso2)
    if record is None:
        return None
    catalogue = _catalogue(language)
    for msgid in (getattr(record, "common_name", None), record.name):
        if msgid and (translated := catalogue.gettext(msgid)) != msgid:
            return translated
    return None


def localized_country_name(iso2: str, portal_name: str, language: str | None = None) -> str:
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return portal_name
    return _translated(iso2, language) or portal_name
