"""Query parameters shared by the list endpoints, with the constraints that keep every
request valid for the database (no NUL characters, no absurd offsets)."""

from datetime import UTC, datetime
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext_noop as N_
from ninja import Field, Schema

from portal.api.conf import api_settings
from portal.countries.models import Region

ISO2_PATTERN = r"^[A-Za-z]{2}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,100}$"
CODE_PATTERN = r"^[-a-z0-9]{1,20}$"
MAX_OFFSET = 1_000_000

Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]
RegionSlug = Literal[tuple(Region.values)]  # type: ignore[valid-type]


class ListQuery(Schema):
    limit: int = Field(
        20, ge=1, le=api_settings().max_page_size, description=N_("Items per page (at most 100).")
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=N_("How many items to skip."))


class ChangedQuery(ListQuery):
    updated_since: datetime | None = Field(
        None,
        description=N_("Only items changed at or after this time (ISO 8601; UTC if no zone)."),
    )

    def since(self) -> datetime | None:
        """The time in UTC: databases refuse some offsets that ISO 8601 allows (-16:05)."""
        value = self.updated_since
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:  # within a day of year 1 or 9999
            return (datetime.min if value.year < 2 else datetime.max).replace(tzinfo=UTC)


class PageQuery(ChangedQuery):
    lang: Language = Field(
        settings.LANGUAGE_CODE,
        description=N_(
            "Language: pages in it, and English pages not translated into it yet (en, lo, th)."
        ),
    )
    country: str | None = Field(
        None, pattern=ISO2_PATTERN, description=N_("About this country (ISO alpha-2).")
    )
    region: RegionSlug | None = Field(
        None, description=N_("About a country of this region (slug).")
    )
    topic: str | None = Field(
        None, pattern=SLUG_PATTERN, description=N_("On this topic (its slug).")
    )


class LanguageQuery(Schema):
    lang: Language = Field(settings.LANGUAGE_CODE, description=N_("Language (en, lo, th)."))
