"""Article headings in the styles documents write them, and the choice of one per document.

A heading counts only where its number continues the sequence, so that a cross-reference
which happens to begin a line ("第十九条要求的…", "1993 年") is read as text, not a heading.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..numerals import CHINESE_NUMERAL_CHARS, parse_number
from .lines import Line

_NUMERAL = rf"[0-9０-９{CHINESE_NUMERAL_CHARS}]+"


class HeadingStyle(namedtuple("HeadingStyle", "name language pattern")):
    """`language` is the language whose headings the style writes ("" for bare numbers)."""

    __slots__ = ()


STYLES = (
    HeadingStyle("zh-article", "zh", re.compile(rf"^\s*(第\s*({_NUMERAL})\s*[条條])\s*(.*)$")),
    HeadingStyle(
        "en-article",
        "en",
        re.compile(r"^\s*((?:ARTICLE|Article|Art\.)\s+(\d{1,3}))\s*(?:[.:\-–—]\s*)?(.*)$"),
    ),
    HeadingStyle("numbered", "", re.compile(r"^\s*((\d{1,3})\s*\.)(?!\d)\s*(.*)$")),
)


class Heading(namedtuple("Heading", "index number label rest")):
    """`index` is the line's position in the list; `label` the heading as written ("1.",
    "第四条"); `rest` the text that follows it on its line."""

    __slots__ = ()


def find_headings(lines: list[Line], style: HeadingStyle) -> list[Heading]:
    """The headings of one style that form an ascending run of article numbers."""
    found: list[Heading] = []
    for index, line in enumerate(lines):
        match = style.pattern.match(line.raw)
        if not match:
            continue
        number = parse_number(match.group(2))
        if number is None:
            continue
        expected = found[-1].number + 1 if found else None
        if expected is None and number != 1:
            continue
        if expected is not None and number != expected:
            continue
        found.append(Heading(index, number, match.group(1).strip(), match.group(3)))
    return found


def choose_style(lines: list[Line]) -> tuple[HeadingStyle | None, list[Heading]]:
    """The style that finds the longest run; named styles win ties over bare numbers."""
    best: tuple[HeadingStyle | None, list[Heading]] = (None, [])
    for style in STYLES:
        headings = find_headings(lines, style)
        if len(headings) > len(best[1]):
            best = (style, headings)
    return best
