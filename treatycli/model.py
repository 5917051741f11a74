"""The article model every command serves: document → parts → articles → paragraphs.

Records are named tuples and the document a plain class with slots: importing `dataclasses`
(and `inspect` behind it) would cost more start-up time than a whole lookup.

Each record's shape is declared once, below: its fields in order (the order of its JSON
record too), what each holds, and its JSON name where that differs. serial.py derives from
the declarations the export's JSON record, the reading of it back and the check of a kept
one; `Document.strings()` walks them. A field added to a declaration is in all of them.

A SOURCE string is text taken from the source (joined across hard wraps), so that the loader
can prove it lost nothing: `Document.strings()` yields each of them once.
"""

from __future__ import annotations

from collections import namedtuple
from operator import attrgetter

from .numerals import inserted_key

# -- what a field holds ----------------------------------------------------------------------

SOURCE = "source"  # text taken from the source: strings() yields it
TEXT = "text"  # any other string: a ref, a kind, an ISO date, a layout decision
INT = "int"  # not a bool
BOOL = "bool"
# A record class stands for a nested record; these wrap any kind (a list in JSON either way):


def optional(kind):
    """The kind, or None."""
    return ("optional", kind)


def list_of(kind):
    return ("list", kind)


def tuple_of(kind):
    return ("tuple", kind)


_REQUIRED = object()


class Field:
    """One field of a record: `name` in the model, `json` in the JSON record. `compute` makes a
    field that is written only, from the record (Article's ref); `lift` = (field, key) writes
    that field of a nested record as the owner's `key`, before it (the Document's layout)."""

    __slots__ = ("name", "kind", "json", "default", "compute", "lift")

    def __init__(self, name, kind, json=None, default=_REQUIRED, compute=None, lift=None):
        self.name, self.kind, self.json, self.default = name, kind, json or name, default
        self.compute, self.lift = compute, lift

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.kind!r})"


def field(name: str, kind, *, json: str | None = None, default=_REQUIRED, lift=None) -> Field:
    if not _known(kind):
        raise TypeError(f"{name}: {kind!r} is not a kind of field")
    return Field(name, kind, json, default, lift=lift)


def _known(kind) -> bool:
    if isinstance(kind, tuple):
        return len(kind) == 2 and kind[0] in ("optional", "list", "tuple") and _known(kind[1])
    return kind in (SOURCE, TEXT, INT, BOOL) or hasattr(kind, "_shape")


def computed(json: str, compute) -> Field:
    """A JSON field made from the record when it is written, not read back nor checked."""
    return Field(None, None, json, compute=compute)


def stored(shape) -> list[Field]:
    """The fields a record holds (the computed ones are not held)."""
    return [f for f in shape if f.kind is not None]


def record(typename: str, *shape: Field):
    """A named tuple with these fields, in this order, and the declaration as `_shape`.
    Computed fields come first; defaults, as in any named tuple, only for the last fields."""
    fields = stored(shape)
    if list(shape[len(shape) - len(fields) :]) != fields or any(f.lift for f in fields):
        raise TypeError(f"{typename}: a computed field after a stored one, or a lifted field")
    defaults = []
    for f in reversed(fields):
        if f.default is _REQUIRED:
            break
        defaults.insert(0, f.default)
    if any(f.default is not _REQUIRED for f in fields[: len(fields) - len(defaults)]):
        raise TypeError(f"{typename}: a field with a default before one without")
    base = namedtuple(typename, [f.name for f in fields], defaults=defaults or None)
    base._shape = shape
    return base


# -- the records -----------------------------------------------------------------------------


class Source:
    """Where the text came from; `guessed` when its encoding was detected from the bytes alone
    (no BOM, not UTF-8). It keeps the bytes' SHA-256 (given, or computed as it is made), not
    the bytes: a model kept for a run would hold them all. `title` and `short_title` are what
    the library was told the document is called (`library add --title --short-title`): cite
    writes that title, and both name the document besides its own title."""

    __slots__ = ("name", "encoding", "guessed", "sha256", "title", "short_title")

    def __init__(self, name: str, data: bytes | None, encoding: str, guessed: bool = False, sha256=None):
        if sha256 is None:
            from .cache import sha256_hex

            sha256 = sha256_hex(data)
        self.name, self.encoding, self.guessed, self.sha256 = name, encoding, guessed, sha256
        self.title: str | None = None
        self.short_title: str | None = None


class Fragment(record("Fragment", field("line", INT), field("text", SOURCE))):
    """Source text no part claimed (or page furniture), with its line number."""

    __slots__ = ()


class AgendaItem(record("AgendaItem", field("number", INT, json="item"), field("title", SOURCE))):
    """`number` stands in the masthead's agenda line too: only the title is the item's text."""

    __slots__ = ()


class Signatory(
    record("Signatory", field("role", SOURCE), field("name", SOURCE), field("note", SOURCE, default=""))
):
    """`note` keeps what stood beside the name, such as "(签名)" or "(Signed)"."""

    __slots__ = ()


