"""Folding text for search, with a map from every folded character back to the source.

What folds: compatibility and width forms (NFKC: `，` and `,` are one), traditional and
simplified characters (條約 and 条约, from OpenCC's table in data/t2s.txt), optionally Latin
case, and whitespace: none between Chinese characters (PDF text put spaces where punctuation
was and where lines wrapped), one between words. Pattern and text fold the same way, so a
match in the folded text is a match in the source, at the offsets the map gives.
"""

from __future__ import annotations

import os
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping

from .batches import batched
from .script import WIDE, is_wide

_TABLE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "t2s.txt")
_t2s: CharacterTable | None = None


class CharacterTable(Mapping):
    """Characters to characters, as two columns: the sorted code points of the keys, and
    each one's character in one string. As a dict, OpenCC's table held a string object for
    each character (750 KB under tracemalloc, 1 MiB of RSS), loaded before a grep reads its
    document; this holds 50 KB."""

    __slots__ = ("_codes", "_to")

    def __init__(self, pairs: Iterable[tuple[int, int]]):
        """`pairs`: (code point, code point), the later of a repeated key's winning."""
        codes, to = array("L"), array("L")
        for code, target in pairs:
            codes.append(code)
            to.append(target)
        # unsorted, or a key twice: sorted, the later pair of a key kept
        if any(before >= after for before, after in zip(codes, codes[1:], strict=False)):
            ordered = dict(zip(codes, to, strict=True))
            codes = array("L", sorted(ordered))
            to = array("L", map(ordered.__getitem__, codes))
        self._codes = codes
        self._to = "".join(map(chr, to))

    def _at(self, key) -> int:
        """The position of `key`, or -1."""
        if type(key) is not str or len(key) != 1:
            return -1
        code = ord(key)
        at = bisect_left(self._codes, code)
        return at if at < len(self._codes) and self._codes[at] == code else -1

    def __getitem__(self, key: str) -> str:
        at = self._at(key)
        if at < 0:
            raise KeyError(key)
        return self._to[at]

    def get(self, key, default=None):
        at = self._at(key)
        return default if at < 0 else self._to[at]

    def __contains__(self, key) -> bool:
        return self._at(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return map(chr, self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def translation(self) -> dict[int, int]:
        """The table as str.translate takes it."""
        return dict(zip(self._codes, map(ord, self._to), strict=True))


def traditional_to_simplified() -> CharacterTable:
    """OpenCC's traditional → simplified characters (data/t2s.txt: a pair a line, sorted)."""
    global _t2s
    if _t2s is None:
        with open(_TABLE_PATH, encoding="utf-8") as file:
            _t2s = CharacterTable(
                (ord(line[0]), ord(line[1])) for line in file if len(line) >= 2 and not line.startswith("#")
            )
    return _t2s


class Folded:
    """`text` folded; `origin[i]` is the index in the source of folded character i (an array of
    4-byte numbers: a list would hold an int object per character of a huge one-line text);
    `ends[i]`, where the source character of folded character i is followed by combining
    marks composed with it (e and U+0301 read as é), is the index after them."""

    __slots__ = ("text", "origin", "ends")

    def __init__(self, text: str, origin, ends: dict[int, int] | None = None):
        self.text, self.origin, self.ends = text, origin, ends

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        last = end - 1
        return self.origin[start], (self.ends.get(last) if self.ends else None) or self.origin[last] + 1


# The combining marks of Latin, Greek and Cyrillic letters, and the vowels and final consonants
# of Hangul written as jamo: a text that writes é as e and U+0301 (NFD, as some PDFs and macOS
# file names do), or 한 as three jamo, is read composed, as the pattern is typed.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u1160-\u11ff"
_combining_marks = None


def has_combining(text: str) -> bool:
    global _combining_marks
    if _combining_marks is None:
        import re

        _combining_marks = re.compile(f"[{_COMBINING}]")
    return _combining_marks.search(text) is not None


def _clusters(text: str):
    """(index, character, end) of each character, a letter and the combining marks after it
    as the one character they compose to, where they compose to one."""
    import unicodedata

    index, size = 0, len(text)
    while index < size:
        end = index + 1
        while end < size and (unicodedata.combining(text[end]) or "\u1160" <= text[end] <= "\u11ff"):
            end += 1
        composed = unicodedata.normalize("NFC", text[index:end]) if end > index + 1 else text[index]
        if len(composed) == 1:
            yield index, composed, end
            index = end
        else:
            yield index, text[index], index + 1
            index += 1


_folded_chars: dict[str, str] = {}  # each character is folded once per run


def fold_char(ch: str) -> str:
    """One source character folded: NFKC, then 繁→简 on each character that gives."""
    folded = _folded_chars.get(ch)
    if folded is None:
        if ch.isascii():
            folded = ch
        else:
            table = traditional_to_simplified()
            folded = "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", ch))
        _folded_chars[ch] = folded
    return folded


