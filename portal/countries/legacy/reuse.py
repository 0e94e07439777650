"""Which existing Source a legacy note names, and why: the importer's reuse decisions.

A note is reused for a known source only on an exact title or "also cited as" title, and only
when nothing says it is another source:
- a source about one country (a country named in its title, author or other titles, or the
  country of the page an earlier import created it for) is reused only for that country, or
  when the note itself names that country. So an alias such as "2006 US Department of State
  Human Rights Report" never carries a Cambodian note to the Laos report;
- when the note and the source both give years and none agree, it is another edition.
A source about no country in particular (the yearly Trafficking in Persons Report) is reused
wherever it is cited. Anything that only looks like a known source (same words once countries
and years are set aside) gets a new source, and the decision says which one it resembles and
why it was not reused. Every decision is kept for the import report.
"""

import re
from dataclasses import dataclass, field

from portal.sources.models import Source, normalise_title

from ..models import Country

YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# "Imported from the legacy page x.txt for Cambodia (KH), note 3: ..." (see `import_notes`).
IMPORTED_FOR = re.compile(r"^Imported from the legacy page .+? for .+? \(([A-Z]{2})\), note ")
# A country named as the publisher's nationality, not as the subject ("United States
# Department of State").
PUBLISHER_AFTER = re.compile(r"^\s+(department|agency|embassy|mission)\b", re.IGNORECASE)
WORD = re.compile(r"\w+")
MIN_SKELETON_WORDS = 2


def import_notes(file_name: str, country: Country, number: int, text: str) -> str:
    """The notes of a source the importer creates; they record the country it was cited for."""
    return (
        f"Imported from the legacy page {file_name} for {country.name} ({country.iso2}), "
        f"note {number}: {text}"
    )


class CountryNames:
    """Finds the countries a title names, by the portal's names and their other names."""

    def __init__(self, countries: list[Country]) -> None:
        self.by_name: dict[str, Country] = {}
        for country in countries:
            for name in [country.name, *country.alternative_names()]:
                self.by_name.setdefault(name.casefold(), country)
        names = sorted(self.by_name, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
        )
        self.by_iso2 = {c.iso2: c for c in countries}

    def named_in(self, text: str) -> dict[str, Country]:
        found = {}
        for match in self.pattern.finditer(text):
            if PUBLISHER_AFTER.match(text[match.end() :]):
                continue
            country = self.by_name[match.group(1).casefold()]
            found[country.iso2] = country
        return found

    def without_names(self, text: str) -> str:
        return self.pattern.sub(" ", text)


def years_in(text: str) -> set[int]:
    return {int(y) for y in YEAR.findall(text)}


def skeleton(text: str, names: CountryNames) -> tuple[str, ...]:
    """The words of a title with countries, years and small words set aside, for spotting
    sources that merely look alike."""
    words = WORD.findall(normalise_title(YEAR.sub(" ", names.without_names(text))))
    return tuple(sorted(w for w in words if w not in {"the", "of", "on", "in", "and", "for"}))


@dataclass
class KnownSource:
    source: Source
    titles: set[str]
    aliases: set[str]
    countries: dict[str, Country]
    years: set[int]
    skeletons: set[tuple[str, ...]]

    @classmethod
    def of(cls, source: Source, names: CountryNames) -> "KnownSource":
        texts = [source.title, *source.alternative_title_list()]
        countries = names.named_in(" | ".join([*texts, source.author]))
        imported = IMPORTED_FOR.match(source.notes)
        if imported and not countries and imported.group(1) in names.by_iso2:
            countries = {imported.group(1): names.by_iso2[imported.group(1)]}
        years = set().union(*(years_in(t) for t in texts))
        if source.year and not years:
            years = {source.year}
        return cls(
            source=source,
            titles={normalise_title(source.title)},
            aliases={normalise_title(t) for t in source.alternative_title_list()},
            countries=countries,
            years=years,
            skeletons={s for s in (skeleton(t, names) for t in texts) if s},
        )


def _names(countries: dict[str, Country]) -> str:
    return ", ".join(c.name for c in countries.values())


