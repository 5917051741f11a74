"""The article model every command serves: document → parts → articles → paragraphs.

Records are named tuples and the document a plain class with slots: importing `dataclasses`
(and `inspect` behind it) would cost more start-up time than a whole lookup.

Every string here is text taken from the source (joined across hard wraps), so that the
loader can prove it lost nothing: `Document.strings()` yields each of them once.
"""

from __future__ import annotations

from collections import namedtuple

from .numerals import inserted_key


class Source:
    """Where the text came from; `guessed` when its encoding was detected from the bytes alone
    (no BOM, not UTF-8); its SHA-256 is computed only when asked for (export)."""

    __slots__ = ("name", "encoding", "guessed", "_data", "_sha256")

    def __init__(self, name: str, data: bytes, encoding: str, guessed: bool = False):
        self.name, self.encoding, self.guessed, self._data, self._sha256 = name, encoding, guessed, data, None

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            from hashlib import sha256

            self._sha256 = sha256(self._data).hexdigest()
        return self._sha256


class Fragment(namedtuple("Fragment", "line text")):
    """Source text no part claimed (or page furniture), with its line number."""

    __slots__ = ()


class AgendaItem(namedtuple("AgendaItem", "number title")):
    __slots__ = ()


class Signatory(namedtuple("Signatory", "role name note", defaults=("",))):
    """`note` keeps what stood beside the name, such as "(签名)" or "(Signed)"."""

    __slots__ = ()


class Letter(namedtuple("Letter", "date title paragraphs signatories annex_heading", defaults=(None,))):
    """A cover letter; `annex_heading` is the "附件" / "Annex" line that introduces the treaty."""

    __slots__ = ()


class Preamble(namedtuple("Preamble", "parties recitals formula heading", defaults=(None,))):
    """`heading` is a "序言" / "PREAMBLE" label where the source has one."""

    __slots__ = ()


class Item(namedtuple("Item", "number label text")):
    """An item within a paragraph (项): `label` as written, "（一）", "(a)", "1)"."""

    __slots__ = ()


class Paragraph(namedtuple("Paragraph", "number text items", defaults=((),))):
    __slots__ = ()


class Article(
    namedtuple("Article", "number heading paragraphs title division ordinal", defaults=(None, None, 0))
):
    """`heading` is the number as the source writes it: "1.", "第四条", "第十七条之一", "Article 8 bis";
    `ordinal` numbers an inserted article literally (之一 → 1, 15-1 → 1, bis → 2), 0 for the others.
    `division` is the ref of the innermost division that holds it."""

    __slots__ = ()

    @property
    def key(self) -> str:
        """The canonical reference: 17, 17_1 for 第十七条之一 or 第17-1條, 8bis for Article 8 bis."""
        if not self.ordinal:
            return str(self.number)
        return inserted_key(self.number, self.ordinal, latin=self.heading.isascii())


class Division(namedtuple("Division", "ref kind number heading title", defaults=(None,))):
    """`ref` is the path from the outermost level: "book2.chapter1.section2", "part3"."""

    __slots__ = ()


class Layout(
    namedtuple(
        "Layout",
        "name structure wrapped paragraphs indent headings separator numbering inserted divisions furniture width",
        defaults=("treaty", False, "blank", 0, None, None, "arabic", (), (), (), 0),
    )
):
    """How the source is laid out, decided once (loader/layout.py) and followed by every stage.

    name: the compatible one-word summary ("zh-article", "resolution+treaty", "paragraphs",
    "plain" when there is nothing to number);
    structure: treaty, resolution, resolution+treaty or paragraphs (no headings at all);
    wrapped: lines are hard-wrapped at a width (PDF text), not one paragraph each;
    paragraphs: what opens a paragraph: indent, blank, flow or lines; indent: the indent that
    opens a paragraph (the commonest beyond the least; a smaller one is a lost 、 at a wrap);
    headings: the article heading style; separator: space when headings are set off from
    their text (then a heading fused with text is a cross-reference), else fused;
    numbering: chinese, arabic or roman; inserted: the forms of inserted articles seen;
    divisions: the levels seen, outermost first; furniture: the forms of page furniture seen
    (footnote-markers and hyphens: a Latin-script text, where those are looked for);
    width: the width lines are wrapped at (the 90th percentile of line widths).
    Only the name is required: Layout("hand") is clean text, blank-line paragraphs, for a
    document built in code.
    """

    __slots__ = ()


