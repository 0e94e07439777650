"""Dates that are only partly known ("August 2006", "2006"), shown honestly to readers."""

from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only (the day is not known)")
    YEAR = "year", _("Year only (the month is not known)")


def format_partial_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """The date as far as it is known: "12 June 2007", "August 2006" or "2006"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def iso_partial_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """ISO 8601 at the known precision (2006, 2006-08, 2006-08-14): for <time datetime> and
    schema.org, which both accept reduced precision."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def display_date_html(page: object) -> str:
    """A page's display_date as a <time> element, only as precise as it is known ("" when the
    page has none): on the page, in listings and in search results alike."""
    value = getattr(page, "display_date", None)
    if value is None:
        return ""
    precision = getattr(page, "display_date_precision", DatePrecision.DAY)
    return format_html(
        '<time datetime="{}">{}</time>',
        iso_partial_date(value, precision),
        format_partial_date(value, precision),
    )
