"""Figures as data: validation, display, the choice between sources, and missing figures
shown as missing (never as zero) in tables, charts and key figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.countries.models import Country, Figure, Flow, Indicator, Qualifier
from portal.countries.models.flows import FlowTransit
from portal.countries.overview import preferred_figures
from portal.sources.models import Source
from portal.testing.html import soup, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(db):
    return Source.objects.create(title="Test annual report", author="Test ministry", year=2010)


def figure(**fields) -> Figure:
    defaults = {"country": Country.objects.get(iso2="KH"), "year": 2009}
    return Figure(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"indicator": Indicator.ARRESTS}, "value"),
        ({"indicator": Indicator.ARRESTS, "value": Decimal(-1)}, "value"),
        ({"indicator": Indicator.ARRESTS, "value": Decimal("2.5")}, "value"),
        ({"indicator": Indicator.TIER}, "tier"),
        ({"indicator": Indicator.TIER, "tier": "tier-1", "value": Decimal(1)}, "value"),
        ({"indicator": Indicator.ARRESTS, "value": Decimal(3), "tier": "tier-1"}, "tier"),
        (
            {"indicator": Indicator.ARRESTS, "value": Decimal(3), "assisting_body": "X"},
            "assisting_body",
        ),
    ],
)
def test_figure_validation(source, fields, field_in_error):
    with pytest.raises(ValidationError) as error:
        figure(source=source, **fields).full_clean()
    assert field_in_error in error.value.message_dict


def test_the_same_figure_from_the_same_source_is_recorded_once(source):
    figure(source=source, indicator=Indicator.ARRESTS, value=Decimal(3)).save()
    duplicate = figure(source=source, indicator=Indicator.ARRESTS, value=Decimal(4))
    with pytest.raises(ValidationError, match="already recorded"):
        duplicate.full_clean()


def test_display_values(source):
    assert figure(indicator=Indicator.TIER, tier="tier-2-watch-list").display_value == (
        "Tier 2 Watch List"
    )
    estimate = figure(
        indicator=Indicator.UNDOCUMENTED_ABROAD, value=Decimal(180000), qualifier=Qualifier.AT_LEAST
    )
    assert estimate.display_value == "at least 180,000"
    assert figure(indicator=Indicator.AVERAGE_SENTENCE, value=Decimal(1)).display_value == "1 year"
    assert figure(indicator=Indicator.AVERAGE_SENTENCE, value=Decimal("6.5")).display_value == (
        "6.5 years"
    )
    assert figure(indicator=Indicator.ARRESTS, value=Decimal(27)).number == 27


def test_the_most_recent_source_is_shown_and_both_are_kept(source):
    older = Source.objects.create(title="Older report", year=2008)
    first = figure(source=older, indicator=Indicator.ARRESTS, value=Decimal(5))
    second = figure(source=source, indicator=Indicator.ARRESTS, value=Decimal(7))
    Figure.objects.bulk_create([first, second])
    mine = Figure.objects.for_display().filter(source__in=[older, source])  # not the demo's
    chosen = preferred_figures(list(mine))
    assert [f.value for f in chosen.values()] == [Decimal(7)]


def test_missing_figures_read_not_reported_never_zero(client, lao_site, source):
    cambodia = Country.objects.get(iso2="KH")
    for indicator, value in ((Indicator.INVESTIGATIONS, 10), (Indicator.CONVICTIONS, 0)):
        Figure.objects.create(
            country=cambodia, indicator=indicator, year=2009, value=value, source=source
        )
    html = soup(client.get("/countries/kh/"))
    assert texts(html.select("#law-enforcement tbody td")) == [
        "10 Note 1",
        "not reported",
        "not reported",
        "0 Note 1",
        "not reported",
    ]
    chart = html.select_one("#law-enforcement svg")
    assert len(chart.select(".chart__missing")) == 2  # arrests and prosecutions: "n/a"
    assert [t.get_text() for t in chart.select(".chart__value")] == ["10", "0"]
    key = texts(html.select("#key-figures li"))
    assert key == [
        "10 investigations Note 1",
        "Arrests: not reported",
        "Prosecutions: not reported",
        "0 convictions Note 1",
    ]
    rows = list(client.get("/countries/kh/csv/figures/").content.decode().splitlines())
    assert len(rows) == 3  # header and the two reported figures


def test_flows_touching_a_country(lao_site, source):
    viet_nam, cambodia, thailand = (Country.objects.get(iso2=c) for c in ("VN", "KH", "TH"))
    flow = Flow(origin=viet_nam, destination=thailand, source=source)
    flow.transits = [FlowTransit(country=cambodia)]
    flow.save()
    assert list(Flow.objects.touching(cambodia)) == [flow]
    assert Flow.objects.touching(thailand).count() == 4
    assert str(flow) == "Viet Nam → Cambodia → Thailand"


def test_a_flow_cannot_visit_a_country_twice(lao_site, source):
    laos = Country.objects.get(iso2="LA")
    with pytest.raises(ValidationError, match="appears twice"):
        Flow(origin=laos, destination=laos, source=source).clean()