def fold(text: str, ignore_case: bool = False, exact: bool = False) -> Folded:
    """Fold `text` for matching; with `exact`, only the offsets map is built."""
    if exact:
        if not ignore_case:
            return Folded(text, array("I", range(len(text))))
        lowered: list[str] = []
        origin = array("I")
        for index, ch in enumerate(text):  # İ lowers to two characters: map both back to it
            low = ch.lower()
            lowered.append(low)
            origin.extend([index] * len(low))
        return Folded("".join(lowered), origin)
    quick = _fold_one_to_one(text, ignore_case)
    if quick is not None:
        return quick
    composing = has_combining(text)
    memo = _folded_chars
    done: list[str] = []  # `out` joined every _CHUNK characters, so that a huge text costs its size
    out: list[str] = []
    origin = array("I")
    ends: dict[int, int] = {}
    last = ""  # the last character written
    pending_space = -1  # index in the source of a run of whitespace not yet written
    steps = _clusters(text) if composing else ((index, ch, index + 1) for index, ch in enumerate(text))
    for index, ch, end in steps:
        if ch.isspace():
            if pending_space < 0:
                pending_space = index
            continue
        pieces = memo.get(ch)
        if pieces is None:
            pieces = fold_char(ch)
        for piece in pieces:
            if ignore_case:
                piece = fold_case(piece)
            for part in piece:
                if pending_space >= 0:
                    if last and not is_wide(last) and not is_wide(part):
                        out.append(" ")
                        origin.append(pending_space)
                    pending_space = -1
                out.append(part)
                origin.append(index)
                last = part
        if end > index + 1:
            ends[len(origin) - 1] = end
        if len(out) >= _CHUNK:
            done.append("".join(out))
            out.clear()
    done.append("".join(out))
    return Folded("".join(done), origin, ends)


_CHUNK = 1 << 16
# by ignore_case: ord → the one character a character folds to; the characters in that table;
# the characters that fold to none or to several
_one_to_one: tuple[dict[int, str], dict[int, str]] = ({}, {})
_tabled: tuple[set[str], set[str]] = (set(), set())
_many: tuple[set[str], set[str]] = (set(), set())


def folds_one_to_one(texts, ignore_case: bool) -> bool:
    """Does every character of these texts fold to one (so that a match in a folded text maps
    back to its own stretch of the source, never sharing a character with another)? Each
    character of the CJK Unified Ideographs block does (a test checks them all): they are
    taken out first, in C, for the set of the others is made a character at a time (0.07 s
    for a 5 MB Chinese text, 0.02 without them). The texts are looked at _CHUNK characters
    at a time: joined whole, they were a copy of the document's text."""
    import re

    return all(
        _tabled_for(re.sub(_UNIFIED_IDEOGRAPHS, "", "".join(batch)), ignore_case) is not None
        for batch in batched(texts, _CHUNK)
    )


UNIFIED_IDEOGRAPHS = (0x4E00, 0x9FFF)
_UNIFIED_IDEOGRAPHS = f"[{chr(UNIFIED_IDEOGRAPHS[0])}-{chr(UNIFIED_IDEOGRAPHS[1])}]+"


def _tabled_for(text: str, ignore_case: bool) -> dict[int, str] | None:
    """The table that folds each character of `text` to its one folded character (whitespace
    to a mark), or None where one folds to several or none, or composes with its neighbour."""
    table, tabled, many = _one_to_one[ignore_case], _tabled[ignore_case], _many[ignore_case]
    seen = set(text)
    if _SPACE_MARK in seen or has_combining("".join(seen)):  # marks compose with the letter before
        return None
    for ch in seen.difference(tabled, many):  # each character is looked at once a run
        if ch.isspace():
            table[ord(ch)] = _SPACE_MARK
            tabled.add(ch)
            continue
        folded = fold_char(ch)
        folded = fold_case(folded) if ignore_case else folded
        if len(folded) == 1:
            table[ord(ch)] = folded
            tabled.add(ch)
        else:
            many.add(ch)
    return table if seen.isdisjoint(many) else None


