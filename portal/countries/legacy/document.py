"""What the legacy parser finds in an old page: sections, paragraphs with their footnote
marks, the notes, and the anomalies it could not resolve."""

from dataclasses import dataclass, field


@dataclass
class Note:
    number: int
    text: str  # as written, URL included
    title: str  # without the URL
    url: str
    line: int


@dataclass
class Mark:
    number: int
    start: int  # offsets of the digits in the paragraph text
    end: int
    certain: bool = False
    reason: str = ""  # why it was not certain


@dataclass
class Paragraph:
    text: str
    marks: list[Mark] = field(default_factory=list)
    line: int = 0


@dataclass
class Section:
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Anomaly:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class LegacyPage:
    sections: list[Section] = field(default_factory=list)
    notes: dict[int, Note] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # chrome lines left out
    anomalies: list[Anomaly] = field(default_factory=list)

    def paragraphs(self):
        for section in self.sections:
            for index, paragraph in enumerate(section.paragraphs, start=1):
                yield section, index, paragraph

    @property
    def cited_numbers(self) -> set[int]:
        return {m.number for _, _, p in self.paragraphs() for m in p.marks if m.certain}
