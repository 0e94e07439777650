"""The list of countries every install has: data/countries.csv (ISO 3166-1 alpha-2 code, the
name the portal uses, the US State Department Trafficking in Persons report region, other
names), with the alpha-3 and numeric codes from pycountry.

Names follow UN and ASEAN usage in English, which is the ISO 3166 short name turned the right
way round ("Republic of Korea", not "Korea, Republic of"), except "Lao PDR", the form used
across the region. Myanmar is "Myanmar", with "Burma" (the US State Department's name, used by
many older sources) among its other names, so that both are found and imported.

The list has the 193 UN member states, the two observer states, and the territories the TIP
reports rank or describe on their own (Taiwan, Hong Kong, Macau, Curaçao, Aruba, Sint Maarten).
"""

import csv
from pathlib import Path
from typing import Any

import pycountry

DATA_FILE = Path(__file__).parent / "data" / "countries.csv"


def country_rows() -> list[dict[str, str]]:
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def sync_countries(country_model: Any) -> int:
    """Create the countries that are missing; leave existing ones (editors may have changed
    names or regions) alone. Returns how many were created."""
    existing = set(country_model.objects.values_list("iso2", flat=True))
    created = []
    for row in country_rows():
        if row["iso2"] in existing:
            continue
        record = pycountry.countries.get(alpha_2=row["iso2"])
        if record is None:
            raise ValueError(f"{row['iso2']} is not an ISO 3166-1 code known to pycountry")
        created.append(
            country_model(
                iso2=row["iso2"],
                iso3=record.alpha_3,
                numeric=record.numeric,
                name=row["name"],
                region=row["region"],
                other_names="\n".join(n for n in row["other_names"].split("|") if n),
            )
        )
    country_model.objects.bulk_create(created)
    return len(created)