@dataclass
class Decision:
    """What the importer did with one note's source, and why."""

    note: int
    cited_as: str
    source: Source
    reused: bool
    reasons: list[str] = field(default_factory=list)
    similar: Source | None = None
    same_as_note: int | None = None

    def __str__(self) -> str:
        head = f"Note {self.note} “{self.cited_as}”"
        if self.same_as_note is not None:
            return f"{head}: same source as note {self.same_as_note} (same title)"
        if self.reused:
            return f"{head}: reused “{self.source}” ({'; '.join(self.reasons)})"
        text = f"{head}: new source “{self.source}”"
        if self.similar is not None:
            return f"{text}; similar to “{self.similar}”, not reused: {'; '.join(self.reasons)}"
        return f"{text} (no known source has this title)"


class SourceMatcher:
    """Decides, note by note, which known source a page for `country` may reuse."""

    def __init__(self, country: Country, sources: list[Source] | None = None) -> None:
        self.country = country
        self.names = CountryNames(list(Country.objects.all()))
        self.known = [KnownSource.of(s, self.names) for s in (sources or Source.objects.all())]

    def add(self, source: Source) -> None:
        """A source created during this import, known to the notes after it."""
        self.known.append(KnownSource.of(source, self.names))

    def _obstacles(self, known: KnownSource, note_countries: dict, note_years: set) -> list[str]:
        """Why `known` is not the note's source, though its title or words match."""
        reasons = []
        if known.countries and self.country.iso2 not in known.countries:
            if not set(known.countries) & set(note_countries):
                reasons.append(
                    f"country: it is about {_names(known.countries)}, this page is about "
                    f"{self.country.name}"
                )
        elif note_countries and known.countries and not set(note_countries) & set(known.countries):
            reasons.append(
                f"country: the note names {_names(note_countries)}, the source is about "
                f"{_names(known.countries)}"
            )
        if note_years and known.years and not note_years & known.years:
            reasons.append(
                f"year: the note gives {', '.join(map(str, sorted(note_years)))}, the source "
                f"{', '.join(map(str, sorted(known.years)))}"
            )
        return reasons

    def _agreements(self, known: KnownSource, note_countries: dict, note_years: set) -> list[str]:
        reasons = []
        if note_years & known.years:
            reasons.append(f"year {', '.join(map(str, sorted(note_years & known.years)))}")
        if known.countries:
            reasons.append(f"country {_names(known.countries)}")
        elif note_countries:
            reasons.append(f"names {_names(note_countries)}")
        else:
            reasons.append("not about one country")
        return reasons

    def decide(self, number: int, title: str) -> tuple[Source | None, Decision | None, str]:
        """The known source to reuse (with its decision), or None with the decision's reasons
        so far and the title the new source should have."""
        wanted = normalise_title(title)
        note_countries = self.names.named_in(title)
        note_years = years_in(title)
        exact = [k for k in self.known if wanted in k.titles or wanted in k.aliases]
        # Exact titles before aliases, then the most specific (about this country) first.
        exact.sort(
            key=lambda k: (wanted not in k.titles, self.country.iso2 not in k.countries),
        )
        rejected: list[tuple[KnownSource, list[str]]] = []
        for known in exact:
            how = "same title" if wanted in known.titles else "alias"
            obstacles = self._obstacles(known, note_countries, note_years)
            if not obstacles:
                reasons = [how, *self._agreements(known, note_countries, note_years)]
                return known.source, Decision(number, title, known.source, True, reasons), title
            rejected.append((known, [f"{how} only", *obstacles]))
        if not rejected:
            shape = skeleton(title, self.names)
            if len(shape) >= MIN_SKELETON_WORDS:
                for known in self.known:
                    if shape in known.skeletons:
                        obstacles = self._obstacles(known, note_countries, note_years)
                        rejected.append(
                            (known, obstacles or ["the title differs (only exact titles reuse)"])
                        )
                        break
        new_title = title
        if rejected:
            similar, reasons = rejected[0]
            # A per-country report cited without its country: the new source says whose it is.
            if similar.countries and not note_countries:
                new_title = f"{title}: {self.country.name}"
            decision = Decision(number, title, similar.source, False, reasons, similar.source)
            return None, decision, new_title
        return None, None, new_title
