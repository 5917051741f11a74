"""Lines of the source and the rules for joining hard-wrapped lines back into text."""

from __future__ import annotations

import re
from collections import namedtuple
from itertools import repeat

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


def split_lines(text: str) -> list[Line]:
    raws = text.split("\n")
    rows = zip(range(1, len(raws) + 1), raws, map(str.strip, raws), strict=True)
    return list(map(tuple.__new__, repeat(Line), rows))  # C-level: no Python call per line


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