class Letter(
    record(
        "Letter",
        field("date", optional(TEXT)),  # ISO, found in the title
        field("title", SOURCE),
        field("paragraphs", list_of(SOURCE)),
        field("signatories", list_of(Signatory)),
        field("annex_heading", optional(SOURCE), default=None),
    )
):
    """A cover letter; `annex_heading` is the "附件" / "Annex" line that introduces the treaty."""

    __slots__ = ()


class Preamble(
    record(
        "Preamble",
        field("heading", optional(SOURCE)),
        field("parties", optional(SOURCE)),
        field("recitals", list_of(SOURCE)),
        field("formula", optional(SOURCE)),
    )
):
    """`heading` is a "序言" / "PREAMBLE" label where the source has one."""

    __slots__ = ()


class Item(record("Item", field("number", INT), field("label", SOURCE), field("text", SOURCE))):
    """An item within a paragraph (项): `label` as written, "（一）", "(a)", "1)"."""

    __slots__ = ()


class Paragraph(
    record(
        "Paragraph", field("number", INT), field("text", SOURCE), field("items", tuple_of(Item), default=())
    )
):
    __slots__ = ()


class Article(
    record(
        "Article",
        computed("ref", lambda article: article.key),
        field("number", INT),
        field("ordinal", INT),
        field("insertion", TEXT),
        field("heading", SOURCE),
        field("title", optional(SOURCE)),
        field("division", optional(TEXT)),
        field("paragraphs", list_of(Paragraph)),
        field("page", optional(INT), default=None),
    )
):
    """`heading` is the number as the source writes it: "1.", "第四条", "第十七条之一", "Article 8 bis";
    `ordinal` numbers an inserted article literally (之一 → 1, 15-1 → 1, bis → 2), 0 for the others;
    `insertion` is how the heading marks it inserted, as the loader read it (之N: 第十七条之一; N-M:
    第15-1條; N之M: 第八之二條; bis: Article 8 bis; vocabulary.py names them), "" for the others.
    `division` is the ref of the innermost division that holds it; `page` the page of a PDF its
    heading stands on, counted from 1 (None for a text file)."""

    __slots__ = ()

    @property
    def key(self) -> str:
        """The canonical reference: 17, 17_1 for 第十七条之一 or 第17-1條, 8bis for Article 8 bis."""
        if not self.ordinal:
            return str(self.number)
        return inserted_key(self.number, self.ordinal, latin=self.insertion == "bis")


class Division(
    record(
        "Division",
        field("ref", TEXT),
        field("kind", TEXT),
        field("number", optional(INT)),
        field("heading", SOURCE),
        field("title", optional(SOURCE), default=None),
        field("ordinal", INT, default=0),
    )
):
    """`ref` is the path from the outermost level: "book2.chapter1.section2", "part3", and
    "book1.chapter5_1" for a division inserted after chapter 5 (第五章之一), whose `ordinal` is
    1 (0 for the others), as an inserted article's is."""

    __slots__ = ()


