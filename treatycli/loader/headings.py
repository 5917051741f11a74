"""Article, division and annex headings in the styles documents write them.

A heading counts only where its number continues the sequence, so that a cross-reference
which happens to begin a line ("第十九条要求的…", "1993 年", "附件七仲裁法庭") is read as
text, not as a heading.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..numerals import CHINESE_NUMERAL_CHARS, INSERTED_SUFFIXES, parse_number
from .lines import Line, is_wide

_NUMERAL = rf"[0-9０-９{CHINESE_NUMERAL_CHARS}]+"
_ROMAN = r"[IVXLC]+"


class HeadingStyle(namedtuple("HeadingStyle", "name language pattern opens")):
    """`language` is the language whose headings the style writes ("" for bare numbers).
    The pattern has the groups label, num, suffix (optional) and rest; `opens` holds the
    characters a heading line can start with, a cheap test before the pattern."""

    __slots__ = ()


class Heading(namedtuple("Heading", "index number suffix label rest")):
    """`index` is the line's position in the list; `label` the heading as written ("1.",
    "第四条"); `rest` the text that follows it on its line."""

    __slots__ = ()


STYLES = (
    HeadingStyle(
        "zh-article",
        "zh",
        re.compile(
            rf"^\s*(?P<label>第\s*(?P<num>{_NUMERAL})\s*[条條](?:之(?P<suffix>[二三四五六]))?)\s*(?P<rest>.*)$"
        ),
        "第",
    ),
    HeadingStyle(
        "en-article",
        "en",
        re.compile(
            r"^\s*(?P<label>(?:ARTICLE|Article|Art\.)\s+(?P<num>\d{1,4})(?:\s*(?P<suffix>bis|ter|quater)\b)?)"
            r"\s*(?:[.:\-–—]\s*)?(?P<rest>.*)$"
        ),
        "A",
    ),
    HeadingStyle(
        "numbered",
        "",
        re.compile(r"^\s*(?P<label>(?P<num>\d{1,4})\s*\.)(?!\d)\s*(?P<rest>.*)$"),
        "0123456789",
    ),
)

DIVISION_KINDS = {
    "编": "book", "編": "book", "部分": "part", "章": "chapter", "节": "section", "節": "section",
    "PART": "part", "CHAPTER": "chapter", "SECTION": "section",
}  # fmt: skip
_DIVISION = re.compile(
    rf"^\s*(?P<label>第\s*(?P<num>{_NUMERAL})\s*(?P<kind>部分|编|編|章|节|節)"
    rf"|(?P<kind_en>PART|CHAPTER|SECTION|Part|Chapter|Section)\s+(?P<num_en>\d{{1,3}}|{_ROMAN}))\s*(?P<rest>.*)$"
)
_ANNEX = re.compile(
    rf"^\s*(?P<label>附\s*件\s*(?P<num>[{CHINESE_NUMERAL_CHARS}0-9]+)|(?:ANNEX|Annex)(?:\s+(?P<num_en>\d{{1,2}}|{_ROMAN}))?)"
    rf"\s*(?P<rest>.*)$"
)


def roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, following in zip(text, text[1:] + " ", strict=True):
        value = values.get(ch)
        if value is None:
            return None
        total += -value if values.get(following, 0) > value else value
    return total


def _number(text: str) -> int | None:
    return roman(text) if text and text.isalpha() and text.isascii() else parse_number(text)


def _continues(number: int, suffix: str, last: Heading | None) -> bool:
    """Does a heading numbered (number, suffix) come next after `last`?"""
    if last is None:
        return number == 1 and not suffix
    if suffix:
        return number == last.number and suffix != last.suffix  # 8, then 8 bis
    return number == last.number + 1


def find_headings(lines: list[Line], style: HeadingStyle, indices: list[int]) -> list[Heading]:
    """The headings of one style that form an ascending run of article numbers; `indices`,
    the lines that open with one of the style's characters, saves looking at the others.

    Where two lines could be the same next heading (a cross-reference "第十九条要求的…" at the
    start of a line, and the heading "第十九条 …"), the one set off by a space or standing
    alone wins; if neither or both are, the first does.
    """
    pattern = style.pattern
    candidates = []  # (heading, set off by a space)
    for index in indices:
        line = lines[index]
        match = pattern.match(line.raw)
        if not match:
            continue
        number = parse_number(match.group("num"))
        if number is None:
            continue
        raw_suffix = match.groupdict().get("suffix") or ""
        suffix = INSERTED_SUFFIXES.get(raw_suffix, raw_suffix.lower())
        after = line.raw[match.end("label") : match.end("label") + 1]
        heading = Heading(index, number, suffix, match.group("label").strip(), match.group("rest"))
        candidates.append((heading, not after or after.isspace()))
    found: list[Heading] = []
    i = 0
    while i < len(candidates):
        heading, set_off = candidates[i]
        last = found[-1] if found else None
        if not _continues(heading.number, heading.suffix, last):
            i += 1
            continue
        choice = i
        if not set_off:
            for j in range(i + 1, len(candidates)):
                other, other_set_off = candidates[j]
                if _continues(other.number, other.suffix, heading):
                    break  # the next heading is reached: no rival for this one
                if (other.number, other.suffix) == (heading.number, heading.suffix) and other_set_off:
                    choice = j
                    break
        found.append(candidates[choice][0])
        i = choice + 1
    return found


def choose_style(lines: list[Line]) -> tuple[HeadingStyle | None, list[Heading]]:
    """The named style (第X条, Article N) with the longest run of two or more; else bare
    numbers ("1."), which also number resolution paragraphs and lists inside articles."""
    opened_by: dict[str, list[list[int]]] = {}
    indices: list[list[int]] = [[] for _ in STYLES]
    for number, style in enumerate(STYLES):
        for ch in style.opens:
            opened_by.setdefault(ch, []).append(indices[number])
    none: list[list[int]] = []
    for index, line in enumerate(lines):  # one pass, each line offered to the styles it could open
        for bucket in opened_by.get(line.text[:1], none):
            bucket.append(index)
    runs = [(style, find_headings(lines, style, indices[n])) for n, style in enumerate(STYLES)]
    named = [run for run in runs if run[0].language and len(run[1]) >= 2]
    if named:
        return max(named, key=lambda run: len(run[1]))
    if runs[-1][1]:
        return runs[-1]
    best = max(runs[:-1], key=lambda run: len(run[1]))  # one named heading still beats none
    return best if best[1] else (None, [])


_DIVISION_OPENS = set("第PCSpcs")


class DivisionHeading(namedtuple("DivisionHeading", "index kind number label rest")):
    __slots__ = ()


def find_divisions(lines: list[Line], start: int, end: int) -> list[DivisionHeading]:
    """Part, chapter and section headings between start and end, each kind in sequence
    (sections may restart under each chapter)."""
    found: list[DivisionHeading] = []
    last: dict[str, int] = {}
    for index in range(start, end):
        if lines[index].text[:1] not in _DIVISION_OPENS:
            continue
        match = _DIVISION.match(lines[index].raw)
        if not match or len(lines[index].text) > (60 if is_wide(lines[index].text[:1]) else 120):
            continue
        kind = DIVISION_KINDS[(match.group("kind") or match.group("kind_en")).upper()]
        number = _number(match.group("num") or match.group("num_en"))
        if number is None or number != last.get(kind, 0) + 1:
            continue
        last[kind] = number
        if kind == "chapter":
            last.pop("section", None)
        if kind == "part":
            last.pop("chapter", None)
            last.pop("section", None)
        found.append(DivisionHeading(index, kind, number, match.group("label").strip(), match.group("rest")))
    return found


class AnnexHeading(namedtuple("AnnexHeading", "index number label rest")):
    __slots__ = ()


def find_annexes(lines: list[Line], start: int, numbered_only: bool) -> list[AnnexHeading]:
    """Annex headings after `start`, numbered in sequence; a bare "ANNEX"/"附件" only where
    `numbered_only` is false (after the signatures, where it cannot be an article title)."""
    found: list[AnnexHeading] = []
    for index in range(start, len(lines)):
        match = _ANNEX.match(lines[index].raw)
        if not match:
            continue
        raw = match.group("num") or match.group("num_en")
        if raw is None:
            if numbered_only or found or match.group("rest").strip():
                continue
            number = 1
        else:
            number = _number(raw)
            if number != len(found) + 1:
                continue
        found.append(AnnexHeading(index, number, match.group("label").strip(), match.group("rest")))
    return found


def is_annex_heading(raw: str) -> bool:
    """A line that could open an annex: "ANNEX", "Annex II", "附件一…"."""
    match = _ANNEX.match(raw)
    return bool(match) and bool(
        match.group("num") or match.group("num_en") or not match.group("rest").strip()
    )
