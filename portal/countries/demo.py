"""Demo content: the country list, the countries section, and the Lao PDR profile with its
figures and flows (demo_data/lao_pdr.json). Creates what is missing, changes nothing else."""

import json
import re
import uuid
from datetime import date
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from portal.core.demo import Log
from portal.sources.demo import sources_by_key
from portal.sources.models import Source
from portal.sources.rich_text import citation_db_html
from portal.taxonomy.models import Topic

from .models import ROLE_FIELDS, Country, CountryIndexPage, CountryProfilePage, Figure, Flow, Role
from .models.flows import FlowTransit
from .reference_data import sync_countries

DATA_FILE = Path(__file__).parent / "demo_data" / "lao_pdr.json"
# Demo figures and flows get stable identifiers, so that loading twice finds them again.
DEMO_NAMESPACE = uuid.UUID("6f1c8e39-3a52-4b8e-9a50-1f0b7d7c2a11")
CITE = re.compile(r"\{cite:([\w-]+)\}")

INDEX_TITLE = "Countries"
INDEX_INTRO = (
    "Every country with what the portal knows about trafficking in it: profiles whose every "
    "statement is cited, figures by year, and the flows between countries."
)


def paragraph_html(text: str, sources: dict[str, Source]) -> str:
    """A paragraph with {cite:key} marks as stored rich text with citations."""
    pieces, position = [], 0
    for match in CITE.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(citation_db_html(sources[match.group(1)]))
        position = match.end()
    pieces.append(escape(text[position:]))
    return f"<p>{''.join(pieces)}</p>"


def topics(slugs: list[str]) -> list[Topic]:
    found = {t.slug: t for t in Topic.objects.filter(slug__in=slugs, locale=Locale.get_default())}
    return [found[s] for s in slugs if s in found]


def load_country_facts(spec: dict, sources: dict[str, Source], log: Log) -> Country:
    country = Country.objects.get(iso2=spec["country"])
    untouched = not country.roles() and not country.forms.exists() and not country.sectors.exists()
    if untouched:
        for role in spec["roles"]:
            setattr(country, ROLE_FIELDS[Role(role)], True)
        country.save()
        country.forms.set(topics(spec["forms"]))
        country.sectors.set(topics(spec["sectors"]))
        country.classification_sources.set([sources[k] for k in spec["classification_sources"]])
        log(f"  country facts: {country.name}")
    return country


def load_figures(country: Country, specs: list[dict], sources: dict[str, Source], log: Log) -> None:
    created = 0
    for spec in specs:
        key = f"{country.iso2}:{spec['indicator']}:{spec['year']}:{spec.get('assisting_body', '')}"
        _, was_created = Figure.objects.get_or_create(
            uuid=uuid.uuid5(DEMO_NAMESPACE, key),
            defaults={
                "country": country,
                "indicator": spec["indicator"],
                "year": spec["year"],
                "value": spec.get("value"),
                "qualifier": spec.get("qualifier", ""),
                "tier": spec.get("tier", ""),
                "assisting_body": spec.get("assisting_body", ""),
                "other_country": Country.objects.filter(iso2=spec.get("other_country")).first(),
                "source": sources[spec["source"]],
                "note": spec.get("note", ""),
            },
        )
        created += was_created
    if created:
        log(f"  figures: {created} created")


def load_flows(specs: list[dict], sources: dict[str, Source], log: Log) -> None:
    created = 0
    countries = {c.iso2: c for c in Country.objects.all()}
    for spec in specs:
        via = spec.get("via", [])
        forms = ",".join(spec.get("forms", []))
        key = f"flow:{spec['origin']}:{'-'.join(via)}:{spec['destination']}:{forms}"
        flow_uuid = uuid.uuid5(DEMO_NAMESPACE, key)
        if Flow.objects.filter(uuid=flow_uuid).exists():
            continue
        flow = Flow(
            uuid=flow_uuid,
            origin=countries[spec["origin"]],
            destination=countries.get(spec["destination"]) if spec["destination"] else None,
            men=spec.get("men", False),
            women=spec.get("women", False),
            children=spec.get("children", False),
            description=spec.get("description", ""),
            source=sources[spec["source"]],
        )
        flow.forms = topics(spec.get("forms", []))
        flow.sectors = topics(spec.get("sectors", []))
        flow.transits = [FlowTransit(country=countries[iso2]) for iso2 in via]
        flow.save()
        created += 1
    if created:
        log(f"  flows: {created} created")


def ensure_index_page(log: Log) -> CountryIndexPage:
    home = Site.objects.get(is_default_site=True).root_page
    index_page = CountryIndexPage.objects.child_of(home).filter(locale=home.locale).first()
    if index_page is None:
        index_page = CountryIndexPage(title=INDEX_TITLE, slug="countries", intro=INDEX_INTRO)
        home.add_child(instance=index_page)
        index_page.save_revision().publish()
        log(f"  created {index_page.url_path}")
    return index_page


def load_profile(
    index_page: CountryIndexPage, country: Country, spec: dict, sources: dict[str, Source], log: Log
) -> None:
    if CountryProfilePage.objects.filter(country=country, locale=index_page.locale).exists():
        return
    body = [
        (
            "section",
            {
                "heading": section["heading"],
                "content": RichText(
                    "".join(paragraph_html(p, sources) for p in section["paragraphs"])
                ),
            },
        )
        for section in spec["sections"]
    ]
    profile = CountryProfilePage(
        title=spec["title"],
        country=country,
        summary=spec["summary"],
        body=body,
        last_reviewed=date.fromisoformat(spec["last_reviewed"]),
        next_review_due=date.fromisoformat(spec["next_review_due"]),
    )
    profile.topics = topics(spec["topics"])
    profile.countries = [country]
    index_page.add_child(instance=profile)
    profile.save_revision().publish()
    log(f"  created {profile.url_path}")


def load(log: Log) -> None:
    created = sync_countries(Country)
    if created:
        log(f"  countries: {created} created")
    spec = json.loads(DATA_FILE.read_text())
    sources = sources_by_key()
    country = load_country_facts(spec, sources, log)
    load_figures(country, spec["figures"], sources, log)
    load_flows(spec["flows"], sources, log)
    index_page = ensure_index_page(log)
    load_profile(index_page, country, spec["profile"], sources, log)
