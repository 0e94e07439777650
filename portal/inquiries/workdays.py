"""Working-day arithmetic for answer targets: Monday to Friday, less the public holidays of the
desk's countries (`PORTAL_INQUIRY_HOLIDAY_COUNTRIES`, Lao PDR and Thailand by default), so a
target set before Lao New Year or Songkran does not fall due while the desk is closed.

A day counts as a holiday when it is one in any of those countries: the desk works across the
border, and a conservative target is one it can keep. The calendars come from the `holidays`
package (official public holidays, substitute days included)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from .conf import inquiry_settings


@lru_cache(maxsize=64)
def _holidays_of(countries: tuple[str, ...], year: int) -> frozenset[date]:
    days: set[date] = set()
    for code in countries:
        days.update(holidays.country_holidays(code, years=year).keys())
    return frozenset(days)


def holiday_countries() -> tuple[str, ...]:
    value = inquiry_settings().holiday_countries
    if isinstance(value, str):
        value = value.split(",")
    return tuple(code.strip().upper() for code in value if code.strip())


def is_working_day(day: date, countries: tuple[str, ...] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    return day not in _holidays_of(
        holiday_countries() if countries is None else countries, day.year
    )


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (a weekend or holiday start counts from the
    next working day)."""
    countries = holiday_countries()
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, countries):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    countries = holiday_countries()
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(days=n), countries)
    )
