"""Page furniture of text extracted from PDFs: kept out of the articles, never dropped.

Running headers ("A/RES/48/263" then "Page 2"), page numbers ("-2-"), continuation marks
("/..."), footnote blocks under a rule, footnote markers in the text ("1982 1/ (", "Action,1")
and hyphens that only broke a word at a line end. Each becomes a `Fragment` in the model's
furniture; the lines handed on to the parser no longer hold them.
"""

from __future__ import annotations

import re

from ..model import Fragment
from .lines import Line

_PAGE = re.compile(r"^\s*(?:Page\s+\d{1,4}|-\s?\d{1,4}\s?-|/\.\.\.|\.\.\./)\s*$")
_SYMBOL = re.compile(r"^\s*[A-Z]{1,6}/(?:[A-Z0-9.]+/)*[A-Z0-9.]+(?:\s*\(\w+\))?\s*$")
_FOOTNOTE_RULE = re.compile(r"^\s*_{4,}\s*$")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\d{1,3}/|\*+|\d{1,3}\s)\s*\S")
_SLASH_MARKER = re.compile(r"(?<=\S)\s+(\d{1,3})/(?=\s|$|[,;.)])")
_GLUED_MARKER = re.compile(r"(?<=[a-z,;”\")])(\d{1,2})(?=\s|$)")
_HYPHEN_END = re.compile(r"(?<=[a-z])-$")
# Prefixes whose hyphen is part of the word (non-discriminatory), not a break.
_KEEP_HYPHEN = {
    "non", "self", "co", "ex", "pre", "post", "anti", "well", "long", "short", "high", "low",
    "cross", "full", "half", "multi", "semi", "quasi", "sub", "vice", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "open", "follow",
}  # fmt: skip


def _is_latin(lines: list[Line]) -> bool:
    sample = "".join(line.raw for line in lines[:400])
    letters = sum(ch.isascii() and ch.isalpha() for ch in sample)
    return letters > 0.5 * max(1, len(sample.replace(" ", "")))


def strip_furniture(lines: list[Line]) -> tuple[list[Line], list[Fragment], set[int]]:
    """Lines without furniture, the furniture, and the line numbers whose end is glued to
    the next line (a word broken by a hyphen)."""
    furniture: list[Fragment] = []
    out = list(lines)
    symbols_seen: set[str] = set()
    in_footnotes = False
    for i, line in enumerate(out):
        text = line.text
        if not text:
            continue
        if len(text) > 40 and not in_footnotes:
            continue  # furniture lines are short; footnote text is caught by its block
        is_page = _PAGE.match(line.raw)
        is_symbol = _SYMBOL.match(line.raw) and text in symbols_seen
        if _SYMBOL.match(line.raw):
            symbols_seen.add(text)
        if is_page or is_symbol:
            in_footnotes = False
            furniture.append(Fragment(line.number, text))
            out[i] = Line.of(line.number, "")
            continue
        if _FOOTNOTE_RULE.match(line.raw):
            following = next((n for n in out[i + 1 : i + 4] if n.text), None)
            if following and _FOOTNOTE_LINE.match(following.raw):
                in_footnotes = True
                furniture.append(Fragment(line.number, text))
                out[i] = Line.of(line.number, "")
                continue
        if in_footnotes:
            furniture.append(Fragment(line.number, text))
            out[i] = Line.of(line.number, "")
    if not _is_latin(lines):
        return out, furniture, set()
    out = _strip_markers(out, furniture)
    glued: set[int] = set()
    for i, line in enumerate(out):
        raw = line.raw.rstrip()
        if not _HYPHEN_END.search(raw):
            continue
        following = next((n for n in out[i + 1 : i + 3] if n.text), None)
        if following is None or not following.text[:1].islower():
            continue  # a dash before a capital or at the end: text, not a break
        glued.add(line.number)
        word = raw[:-1].rsplit(None, 1)[-1].lower()
        if word.rsplit("-", 1)[-1] not in _KEEP_HYPHEN:
            out[i] = Line.of(line.number, raw[:-1])
            furniture.append(Fragment(line.number, "-"))
    furniture.sort(key=lambda f: f.line)
    return out, furniture, glued


def _strip_markers(lines: list[Line], furniture: list[Fragment]) -> list[Line]:
    """Footnote markers: "1/" after a word, or digits glued to a word, that number 1, 2, 3…
    in document order. A number out of sequence is text, not a marker."""
    expected = {"slash": 1, "glued": 1}
    out = []
    for line in lines:
        raw = line.raw
        for kind, pattern in (("slash", _SLASH_MARKER), ("glued", _GLUED_MARKER)):
            pieces, last = [], 0
            for match in pattern.finditer(raw):
                number = int(match.group(1))
                if number != expected[kind]:
                    continue
                expected[kind] += 1
                pieces.append(raw[last : match.start()])
                last = match.end()
                furniture.append(Fragment(line.number, match.group(1) + ("/" if kind == "slash" else "")))
            if pieces:
                raw = "".join(pieces) + raw[last:]
        out.append(Line.of(line.number, raw))
    return out
