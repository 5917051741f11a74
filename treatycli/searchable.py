"""A large document's text as grep reads it, kept: each text unit's ref, kind, label, text and
folded text, with the document's title and what reading it told the reader.

grep of a whole document needs no model: only its text units, in order, and their folded text.
Reading the kept model and building its units cost most of a grep of a large document (0.3 s of
0.4 on 5 MB), so grep keeps this one record of them under the bytes the document was read from
(their SHA-256, the encoding asked for, and the code that reads and folds them), and a later
grep of those bytes reads it instead of the model. A document with less text than folded.KEPT_FROM
is read as it is: its model costs less than a record. A record is used only if every unit in it
has the shape of one (the cache's checksum says it is the file written). A unit's folded text
is its text itself where folding changes nothing (most Chinese): marshal writes and reads it
once, so the record holds the text once.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Sequence

from . import cache
from . import folded as folding  # its KEPT_FROM, read when used (a test sets it)
from .folded import FOLDERS
from .model import Document
from .snapshot import READERS
from .units import Unit

FORMAT = "treatycli-searchable/2"
KEPT = cache.Records(FORMAT, "searchable-", os.devnull, stamped=True, chunked="units")  # nothing ships
# What a unit's ref, kind and label are made by, besides the loader and the folding
_LABELLERS = ("units.py", "vocabulary.py")


class Searchable(namedtuple("Searchable", "title leaves folded told")):
    """`leaves`: the text units (a Unit each, with no tree above it); `folded`: their folded
    text (fold_text), in order; `told`: what reading the document told the reader (Told)."""

    __slots__ = ()


class Told(namedtuple("Told", "encoding guessed notes articles paragraphs_only")):
    """What a reader is told as a document is read (selection.tell): the encoding, if it was
    a guess, the loader's notes, and how many paragraphs were numbered for want of articles."""

    __slots__ = ()


def key(sha256: str, encoding: str | None) -> str:
    return cache.sha256_hex(
        f"{sha256}\n{encoding or ''}\n{cache.code_fingerprint(*READERS, *FOLDERS, *_LABELLERS)}".encode()
    )


def read(sha256: str, encoding: str | None, size: int) -> Searchable | None:
    """The record kept for these bytes (of `size` bytes), or None."""
    if size < folding.KEPT_FROM:  # a text file this small holds too few characters to be kept (a PDF: read)
        return None
    limit = (1 << 16) + 40 * size  # text and folded text, as JSON, with refs and labels: ample
    record = KEPT.read_cached(key(sha256, encoding), limit, _fits)
    if record is None:
        return None
    flat = record.pop("units")
    # the folded texts apart: grep lets them go once it has searched, and shows the units
    units = KeptUnits(*(flat[field::_FIELDS] for field in range(4)))
    return Searchable(record["title"], units, flat[4::_FIELDS], Told(*record["told"]))


_FIELDS = 5  # a unit's ref, kind, label, text and folded text, one after another in "units"


def units_of(doc: Document) -> KeptUnits:
    """The text units of a document (search.leaves_in_scope of all of it), as KeptUnits, each
    article's units made and let go as they are read (units.walk_unkept): a first grep of a
    5 MB document held all of them (8 MiB), then a tree of its articles (2.6), beside its model."""
    from .units import walk_unkept

    refs, kinds, labels, texts = fields = ([], [], [], [])
    for unit in walk_unkept(doc):
        if unit.text:
            refs.append(unit.ref)
            kinds.append(unit.kind)
            labels.append(sys.intern(unit.label))  # 第2款, most of them: one string, as keep writes it
            texts.append(unit.text)
    return KeptUnits(*fields)


class KeptUnits(Sequence):
    """The text units of a record, each made when it is asked for: grep asks for those its
    patterns are not ruled out of by their kept folded text (search.search). A Unit each,
    made at once, took 2.2 MiB of a 5 MB document's 14."""

    __slots__ = ("_refs", "_kinds", "_labels", "_texts")

    def __init__(self, refs: list[str], kinds: list[str], labels: list[str], texts: list[str]):
        self._refs, self._kinds, self._labels, self._texts = refs, kinds, labels, texts

    def __len__(self) -> int:
        return len(self._refs)

    def texts(self) -> list[str]:
        return self._texts

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return Unit(self._refs[index], self._kinds[index], self._labels[index], self._texts[index])


def keep(
    sha256: str, encoding: str | None, title: str | None, leaves: list[Unit], folded, told: Told
) -> None:
    """Keep what grep read of a large document (`folded`, from folded.py, None for a small one)."""
    if folded is None or sum(len(leaf.text) for leaf in leaves) < folding.KEPT_FROM:
        return
    # a kind and a label (第2款, most of them) interned: marshal writes one string once, and a
    # grep that reads the record holds one (the 5 MB document's labels were 1.5 MiB of 12)
    flat = [
        part
        for leaf, text in zip(leaves, folded, strict=True)
        for part in (
            leaf.ref,
            sys.intern(leaf.kind),
            sys.intern(leaf.label),
            leaf.text,
            leaf.text if text == leaf.text else text,
        )
    ]
    fields = {"title": title, "told": list(told), "units": flat}
    KEPT.write(key(sha256, encoding), KEPT.record(fields, key(sha256, encoding)))


def _fits(record: dict) -> bool:
    flat, told, title = record.get("units"), record.get("told"), record.get("title")
    if "title" not in record or not (
        isinstance(flat, list) and len(flat) % _FIELDS == 0 and (title is None or isinstance(title, str))
    ):
        return False
    if not (isinstance(told, list) and len(told) == len(Told._fields)):
        return False
    encoding, guessed, notes, articles, paragraphs_only = told
    return (
        isinstance(encoding, str)
        and isinstance(guessed, bool)
        and isinstance(notes, list)
        and all(isinstance(note, str) for note in notes)
        and type(articles) is int
        and isinstance(paragraphs_only, bool)
        and all(type(part) is str for part in flat)
    )