def _fold_one_to_one(text: str, ignore_case: bool) -> Folded | None:
    """fold(text) worked out in C where every character folds to one (almost any text; None
    otherwise): each character through a table, whitespace to a mark, then a pass over the
    runs of marks, which are nothing beside a wide character and one space between others.
    The map is the kept stretches' offsets, a range each."""
    import re

    table = _tabled_for(text, ignore_case)
    if table is None:
        return None
    marked = text.translate(table)
    pieces: list[str] = []
    origin = array("I")
    kept_from = 0  # the start of the stretch of characters not yet written
    for run in re.finditer(f"{_SPACE_MARK}+", marked):
        start, end = run.span()
        pieces.append(marked[kept_from:start])
        origin.extend(range(kept_from, start))
        kept_from = end
        if start > 0 and end < len(marked) and not is_wide(marked[start - 1]) and not is_wide(marked[end]):
            pieces.append(" ")
            origin.append(start)
    pieces.append(marked[kept_from:])
    origin.extend(range(kept_from, len(marked)))
    return Folded("".join(pieces), origin)


_WIDE_CLASS = WIDE  # fold_text removes spaces beside a wide character, as fold() does
_SPACE_MARK = "\x00"  # stands for source whitespace while fold_text works; a text holding it takes fold()
_fold_table: dict[int, str] = {}  # a character's folded form, where it differs
_folded_seen: set[str] = set()
_lower_table: dict[int, str] = {}  # a folded character's lower case, where it differs
_lowered_seen: set[str] = set()


def fold_text(text: str) -> str:
    """fold(text).text, worked out in C rather than a character at a time (the library folds
    every unit it adds): each character through a table of its folded form, then the
    whitespace runs resolved as fold() resolves them."""
    import re

    if _SPACE_MARK in text or has_combining(text):
        return fold(text).text
    for ch in set(text).difference(_folded_seen):
        _folded_seen.add(ch)
        folded = _SPACE_MARK if ch.isspace() else fold_char(ch)
        if folded != ch:
            _fold_table[ord(ch)] = folded
    marked = text.translate(_fold_table).strip(_SPACE_MARK)
    if _SPACE_MARK not in marked:
        return marked
    # a run of whitespace is nothing beside a wide character, one space between two others
    marked = re.sub(f"(?<={_WIDE_CLASS}){_SPACE_MARK}+|{_SPACE_MARK}+(?={_WIDE_CLASS})", "", marked)
    return re.sub(f"{_SPACE_MARK}+", " ", marked)


def fold_case(text: str) -> str:
    """Lower case without accents, as -i matches: sécurité and SECURITE are securite (Latin
    letters' accents and Arabic vowel marks go; Cyrillic й stays). Each character alone (so
    no final-sigma rule)."""
    return "".join(_case_folded(ch) for ch in text)


_case_folded_chars: dict[str, str] = {}
# letters written as two that case folding leaves whole: œuvre is found by oeuvre
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}


def _case_folded(ch: str) -> str:
    folded = _case_folded_chars.get(ch)
    if folded is None:
        if ch.isascii():
            folded = ch.lower()
        else:
            lowered = _LIGATURES.get(ch) or ch.casefold()  # ß is ss, as in Strasse
            decomposed = unicodedata.normalize("NFD", lowered)
            if decomposed[:1] < "\u0250" or "\u064b" <= ch <= "\u065f":
                # Latin accents and Arabic vowel marks; not Cyrillic й, a letter of its own
                folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            else:
                folded = lowered
        _case_folded_chars[ch] = folded
    return folded


def lower_text(folded: str) -> str:
    """fold(text, ignore_case=True).text from fold_text(text): each character through -i's
    fold_case. A character -i drops (an Arabic vowel mark) leaves the whitespace on each side
    of it to be resolved again, as fold() never writes it: two runs become one space."""
    seen = set(folded)
    for ch in seen.difference(_lowered_seen):
        _lowered_seen.add(ch)
        if _case_folded(ch) != ch:
            _lower_table[ord(ch)] = _case_folded(ch)
            if not _case_folded(ch):
                _dropped.add(ch)
    lowered = folded.translate(_lower_table)
    return fold_text(lowered) if not seen.isdisjoint(_dropped) else lowered


_dropped: set[str] = set()  # characters -i folds to nothing
