"""Word boundaries for `grep -w`: jieba's segmentation of every unit, once per document.

jieba takes about a second to start, so its result is kept: for the built-in treaty in the
package (data/builtin.words.json), for other documents in the user's cache (cache.Records),
both keyed by the SHA-256 of the unit texts it segmented. A record is used only if it fits the
units it is for: every unit, token lengths that are positive and add up to the unit's length.
segment.py does the segmenting, and is imported only on a cache miss.
"""

from __future__ import annotations

import os

from . import cache
from .units import Unit

FORMAT = "treatycli-words/2"  # 2: a word of a spaced script among Chinese is one token (segment.lengths)
BUILTIN_WORDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "builtin.words.json")
KEPT = cache.Records(FORMAT, "words-", BUILTIN_WORDS, stamped=True, chunked="units")


def units_digest(units: list[Unit]) -> str:
    """What a segmentation depends on: the refs and texts of the units, nothing else."""
    from hashlib import sha256

    digest = sha256()
    for unit in units:
        if unit.text:
            digest.update(f"{unit.ref}\t{unit.text}\n".encode())
    return digest.hexdigest()


def _size_limit(units: list[Unit]) -> int:
    """No record of these units is longer: a token is at least one character, and its length
    takes at most 8 bytes; the names take less than 64 KiB."""
    return (1 << 16) + sum(len(unit.ref) + 8 * len(unit.text) + 16 for unit in units if unit.text)


def _fits(record: dict, units: list[Unit]) -> bool:
    if not (
        isinstance(record.get("names"), list)
        and all(isinstance(name, str) for name in record["names"])
        and isinstance(record.get("units"), dict)
    ):
        return False
    texts = {unit.ref: unit.text for unit in units if unit.text}
    lengths = record["units"]
    if lengths.keys() != texts.keys():
        return False
    for ref, sizes in lengths.items():
        if not isinstance(sizes, list) or not all(type(size) is int and size > 0 for size in sizes):
            return False
        if sum(sizes) != len(texts[ref]):
            return False
    return True


def cached_lengths(units: list[Unit]) -> dict[str, list[int]] | None:
    found = KEPT.read(units_digest(units), _size_limit(units), lambda record: _fits(record, units))
    return found["units"] if found else None


def store(units: list[Unit], lengths, names: list[str]) -> None:
    """Keep the token lengths of these units (a dict by ref, or cache.Entries of them made as
    they are written)."""
    sha256 = units_digest(units)
    KEPT.write(sha256, record(sha256, lengths, names))


class Edges:
    """The offsets where a word starts or ends in one text, one byte an offset (1 at an edge):
    a set of them took 60 bytes an offset (a 1.7-million-character text, 100 MiB)."""

    __slots__ = ("_bits",)

    def __init__(self, bits: bytearray):
        self._bits = bits

    @classmethod
    def of_lengths(cls, sizes: list[int]) -> Edges:
        """The edges of the words of these lengths, one after another from offset 0."""
        from itertools import accumulate

        bits = bytearray(sum(sizes) + 1)
        bits[0] = 1
        for offset in accumulate(sizes):
            bits[offset] = 1
        return cls(bits)

    def __contains__(self, offset: int) -> bool:
        return 0 <= offset < len(self._bits) and self._bits[offset] == 1


def boundaries(units: list[Unit], progress=None) -> dict[str, Edges]:
    """Where a word starts or ends, per unit ref, for all of a document's text units;
    jieba runs only on a cache miss. `progress(True)`/`progress(False)` bracket the slow part,
    for a spinner. A text without Chinese (or other unspaced) characters is cut at Unicode word boundaries,
    with no jieba at all (its rules are for Chinese: it cuts Cyrillic or Arabic words to letters)."""
    import re

    from .script import WIDE

    wide = re.compile(WIDE)
    if not any(wide.search(unit.text) for unit in units if unit.text):
        return {unit.ref: _word_edges(unit.text) for unit in units if unit.text}
    lengths = cached_lengths(units)
    if lengths is None:
        if progress:
            progress(True)
        try:
            from .segment import segment

            lengths, names = segment(units)
        finally:
            if progress:
                progress(False)
        store(units, lengths, names)
    return {ref: Edges.of_lengths(sizes) for ref, sizes in lengths.items()}


def _word_edges(text: str) -> Edges:
    """Every offset but those inside a run of word characters (letters, digits, marks)."""
    import re

    bits = bytearray(b"\x01") * (len(text) + 1)
    for word in re.finditer(r"[\w\u0300-\u036f\u064b-\u065f]+", text):
        bits[word.start() + 1 : word.end()] = bytes(word.end() - word.start() - 1)
    return Edges(bits)


def record(sha256: str, lengths: dict[str, list[int]], names: list[str]) -> dict:
    return KEPT.record({"names": names, "units": lengths}, sha256)
