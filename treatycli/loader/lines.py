"""Lines of the source and the rules for joining hard-wrapped lines back into text."""

from __future__ import annotations

import operator
import re
from array import array
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Iterator, Sequence
from itertools import chain, count, repeat
from operator import attrgetter, methodcaller

from ..script import is_wide

_SPACES = re.compile(r"\s+")
_COLUMN_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")


class Line(namedtuple("Line", "number raw text")):
    """A source line; `number` is 1-based, as an editor shows it; `text` is `raw` stripped."""

    __slots__ = ()

    @classmethod
    def of(cls, number: int, raw: str) -> Line:
        return cls(number, raw, raw.strip())

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def indent(self) -> int:
        return len(self.raw) - len(self.raw.lstrip())

    def columns(self) -> list[str]:
        """The cells of a line laid out in columns (signature blocks), split at wide gaps."""
        return [cell for cell in _COLUMN_GAP.split(self.text) if cell]


_NEWLINE = re.compile("\n")
BLOCK_LINES = 1024


class Lines(Sequence):
    """A text's lines (index i is line number i + 1), each made when it is asked for.

    A Line per line, held for the whole parse, cost four times the text: a tuple, a number and
    one or two strings for each of a 5 MB document's 92,834 lines, 22 MiB. This holds the text
    and where each line starts, and the few lines the furniture pass changed."""

    __slots__ = ("_text", "_starts", "_changed", "_marks")

    def __init__(self, text: str, starts: array, changed: dict[int, Line] | None = None):
        self._text = text
        self._starts = starts  # where each line starts, then where one after the last would
        self._changed = changed if changed is not None else {}
        self._marks: list[int] | None = None  # the changed indices in order, made when needed

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index):
        if type(index) is not int:
            if not isinstance(index, slice):
                return self[operator.index(index)]
            start, stop, step = index.indices(len(self._starts) - 1)
            if step == 1:
                return list(self.run(start, stop))
            return [self[i] for i in range(start, stop, step)]
        starts = self._starts
        if index < 0:
            index += len(starts) - 1
        if not 0 <= index < len(starts) - 1:
            raise IndexError("line index out of range")
        changed = self._changed
        if changed and index in changed:
            return changed[index]
        raw = self._text[starts[index] : starts[index + 1] - 1]
        return tuple.__new__(Line, (index + 1, raw, raw.strip()))

    def raw(self, index: int) -> str:
        """`self[index].raw`, without making the line."""
        if self._changed and index in self._changed:
            return self._changed[index].raw
        return self._text[self._starts[index] : self._starts[index + 1] - 1]

    def __setitem__(self, index: int, line: Line) -> None:
        """Put a changed line (the same number, other text) in place of line `index`."""
        if index < 0:
            index += len(self._starts) - 1
        if line.number != index + 1:
            raise ValueError(f"line {line.number} cannot stand at index {index}")
        self._changed[index] = line
        self._marks = None

    def __iter__(self) -> Iterator[Line]:
        return self.run(0, len(self._starts) - 1)

    def run(self, start: int, stop: int) -> Iterator[Line]:
        """The lines at indices start to stop (not included), without a list of them."""
        return self._patched(start, stop, self._made, _itself)

    def texts(self) -> Iterator[str]:
        """Each line's `text`, as the lines would give it, without making the lines: for the
        passes that look at every line to find the few they want."""
        return self._patched(0, len(self._starts) - 1, self._texts, attrgetter("text"))

    def _patched(self, start: int, stop: int, made, of_changed) -> Iterator:
        """What `made` gives for the lines start to stop, with `of_changed` of a changed line
        in place of what it would give for the line the text holds."""
        stop = min(stop, len(self._starts) - 1)
        if start >= stop:
            return iter(())
        if not self._changed:
            return made(start, stop)
        if self._marks is None:
            self._marks = sorted(self._changed)
        marks = self._marks[bisect_left(self._marks, start) : bisect_left(self._marks, stop)]
        runs = []
        for mark in marks:
            runs += [made(start, mark), (of_changed(self._changed[mark]),)]
            start = mark + 1
        runs.append(made(start, stop))
        return chain.from_iterable(runs)

    def _made(self, start: int, stop: int) -> Iterator[Line]:
        """Lines made as they are read, by C code: no Python frame per line."""
        return self._blocks(start, stop, self._block)

    def _texts(self, start: int, stop: int) -> Iterator[str]:
        return self._blocks(start, stop, self._block_texts)

    @staticmethod
    def _blocks(start: int, stop: int, block) -> Iterator:
        """`block` of the lines start to stop, BLOCK_LINES at a time: a block's strings are
        held at once, never the document's."""
        if stop - start <= BLOCK_LINES:
            return block(start, stop) if start < stop else iter(())
        return chain.from_iterable(
            block(first, min(first + BLOCK_LINES, stop)) for first in range(start, stop, BLOCK_LINES)
        )

    def _block(self, start: int, stop: int) -> Iterator[Line]:
        raws = self._raws(start, stop)
        return map(tuple.__new__, repeat(Line), zip(count(start + 1), raws, map(str.strip, raws)))

    def _block_texts(self, start: int, stop: int) -> Iterator[str]:
        return map(str.strip, self._raws(start, stop))

    def _raws(self, start: int, stop: int) -> list[str]:
        """The raw lines start to stop, by one split of their text: faster than a slice each."""
        return self._text[self._starts[start] : self._starts[stop] - 1].split("\n")

    def copy(self) -> Lines:
        """The same lines, whose changes are the copy's own."""
        return Lines(self._text, self._starts, dict(self._changed))


def _itself(line: Line) -> Line:
    return line


def split_lines(text: str) -> Lines:
    """`text`'s lines, as `text.split("\\n")` gives them."""
    starts = array("I" if len(text) + 1 < 1 << 32 else "q", [0])  # 4 bytes a line where they hold it
    starts.extend(map(methodcaller("end"), _NEWLINE.finditer(text)))
    starts.append(len(text) + 1)
    return Lines(text, starts)


def join_text(parts: list[str]) -> str:
    """Join hard-wrapped pieces: nothing between wide characters, one space between words."""
    out = ""
    for part in parts:
        part = part.strip()
        if "  " in part or not part.isprintable():  # tabs, runs or other spaces to fold
            part = _SPACES.sub(" ", part)
        if not part:
            continue
        if not out:
            out = part
        elif is_wide(out[-1]) or is_wide(part[0]):
            out += part
        else:
            out += " " + part
    return out


def join_lines(lines: list[Line], glued: frozenset[int] | set[int] = frozenset()) -> str:
    """Join lines; a line in `glued` (a word broken at its end) joins the next without a space."""
    parts: list[str] = []
    carry = ""
    for line in lines:
        if line.number in glued:
            carry += line.raw.strip()
            continue
        parts.append(carry + line.raw.strip() if carry else line.raw)
        carry = ""
    if carry:
        parts.append(carry)
    return join_text(parts)