class Layout(
    record(
        "Layout",
        field("name", TEXT),
        field("structure", TEXT, default="treaty"),
        field("wrapped", BOOL, default=False),
        field("paragraphs", TEXT, default="blank"),
        field("indent", INT, default=0),
        field("headings", optional(TEXT), default=None),
        field("separator", optional(TEXT), default=None),
        field("numbering", optional(TEXT), default="arabic"),
        field("inserted", tuple_of(TEXT), default=()),
        field("divisions", tuple_of(TEXT), default=()),
        field("furniture", tuple_of(TEXT), default=()),
        field("width", INT, default=0),
        field("script", TEXT, default=""),
        field("hierarchy", tuple_of(TEXT), default=()),
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
    width: the width lines are wrapped at (the 90th percentile of line widths);
    script: what the text is written in: hans (simplified Chinese), hant (traditional), latn;
    hierarchy: the words the document names its article, paragraph and item with, as a
    citation of it writes them (条 款 项; 條 款 項; art. para. item), its headings first.
    Only the name is required: Layout("hand") is clean text, blank-line paragraphs, for a
    document built in code.
    """

    __slots__ = ()


class Section(
    record(
        "Section",
        field("number", INT),
        field("heading", SOURCE),
        field("title", optional(SOURCE)),
        field("paragraphs", list_of(Paragraph)),
    )
):
    """A section of an annex ("SECTION 1. COSTS TO STATES PARTIES…")."""

    __slots__ = ()


class Annex(
    record(
        "Annex",
        field("number", INT),
        field("heading", SOURCE),
        field("paragraphs", list_of(Paragraph)),
        field("sections", tuple_of(Section), default=()),
    )
):
    """An annex after the articles; `heading` as written ("附件一…", "ANNEX I"). Paragraphs
    before its first section, then its sections."""

    __slots__ = ()


class Resolution(
    record(
        "Resolution",
        field("title", SOURCE),
        field("author", SOURCE),
        field("recitals", list_of(SOURCE)),
        field("paragraphs", list_of(Paragraph)),
        field("closing", list_of(SOURCE)),
        field("annex_heading", optional(SOURCE), default=None),
    )
):
    """A UN resolution that carries a treaty as its annex: "The General Assembly," (author),
    preambular recitals, numbered operative paragraphs, the closing lines (meeting, date), and
    the "ANNEX" line that introduces the treaty."""

    __slots__ = ()


class Signing(
    record(
        "Signing",
        field("date", optional(TEXT)),  # ISO
        field("place", optional(TEXT)),  # found in the text
        field("text", SOURCE),
        field("witness", optional(SOURCE), default=None),
    )
):
    """`witness` is the formula before it ("IN WITNESS WHEREOF…", "下列签署人…")."""

    __slots__ = ()


def _source(doc) -> dict:
    return {"name": doc.source.name, "sha256": doc.source.sha256, "encoding": doc.source.encoding}


_DOCUMENT = (
    computed("source", _source),
    field("language", TEXT),
    field("decisions", Layout, json="layout_decisions", lift=("name", "layout")),
    field("notes", list_of(TEXT)),
    field("title", optional(SOURCE)),
    field("session", optional(INT)),
    field("masthead", list_of(SOURCE)),
    field("agenda", list_of(AgendaItem)),
    field("letter", optional(Letter)),
    field("preamble", optional(Preamble)),
    field("divisions", list_of(Division)),
    field("articles", list_of(Article)),
    field("annexes", list_of(Annex)),
    field("resolution", optional(Resolution)),
    field("signing", optional(Signing)),
    field("signatories", list_of(Signatory)),
    field("furniture", list_of(Fragment)),
    field("unassigned", list_of(Fragment)),
)


class Document:
    """A loaded treaty. `language` ("zh"/"en") says how headings are written back; `decisions`
    is the Layout the loader followed, `layout` its one-word name; `notes` says, briefly, what
    was odd in the source (a heading missing or misspelt) and how it was read. A new document
    has every other part None or empty."""

    __slots__ = ("source", *(f.name for f in stored(_DOCUMENT)))
    _shape = _DOCUMENT

    def __init__(self, source: Source, language: str, decisions: Layout):
        self.source, self.language, self.decisions = source, language, decisions
        for name, empty in _EMPTY:
            setattr(self, name, empty())

    @property
    def layout(self) -> str:
        return self.decisions.name

    def __repr__(self) -> str:
        return f"<Document {self.source.name!r}: {len(self.articles)} articles, layout {self.layout}>"

    def article(self, number: int, ordinal: int = 0) -> Article | None:
        return next((a for a in self.articles if a.number == number and a.ordinal == ordinal), None)

    def strings(self):
        """Every source-derived string in the model, once each: the basis of the no-loss check.
        They are the SOURCE fields of the declarations, wherever they stand."""
        return iter(source_strings(self))


def _none() -> None:
    return None


_document_fields = attrgetter(*(f.name for f in stored(_DOCUMENT)))
# every part but the language and the layout, which a document is made with
_EMPTY = [
    (f.name, list if f.kind[0] == "list" else _none) for f in stored(_DOCUMENT) if isinstance(f.kind, tuple)
]


# -- the walk that strings() makes, derived from the declarations ------------------------------

_COLLECTORS: dict = {}


def source_strings(value) -> list[str]:
    """The SOURCE strings a record (or a document) holds, nested records' included."""
    out: list[str] = []
    collect = _collector(type(value))
    if collect is not None:
        collect(_document_fields(value) if isinstance(value, Document) else value, out)
    return out


def _collector(kind):
    """A function (value, out) that appends to `out` the SOURCE strings in a value of this
    kind (a record given as the tuple of its stored fields), or None when it holds none."""
    if kind == SOURCE:
        return _append
    if isinstance(kind, tuple):
        wrapper, inner = kind
        if inner == SOURCE:
            return _append_optional if wrapper == "optional" else _extend
        each = _collector(inner)
        if each is None:
            return None
        if wrapper == "optional":
            return lambda value, out: value is None or each(value, out)

        def each_of(values, out):
            for value in values:
                each(value, out)

        return each_of
    if not isinstance(kind, type):
        return None  # TEXT, INT, BOOL
    if kind in _COLLECTORS:
        return _COLLECTORS[kind]
    fields = stored(kind._shape)
    # the commonest fields are walked inline; the others by their kind's collector
    plain = [i for i, f in enumerate(fields) if f.kind == SOURCE]
    optional = [i for i, f in enumerate(fields) if f.kind == ("optional", SOURCE)]
    others = [
        (i, each) for i, f in enumerate(fields) if i not in plain + optional and (each := _collector(f.kind))
    ]

    def collect(values, out):
        for index in plain:
            out.append(values[index])
        for index in optional:
            if values[index] is not None:
                out.append(values[index])
        for index, each in others:
            each(values[index], out)

    _COLLECTORS[kind] = collect = collect if plain or optional or others else None
    return collect


def _append(value: str, out: list) -> None:
    out.append(value)


def _append_optional(value: str | None, out: list) -> None:
    if value is not None:
        out.append(value)


def _extend(values, out: list) -> None:
    out.extend(values)