class Annex(namedtuple("Annex", "number heading paragraphs sections", defaults=((),))):
    """An annex after the articles; `heading` as written ("附件一…", "ANNEX I"). Paragraphs
    before its first section, then its sections."""

    __slots__ = ()


class Section(namedtuple("Section", "number heading title paragraphs")):
    """A section of an annex ("SECTION 1. COSTS TO STATES PARTIES…")."""

    __slots__ = ()


class Resolution(
    namedtuple("Resolution", "title author recitals paragraphs closing annex_heading", defaults=(None,))
):
    """A UN resolution that carries a treaty as its annex: "The General Assembly," (author),
    preambular recitals, numbered operative paragraphs, the closing lines (meeting, date), and
    the "ANNEX" line that introduces the treaty."""

    __slots__ = ()


class Signing(namedtuple("Signing", "date place text witness", defaults=(None,))):
    """`witness` is the formula before it ("IN WITNESS WHEREOF…", "下列签署人…")."""

    __slots__ = ()


class Document:
    """A loaded treaty. `language` ("zh"/"en") says how headings are written back; `decisions`
    is the Layout the loader followed, `layout` its one-word name; `notes` says, briefly, what
    was odd in the source (a heading missing or misspelt) and how it was read."""

    __slots__ = (
        "source", "language", "decisions", "title", "session", "masthead", "agenda", "letter", "resolution",
        "preamble", "divisions", "articles", "annexes", "signing", "signatories", "furniture",
        "unassigned", "notes",
    )  # fmt: skip

    def __init__(self, source: Source, language: str, decisions: Layout):
        self.source, self.language, self.decisions = source, language, decisions
        self.title: str | None = None
        self.session: int | None = None
        self.masthead: list[str] = []
        self.agenda: list[AgendaItem] = []
        self.letter: Letter | None = None
        self.resolution: Resolution | None = None
        self.preamble: Preamble | None = None
        self.divisions: list[Division] = []
        self.articles: list[Article] = []
        self.annexes: list[Annex] = []
        self.signing: Signing | None = None
        self.signatories: list[Signatory] = []
        self.furniture: list[Fragment] = []
        self.unassigned: list[Fragment] = []
        self.notes: list[str] = []

    @property
    def layout(self) -> str:
        return self.decisions.name

    def __repr__(self) -> str:
        return f"<Document {self.source.name!r}: {len(self.articles)} articles, layout {self.layout}>"

    def article(self, number: int, ordinal: int = 0) -> Article | None:
        return next((a for a in self.articles if a.number == number and a.ordinal == ordinal), None)

    def strings(self):
        """Every source-derived string in the model, once each: the basis of the no-loss check."""
        yield from self.masthead
        for item in self.agenda:
            yield item.title  # its number stands in the masthead's agenda line
        if self.letter:
            yield self.letter.title
            yield from self.letter.paragraphs
            for person in self.letter.signatories:
                yield from person
            if self.letter.annex_heading:
                yield self.letter.annex_heading
        if self.resolution:
            yield from (self.resolution.title, self.resolution.author)
            yield from self.resolution.recitals
            yield from _paragraph_strings(self.resolution.paragraphs)
            yield from self.resolution.closing
            yield self.resolution.annex_heading or ""
        if self.title:
            yield self.title
        if self.preamble:
            yield self.preamble.heading or ""
            yield self.preamble.parties or ""
            yield from self.preamble.recitals
            yield self.preamble.formula or ""
        for division in self.divisions:
            yield division.heading
            yield division.title or ""
        for article in self.articles:
            yield article.heading
            yield article.title or ""
            yield from _paragraph_strings(article.paragraphs)
        for annex in self.annexes:
            yield annex.heading
            yield from _paragraph_strings(annex.paragraphs)
            for section in annex.sections:
                yield from (section.heading, section.title or "")
                yield from _paragraph_strings(section.paragraphs)
        if self.signing:
            yield self.signing.witness or ""
            yield self.signing.text
        for person in self.signatories:
            yield from person
        for fragment in self.furniture:
            yield fragment.text
        for fragment in self.unassigned:
            yield fragment.text


def _paragraph_strings(paragraphs):
    for paragraph in paragraphs:
        yield paragraph.text
        for item in paragraph.items:
            yield item.label
            yield item.text
