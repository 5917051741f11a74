"""What each unit of a document is about, and the document at a glance, kept once computed.

Computing summaries needs jieba (about a second to start, more on a long text), so they are
computed once per content (summarising.py) and kept: the built-in treaty's ship in the
package (data/builtin.summaries.json, from tools/make_builtin_summaries.py), other documents'
go to the user's cache (cache.Records), keyed by the SHA-256 of the unit tree they describe. A
record is used only if it fits that tree in every field; otherwise it is computed again.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections import deque, namedtuple
from collections.abc import Mapping

from . import cache
from .gist import GIST_CHARS
from .model import Document
from .summary import MAX_KEYWORDS, Summaries, UnitSummary
from .units import Unit, leaves_letting_go, letting_go, walk_letting_go

FORMAT = "treatycli-summaries/3"  # 2: gists keep a number with its word; 3: the grammar redesign's cross-references
BUILTIN_SUMMARIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "builtin.summaries.json")
# a piece of 256 units: a unit's summary is its keywords, gist and names, about 2 KiB read
KEPT = cache.Records(FORMAT, "summaries-", BUILTIN_SUMMARIES, stamped=True, chunked="units", piece_items=256)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def digest(doc: Document, root: Unit) -> str:
    """What the summaries depend on: the language, the title, and every unit's ref, kind,
    text and members."""
    return _digest_and_limit(doc, root)[0]


def _digest_and_limit(doc: Document, root: Unit) -> tuple[str, int]:
    """(digest(), the size no record of this tree exceeds), in one walk of the tree. Each
    unit's summary is bounded (keywords, a gist, names quoted from its text), so 4 KiB a unit
    and 8 bytes a character of text are ample."""
    from hashlib import sha256

    state = sha256(f"{FORMAT}\t{doc.language}\t{doc.title or ''}\n".encode())
    limit = 1 << 16
    for unit in walk_letting_go(root):
        members = ",".join(member.ref for member in unit.members)
        text = unit.text or ""
        state.update(f"{unit.ref}\t{unit.kind}\t{text}\t{members}\n".encode())
        limit += 4096 + 8 * len(text)
    return state.hexdigest(), limit


def load(
    doc: Document,
    root: Unit,
    progress=None,
    wanted: set[str] | None = None,
    top: int = MAX_KEYWORDS,
    in_order: bool = False,
) -> Summaries:
    """The summaries of the units of `doc` whose refs are `wanted` (None: of every unit), from
    the package or the cache if they fit, else computed (jieba) and cached, with `top`
    keywords at least. `progress(True)`/`progress(False)` bracket the slow part. A kept record
    is read only for the pieces that hold a wanted unit (a 5 MB document's summaries took 72
    MiB to read whole), and a unit's summary is checked and cut to `top` keywords as it is
    read. `in_order`: the wanted units are asked for in document order (a whole document's
    articles); more of them than a piece holds are then read again as they are asked for,
    not held (11 MiB of a 5 MB document's). Asked for in another order, each would read a
    piece: 1,000 articles in a random order took five times as long."""
    sha256, limit = _digest_and_limit(doc, root)
    fit = _Fit(root, wanted)
    streamed = in_order and wanted is not None and len(wanted) > KEPT.piece_items
    entry = fit.entry(top, streamed) if wanted is not None else None
    reading = {"wanted": wanted, "entry": entry, "streamed": streamed}
    record = KEPT.read(sha256, limit, fit, **reading, lost=lambda: _made_again(doc, root, wanted, top))
    if record is not None:
        return from_record(record, wanted)
    if progress:
        progress(True)
    try:
        from .summarising import compute

        computed, words = compute(doc, root)

        def made_again() -> dict:  # from what was computed: jieba does not segment again
            return _held(computed.units, wanted, top)

        if words is not None:
            from . import words as word_cache

            word_cache.store(*words)  # grep -w on this document need not start jieba again
        kept: dict[str, UnitSummary] = {}
        keeping, written = not streamed, 0

        def entries():
            """Each unit's summary as it is written; while `keeping`, the wanted kept to be shown."""
            nonlocal written
            for ref, summary in computed.units:
                if keeping and (wanted is None or ref in wanted):
                    kept[ref] = summary
                written += 1
                yield ref, _plain(summary._asdict())

        made = entries()
        KEPT.write(sha256, KEPT.record({"units": cache.Entries(made), **_fields(computed)}, sha256))
        if streamed and written:
            # held while they were written, a whole document's summaries took 5.5 MiB a MB
            # of text: what was written is read back as a kept record is
            record = KEPT.read_cached(sha256, limit, fit, **reading, lost=made_again)
            if record is None:  # not written whole (a disk that filled), or not read back
                record = {"units": made_again(), **_fields(computed)}
            return from_record(record, wanted)
        keeping = True  # the cache could not be written: none was made yet
        deque(made, 0)  # what a cache that cannot be written did not read
    finally:
        if progress:
            progress(False)
    return computed._replace(units=kept)


def _made_again(doc: Document, root: Unit, wanted: set[str], top: int) -> dict:
    """The summaries `wanted`, computed, each held as a kept one is (_cut): a kept record
    written over in place while it was read a second time (cache.KeptEntries). A run that
    computed them makes them again from what it computed (summarising._Made). Not checked
    as a kept record is: they are this run's own."""
    from .summarising import compute

    computed, _ = compute(doc, root)
    return _held(computed.units, wanted, top)


def _held(units, wanted: set[str], top: int) -> dict:
    """The summaries `wanted` of (ref, UnitSummary) pairs, each held as a kept one is (_cut)."""
    return {ref: _cut(_plain(summary._asdict()), top) for ref, summary in units if ref in wanted}


def _cut(fields: dict, top: int) -> dict:
    """A unit's summary as it is held to be shown: its first `top` keywords (a record keeps
    MAX_KEYWORDS; summarise shows `top`)."""
    return {**fields, "keywords": fields["keywords"][:top]}


def to_record(sha256: str, summaries: Summaries) -> dict:
    """The record of these summaries, as JSON reads it (lists, not tuples), whether the
    package ships it as JSON or the cache keeps it as marshal, which keeps tuples."""
    units = {ref: _plain(unit._asdict()) for ref, unit in summaries.units.items()}
    return KEPT.record({"units": units, **_fields(summaries)}, sha256)


def _fields(summaries: Summaries) -> dict:
    """What a record holds of the whole document."""
    return {
        "themes": _plain(summaries.themes),
        "instruments": _plain(summaries.instruments),
        "organizations": _plain(summaries.organizations),
    }


def _plain(value):
    """Lists for tuples, and each string interned: marshal writes a string once however many
    units hold it (a keyword in every article), and its record was 3.5 times the text."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def from_record(record: dict, wanted: set[str] | None = None) -> Summaries:
    """The Summaries a record holds, of the units `wanted` (None: all of them)."""
    units = record["units"]
    return Summaries(
        _Streamed(units)
        if isinstance(units, cache.KeptEntries)
        else {ref: UnitSummary(**units[ref]) for ref in (units if wanted is None else wanted)},
        record["themes"],
        record["instruments"],
        record["organizations"],
    )


class _Streamed(Mapping):
    """The summaries of a record read a piece at a time (cache.KeptEntries), each made as it
    is asked for."""

    __slots__ = ("fields",)

    def __init__(self, fields: cache.KeptEntries):
        self.fields = fields

    def __getitem__(self, ref: str) -> UnitSummary:
        return UnitSummary(**self.fields[ref])

    def __iter__(self):
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)


# -- what a record must be to be used -------------------------------------------------------


def _text(value) -> bool:
    return type(value) is str and value != ""


def _weight(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and value > 0


def _count(value) -> bool:
    return type(value) is int and value > 0


def _date(value) -> bool:
    return type(value) is str and _ISO_DATE.fullmatch(value) is not None


def _optional_date(value) -> bool:
    return value is None or _date(value)


def _list(value, item) -> bool:
    return type(value) is list and all(item(element) for element in value)


def _pair(first, second):
    return lambda value: type(value) is list and len(value) == 2 and first(value[0]) and second(value[1])


class _Fit:
    """`fit(record)`: is this record (of summaries of this tree's digest, cache.Records checks
    that) well-formed in every field? It must hold every unit of the tree, or every unit
    `wanted` (whose summaries alone are checked and used). A gist must be a quote of its
    unit, a cross-reference a unit of the tree."""

    def __init__(self, root: Unit, wanted: set[str] | None = None):
        self.root, self.wanted = root, wanted
        # every unit by ref, to check a whole record; for a few units, each looked up as asked
        self.units = {unit.ref: unit for unit in root.walk() if unit is not root} if wanted is None else {}
        self.exists: dict[str, bool] = {}
        self.valid: set[str] = set()  # the units whose summaries were checked as they were read
        # a record read a piece at a time was checked whole: a summary read again is not
        # checked again, nor its ref held (a 5 MB document's 10,500 articles: 1 MiB)
        self.trusted = False

    def _unit_of(self, ref: str) -> Unit | None:
        """The unit `ref` names, found by its keys from the root (a walk would make every
        article's units), or None. Not kept: each unit wanted is looked up once."""
        if self.wanted is None:
            return self.units.get(ref)
        unit: Unit | None = self.root
        for key in ref.split("."):
            unit = unit.child(key)
            if unit is None:
                break
        return unit if unit is not None and unit.ref == ref else None

    def _names_a_unit(self, ref: str) -> bool:
        """Does `ref` name a unit of the tree? Asked of every unit an instrument is cited in:
        an article's units made to answer are let go again."""
        if self.wanted is None:
            return ref in self.units
        known = self.exists.get(ref)
        if known is None:
            with letting_go(self.root.child(ref.split(".", 1)[0])):
                known = self.exists[ref] = self._unit_of(ref) is not None
        return known

    def __call__(self, record: dict) -> bool:
        units = record.get("units")
        if not (
            (type(units) is dict or isinstance(units, cache.KeptEntries))
            and (units.keys() == self.units.keys() if self.wanted is None else self.wanted <= units.keys())
            and _list(record.get("themes"), _pair(_text, _weight))
            and _list(record.get("organizations"), _pair(_text, _count))
            and _list(record.get("instruments"), self._instrument)
        ):
            return False
        if isinstance(units, cache.KeptEntries):  # each entry checked as it was read (entry())
            self.trusted = True  # and read again only as it was checked (its SHA-256)
            return True
        checked = units if self.wanted is None else self.wanted
        return all(ref in self.valid or self._checked(ref, units[ref]) for ref in checked)

    def _checked(self, ref: str, fields) -> bool:
        unit = self._unit_of(ref)
        return unit is not None and self._unit(unit, fields)

    def entry(self, top: int, streamed: bool = False):
        """What a record read for the units wanted holds of each unit's summary: the summary
        with its first `top` keywords (a unit's summary keeps MAX_KEYWORDS; summarise shows
        `top`), checked as it is read, those keywords and every other field (checking the
        keywords not shown was half the time of reading a whole document's summaries).
        `streamed`: for a cache.KeptEntries, whose entries are all checked as the record is
        read (and, read again, are not checked again)."""

        def kept(ref: str, fields):
            if type(fields) is not dict or type(fields.get("keywords")) is not list:
                return None
            fields = _cut(fields, top)
            if self.trusted:  # read again (cache.KeptEntries), as it was checked
                return fields
            if ref not in self.valid:
                if not self._checked(ref, fields):
                    return None
                if not streamed:
                    self.valid.add(ref)
            return fields

        return kept

    def _instrument(self, value) -> bool:
        return (
            type(value) is list
            and len(value) == 3
            and _text(value[0])
            and _optional_date(value[1])
            and _list(value[2], self._names_a_unit)
        )

    def _unit(self, unit: Unit, fields) -> bool:
        if type(fields) is not dict or fields.keys() != set(UnitSummary._fields):
            return False
        gist = fields["gist"]
        if gist is not None:
            # its articles' paragraphs, made to find the gist in, go again
            texts = [leaf.text for leaf in leaves_letting_go(unit) if leaf.text]
            if not (
                _text(gist)
                and len(gist) <= GIST_CHARS
                and len(gist) < sum(map(len, texts))
                and any(gist in text for text in texts)
            ):
                return False
        keywords = fields["keywords"]
        return (
            _list(keywords, _pair(_text, _weight))
            and len(keywords) <= MAX_KEYWORDS
            and _list(fields["dates"], _date)
            and _list(fields["instruments"], _pair(_text, _optional_date))
            and _list(fields["organizations"], _pair(_text, _count))
            and _list(fields["cross_references"], lambda ref: type(ref) is str and self._names_a_unit(ref))
        )


# -- what `summarise` shows -------------------------------------------------------------------

# parts the document lines already give (title, date and place of signing, signatories)
_OVERVIEW_SKIPS = ("title", "signing", "signatures")


class Report(namedtuple("Report", "doc root summaries units top whole")):
    """What `summarise` prints: the `units` in order, `top` keywords each; `whole` when it
    summarises the document (no REF given), which adds the document's own facts."""

    __slots__ = ()

    @property
    def separator(self) -> str:
        """Keywords are joined as the document's language lists words."""
        return "、" if self.doc.language == "zh" else ", "

    def keywords(self, ref: str) -> list[str]:
        return [keyword[0] for keyword in self.summaries.units[ref].keywords[: self.top]]


def overview_units(root: Unit) -> list[Unit]:
    """The units of a whole-document summary: its parts and articles, divisions before their
    articles, in document order."""
    return [unit for unit in root.children if unit.kind not in _OVERVIEW_SKIPS]


def with_members(units: list[Unit]) -> list[Unit]:
    """A division stands for itself and then its articles."""
    out = []
    for unit in units:
        out.append(unit)
        if unit.kind == "division":
            out += with_members(unit.members)
    return out
