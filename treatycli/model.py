"""The article model every command serves: document → parts → articles → paragraphs.

Every string here is text taken from the source (joined across hard wraps), so that the
loader can prove it lost nothing: `Document.strings()` yields each of them once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    name: str
    sha256: str
    encoding: str


@dataclass
class Fragment:
    """Source text no part claimed, kept with its line number so nothing is silently dropped."""

    line: int
    text: str


@dataclass
class AgendaItem:
    number: int
    title: str


@dataclass
class Signatory:
    role: str
    name: str
    note: str = ""  # what stood beside the name, such as "(签名)" or "(Signed)"


@dataclass
class Letter:
    date: str | None
    title: str
    paragraphs: list[str]
    signatories: list[Signatory]
    annex_heading: str | None = None  # the "附件" / "Annex" line that introduces the treaty


@dataclass
class Preamble:
    parties: str | None
    recitals: list[str]
    formula: str | None


@dataclass
class Paragraph:
    number: int
    text: str


@dataclass
class Article:
    number: int
    heading: str  # the number as the source writes it: "1.", "第四条", "Article 4"
    paragraphs: list[Paragraph]
    title: str | None = None
    division: str | None = None  # ref of the division (part, chapter…) that holds it

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Division:
    ref: str
    kind: str
    number: int
    heading: str
    title: str | None = None


@dataclass
class Signing:
    date: str | None
    place: str | None
    text: str


@dataclass
class Document:
    source: Source
    language: str  # "zh" or "en": how headings are written back
    layout: str  # the name of the layout that recognised the text
    title: str | None = None
    session: int | None = None
    masthead: list[str] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    letter: Letter | None = None
    preamble: Preamble | None = None
    divisions: list[Division] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    signing: Signing | None = None
    signatories: list[Signatory] = field(default_factory=list)
    furniture: list[Fragment] = field(default_factory=list)
    unassigned: list[Fragment] = field(default_factory=list)

    def article(self, number: int) -> Article | None:
        for article in self.articles:
            if article.number == number:
                return article
        return None

    def strings(self):
        """Every source-derived string in the model, once each: the basis of the no-loss check."""
        yield from self.masthead
        for item in self.agenda:
            yield item.title  # its number stands in the masthead's agenda line
        if self.letter:
            yield self.letter.title
            yield from self.letter.paragraphs
            for person in self.letter.signatories:
                yield from (person.role, person.name, person.note)
            if self.letter.annex_heading:
                yield self.letter.annex_heading
        if self.title:
            yield self.title
        if self.preamble:
            yield self.preamble.parties or ""
            yield from self.preamble.recitals
            yield self.preamble.formula or ""
        for division in self.divisions:
            yield division.heading
            yield division.title or ""
        for article in self.articles:
            yield article.heading
            yield article.title or ""
            for paragraph in article.paragraphs:
                yield paragraph.text
        if self.signing:
            yield self.signing.text
        for person in self.signatories:
            yield from (person.role, person.name, person.note)
        for fragment in self.furniture:
            yield fragment.text
        for fragment in self.unassigned:
            yield fragment.text
