"""Countries, figures, flows and sources."""

from datetime import date

from django.utils.translation import gettext_noop as N_
from ninja import Field, Schema

from .common import ItemOut


class CitationOut(Schema):
    """The source a figure or flow cites, and where in it."""

    id: str = Field(description=N_("The source's UUID."))
    slug: str = Field(description=N_("The source's slug (its address on the portal)."))
    title: str = Field(description=N_("Title of the source."))
    author: str = Field(description=N_("Publisher or author."))
    year: int | None = Field(description=N_("Year of publication."))
    url: str = Field(description=N_("The source's own address (empty when unknown)."))
    accessed_on: date | None = Field(description=N_("When the address was last visited."))
    archive_url: str = Field(description=N_("A copy in a web archive."))
    locator: str = Field(description=N_("Where in the source: page, section or table."))
    page: str = Field(description=N_("The source's page on the portal."))


class CountryOut(ItemOut):
    id: str = Field(description=N_("ISO 3166-1 alpha-2 code: the country's stable identifier."))
    iso2: str = Field(description=N_("ISO 3166-1 alpha-2 code."))
    iso3: str = Field(description=N_("ISO 3166-1 alpha-3 code."))
    numeric: str = Field(description=N_("ISO 3166-1 numeric code."))
    name: str = Field(description=N_("The name the portal uses."))
    other_names: list[str] = Field(description=N_("Other names (e.g. Burma for Myanmar)."))
    region: str = Field(description=N_("Region of the US TIP reports (slug)."))
    roles: list[str] = Field(
        description=N_("Roles in trafficking: source, transit, destination, internal.")
    )
    forms: list[str] = Field(description=N_("Forms of exploitation (topic slugs)."))
    sectors: list[str] = Field(description=N_("Sectors (topic slugs)."))
    has_profile: bool = Field(description=N_("Whether the country has a published profile."))
    figures_api_url: str = Field(description=N_("The country's figures in this API."))


class FigureOut(ItemOut):
    id: str = Field(description=N_("The figure's UUID."))
    country_iso2: str = Field(description=N_("The country (ISO alpha-2)."))
    country_iso3: str = Field(description=N_("The country (ISO alpha-3)."))
    country_name: str = Field(description=N_("The country's name."))
    region: str = Field(description=N_("The country's region."))
    indicator: str = Field(description=N_("What is counted (e.g. prosecutions, tier)."))
    indicator_label: str = Field(description=N_("The indicator's name."))
    year: int = Field(description=N_("Year covered (for tiers: year of the report)."))
    value: int | float | None = Field(description=N_("The number (null for tier placements)."))
    qualifier: str = Field(description=N_("Empty when exact; at-least, about or at-most."))
    tier: str = Field(description=N_("Tier placement (tier placements only)."))
    tier_label: str = Field(description=N_("The tier's name."))
    assisting_body: str = Field(description=N_("For victims assisted: who assisted them."))
    other_country_iso2: str | None = Field(
        description=N_("For nationals working abroad: the country they work in.")
    )
    note: str = Field(description=N_("What a reader must know to read the figure."))
    source: CitationOut = Field(description=N_("The source of the figure."))


class FlowOut(ItemOut):
    id: str = Field(description=N_("The flow's UUID."))
    origin_iso2: str = Field(description=N_("Country of origin (ISO alpha-2)."))
    origin_name: str = Field(description=N_("Country of origin."))
    transit_iso2: list[str] = Field(description=N_("Transit countries, in order."))
    transit_names: list[str] = Field(description=N_("Names of the transit countries."))
    destination_iso2: str | None = Field(
        description=N_("Destination (null when the source does not say).")
    )
    destination_name: str | None = Field(description=N_("Name of the destination."))
    forms: list[str] = Field(description=N_("Forms of exploitation (topic slugs)."))
    form_names: list[str] = Field(description=N_("Names of the forms of exploitation."))
    sectors: list[str] = Field(description=N_("Sectors (topic slugs)."))
    men: bool = Field(description=N_("Men are trafficked along this route."))
    women: bool = Field(description=N_("Women are trafficked along this route."))
    children: bool = Field(description=N_("Children are trafficked along this route."))
    description: str = Field(description=N_("What the source says, in the editors' words."))
    source: CitationOut = Field(description=N_("The source of the flow."))


class SourceOut(ItemOut):
    id: str = Field(description=N_("The source's UUID."))
    slug: str = Field(description=N_("The source's slug (its address on the portal)."))
    title: str = Field(description=N_("Title of the source."))
    author: str = Field(description=N_("Publisher or author."))
    year: int | None = Field(description=N_("Year of publication."))
    address: str = Field(description=N_("The source's own address (empty when unknown)."))
    accessed_on: date | None = Field(description=N_("When the address was last visited."))
    archive_url: str = Field(description=N_("A copy in a web archive."))
