"""Reading the comparison's address: which countries, region, indicator and years, and a clear
message for anything that cannot be compared (unknown codes, too few or too many columns,
years out of range, an address far too long)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Country, Indicator, Region

MIN_COLUMNS, MAX_COLUMNS = 2, 4
# More parameters than this is not a comparison anyone asked for; answer without reading them.
MAX_PARAMETERS = 20
CODE = re.compile(r"^[A-Za-z]{2}$")
YEAR_MIN, YEAR_MAX = 1900, 2100


def parse_query(query, countries_by_code: dict[str, Country]) -> tuple[dict, list[str]]:
    """The comparison asked for, and a message for everything wrong with it."""
    errors: list[str] = []
    if len(query) > MAX_PARAMETERS or any(len(v) > MAX_PARAMETERS for _k, v in query.lists()):
        return {}, [_("This address asks for too much; choose two to four countries.")]
    codes, unknown = [], []
    for raw in query.getlist("c"):
        code = raw.strip()
        if not code:
            continue
        if not CODE.match(code) or code.upper() not in countries_by_code:
            unknown.append(code[:12])
        elif code.upper() not in codes:
            codes.append(code.upper())
    if unknown:
        errors.append(
            ngettext(
                "Unknown country code: %(codes)s. Use two-letter codes such as la or th.",
                "Unknown country codes: %(codes)s. Use two-letter codes such as la or th.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown)}
        )
    region = query.get("region", "").strip()
    if region and region not in Region.values:
        errors.append(_("Unknown region: %(region)s.") % {"region": region[:40]})
        region = ""
    indicator = query.get("indicator", "").strip()
    if indicator and indicator not in Indicator.values:
        errors.append(_("Unknown indicator: %(indicator)s.") % {"indicator": indicator[:40]})
        indicator = ""
    years = {}
    for name in ("since", "until"):
        value = query.get(name, "").strip()
        if not value:
            continue
        if not value.isdigit() or not YEAR_MIN <= int(value[:6]) <= YEAR_MAX:
            errors.append(
                _("“%(name)s” must be a year between %(min)s and %(max)s.")
                % {"name": name, "min": YEAR_MIN, "max": YEAR_MAX}
            )
        else:
            years[name] = int(value)
    if "since" in years and "until" in years and years["since"] > years["until"]:
        errors.append(_("The first year comes after the last."))
    columns = len(codes) + (1 if region else 0)
    if not errors and columns > MAX_COLUMNS:
        errors.append(
            _("Compare at most %(max)s countries (a region counts as one).") % {"max": MAX_COLUMNS}
        )
    elif not errors and 0 < columns < MIN_COLUMNS:
        errors.append(_("Choose at least two countries, or a country and a region."))
    wanted = {
        "countries": [countries_by_code[c] for c in codes],
        "region": region,
        "indicator": indicator,
        **years,
    }
    return wanted, errors
