"""CSV and JSON downloads: per country and for the whole dataset, each row with its source,
stable identifiers only (ISO codes, UUIDs, slugs), missing figures absent, never zero."""

import csv
import io
import uuid

import pytest

from portal.countries import dataset
from portal.countries.models import Figure, Flow
from portal.sources.models import Source

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_country_figures_csv(client, lao_site):
    response = client.get("/countries/la/csv/figures/")
    assert response["Content-Disposition"] == 'attachment; filename="la-figures.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == dataset.csv_columns(dataset.FIGURE_FIELDS)
    assert len(rows) == 9
    by_key = {(r["indicator"], r["year"], r["assisting_body"]): r for r in rows}
    investigations = by_key["investigations", "2006", ""]
    tip = Source.objects.get(slug="us-dos-tip-2007")
    assert investigations["value"] == "27"
    assert investigations["country_iso2"] == "LA"
    assert investigations["source_id"] == str(tip.uuid)
    assert investigations["source_title"] == "Trafficking in Persons Report 2007"
    assert investigations["source_url"] == tip.url
    assert investigations["source_page"] == "http://testserver/sources/us-dos-tip-2007/"
    assert by_key["tier", "2007", ""]["tier"] == "tier-2"
    assert by_key["tier", "2007", ""]["value"] == ""
    assert by_key["victims-assisted", "2006", "Lao Women's Union"]["value"] == "17"
    abroad = by_key["undocumented-abroad", "2006", ""]
    assert (abroad["qualifier"], abroad["value"], abroad["other_country_iso2"]) == (
        "at-least",
        "180000",
        "TH",
    )
    # Missing is missing: nothing was reported about victims identified, so no row (not 0).
    assert "victims-identified" not in {r["indicator"] for r in rows}


def test_downloads_carry_no_database_ids(client, lao_site):
    rows = csv_rows(client.get("/countries/csv/figures/"))
    for row in rows:
        uuid.UUID(row["id"])
        uuid.UUID(row["source_id"])
    document = client.get("/countries/json/").json()
    database_ids = {str(pk) for pk in Figure.objects.values_list("pk", flat=True)}

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                assert key not in {"pk"}
                if key == "id":
                    assert str(item) not in database_ids
                    uuid.UUID(str(item))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)


def test_country_flows_csv_has_flows_into_out_of_and_through(client, lao_site):
    rows = csv_rows(client.get("/countries/th/csv/flows/"))
    assert {(r["origin_iso2"], r["transit_iso2"], r["destination_iso2"]) for r in rows} == {
        ("LA", "", "TH"),
        ("MM", "LA", "TH"),
        ("VN", "LA", "TH"),
    }
    lao_to_thailand = next(r for r in rows if r["origin_iso2"] == "LA")
    assert lao_to_thailand["forms"] == "forced-labour;sexual-exploitation"
    assert lao_to_thailand["sectors"] == "factories;fishing"
    assert (lao_to_thailand["men"], lao_to_thailand["women"], lao_to_thailand["children"]) == (
        "true",
        "true",
        "true",
    )
    assert lao_to_thailand["source_id"] == str(Source.objects.get(slug="us-dos-tip-2007").uuid)
    lao_rows = csv_rows(client.get("/countries/la/csv/flows/"))
    assert len(lao_rows) == 6
    marriage = next(r for r in lao_rows if r["forms"] == "forced-marriage")
    assert marriage["destination_iso2"] == "" and marriage["destination_name"] == ""


def test_country_json(client, lao_site):
    response = client.get("/countries/la/json/")
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["schema_version"] == 1
    assert document["countries"] == [
        {
            "iso2": "LA",
            "iso3": "LAO",
            "numeric": "418",
            "name": "Lao PDR",
            "other_names": ["Laos", "Lao People's Democratic Republic"],
            "region": "east-asia-pacific",
            "roles": ["source", "transit", "destination", "internal"],
            "forms": ["forced-labour", "forced-marriage", "sexual-exploitation"],
            "sectors": ["entertainment", "factories", "fishing"],
        }
    ]
    assert len(document["figures"]) == 9
    assert len(document["flows"]) == 6
    assert {s["slug"] for s in document["sources"]} == {"us-dos-tip-2007", "us-dos-hrr-2006"}
    figure = next(f for f in document["figures"] if f["indicator"] == "convictions")
    assert figure["value"] == 3
    assert figure["source"]["slug"] == "us-dos-tip-2007"
    flow = next(f for f in document["flows"] if f["origin_iso2"] == "MM")
    assert flow["transit_iso2"] == ["LA"] and flow["forms"] == []


def test_whole_dataset(client, lao_site):
    document = client.get("/countries/json/").json()
    assert len(document["countries"]) == 201
    assert len(document["figures"]) == Figure.objects.count() == 9
    assert len(document["flows"]) == Flow.objects.count() == 6
    rows = csv_rows(client.get("/countries/csv/flows/"))
    assert len(rows) == 6
    response = client.get("/countries/csv/figures/")
    assert response["Content-Disposition"] == 'attachment; filename="countries-figures.csv"'


def test_flatten_joins_lists_and_spells_out_booleans_and_missing_values():
    record = {"a": ["x", "y"], "b": True, "c": None, "d": 2}
    assert dataset.flatten(record, ["a", "b", "c", "d"]) == {
        "a": "x;y",
        "b": "true",
        "c": "",
        "d": 2,
    }
