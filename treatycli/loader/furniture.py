"""Page furniture of text extracted from PDFs: kept out of the articles, never dropped.

Running headers ("A/RES/48/263" then "Page 2"), page numbers ("-2-", "— 2 —", "第 2 页",
"2/35", "Page 2 of 35", a lone number where the lone numbers ascend), continuation marks
("/..."), footnote blocks under a rule, footnote markers in the text ("1982 1/ (", "Action,1"),
hyphens that only broke a word at a line end, and lines of invisible characters only. Each
becomes a `Fragment` in the model's furniture; the lines handed on no longer hold them.

`survey_furniture` finds which forms a document has (the layout records them);
`strip_furniture` removes those forms and no others.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..model import Fragment
from .headings import opens_structure
from .lines import Line, Lines

_PAGE = re.compile(
    r"^\s*(?:Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–—－―]\s?\d{1,4}\s?[-–—－―]"
    r"|第\s*\d{1,4}\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?|/\.\.\.|\.\.\./)\s*$"
)
_PAGE_OF = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")  # 2/35
_LONE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
_SYMBOL = re.compile(r"^\s*[A-Z]{1,6}/(?:[A-Z0-9.]+/)*[A-Z0-9.]+(?:\s*\(\w+\))?\s*$")
_FOOTNOTE_RULE = re.compile(r"^\s*_{4,}\s*$")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\d{1,3}/|\*+|\d{1,3}\s|\[\d{1,3}\]|[①-⑳]|[¹²³⁴-⁹⁰]+|注\s*\d{1,3})\s*\S")
_SLASH_MARKER = re.compile(r"(?<=\S)\s+(\d{1,3})/(?=\s|$|[,;.)])")
_GLUED_MARKER = re.compile(r"(?<=[a-z,;”\")])(\d{1,2})(?=\s|$)")
_HYPHEN_END = re.compile(r"(?<=[a-z])-$")
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Prefixes whose hyphen is part of the word (non-discriminatory), not a break.
_KEEP_HYPHEN = {
    "non", "self", "co", "ex", "pre", "post", "anti", "well", "long", "short", "high", "low",
    "cross", "full", "half", "multi", "semi", "quasi", "sub", "vice", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "open", "follow",
}  # fmt: skip
# The forms a survey can find, in the order the layout lists them. footnote-markers and
# hyphens stand for a Latin-script text, where markers and broken words are looked for.
FURNITURE_FORMS = (
    "page-numbers", "lone-page-numbers", "running-headers", "footnotes", "footnote-markers", "hyphens",
    "invisible", "comments", "markdown-headings",
)  # fmt: skip
# a Markdown heading's marks (## 第一章 总则): the heading is text, the marks are layout
_MARKDOWN_HEADING = re.compile(r"^(\s*)(#{1,6})(?=\s|$)\s*")
# a Markdown or HTML comment alone on its line (<!-- INFO END -->): nothing a reader sees
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
# the first characters of the short lines that can be furniture: page marks, invisible
# characters, document symbols, rules
_PAGE_OPENS = set("P-–—－―第/.0123456789")
_OPENS = _PAGE_OPENS | set(INVISIBLE) | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ_<")
# furniture lines are short; footnote text is caught by its block
FURNITURE_LINE_CHARS = 40
# a page's footnotes run a few lines; a block that seems longer lost its page mark, and
# the text after it is text: better shown in an article than hidden as furniture
FOOTNOTE_BLOCK_LINES = 15
# the share of ASCII letters above which a text is Latin-script (markers and hyphens apply),
# judged on its opening lines
LATIN_SHARE, LATIN_SAMPLE_LINES = 0.5, 400
# a footnote follows its rule within this many lines (blank lines between)
FOOTNOTE_AFTER_RULE = 3
# a page number stands alone: at most this many digits
PAGE_DIGITS = 4


def is_invisible(text: str) -> bool:
    """Text of zero-width spaces, joiners and byte-order marks only: a blank line to a reader."""
    return bool(text) and not text.strip(INVISIBLE).strip()


def is_page_line(raw: str) -> bool:
    if _PAGE.match(raw):
        return True
    match = _PAGE_OF.match(raw)
    return bool(match) and 0 < int(match.group(1)) <= int(match.group(2))


def _kind(line: Line) -> str | None:
    """invisible, page, symbol or rule: what a short line of furniture is, by its first
    character first, so that most lines cost one set lookup."""
    text = line.text
    first = text[0]
    if first in INVISIBLE and is_invisible(text):
        return "invisible"
    if first == "<" and _COMMENT.match(text):
        return "comment"
    if first in _PAGE_OPENS and is_page_line(line.raw):
        return "page"
    if "A" <= first <= "Z" and _SYMBOL.match(line.raw):
        return "symbol"
    if first == "_" and _FOOTNOTE_RULE.match(line.raw):
        return "rule"
    return None


def lone_page_numbers(lines: Lines) -> set[int]:
    """Line numbers of lone numbers that ascend through the document (2, 3, 5…): page
    numbers whose form feeds were lost. Two at least, or none."""
    found, last = [], 0
    for index, text in enumerate(lines.texts()):
        lone = text[:1].isdigit() and len(text) <= PAGE_DIGITS
        match = _LONE_NUMBER.match(lines.raw(index)) if lone else None
        if match and int(match.group(1)) > last:
            last = int(match.group(1))
            found.append(index + 1)
    return set(found) if len(found) >= 2 else set()


class Survey(namedtuple("Survey", "forms kinds")):
    """The forms of furniture a document has, in a fixed order, and the kind of each short
    line that is one (index → invisible, page, symbol or rule), so that the strip need not
    look at every line again."""

    __slots__ = ()


def survey_furniture(lines: Lines) -> Survey:
    forms = set()
    symbols: set[str] = set()
    kinds: dict[int, str] = {}
    named = {"invisible": "invisible", "page": "page-numbers", "comment": "comments"}
    for i, text in enumerate(lines.texts()):
        if not text or text[0] not in _OPENS or (len(text) > FURNITURE_LINE_CHARS and text[0] != "<"):
            continue
        kind = _kind(lines[i])
        if kind is None:
            continue
        kinds[i] = kind
        if kind in named:
            forms.add(named[kind])
        elif kind == "symbol":
            if text in symbols:
                forms.add("running-headers")
            symbols.add(text)
        elif kind == "rule" and _footnote_follows(lines, i):
            forms.add("footnotes")
    if lone_page_numbers(lines):
        forms.add("lone-page-numbers")
    if any(line.text[:1] == "#" and _MARKDOWN_HEADING.match(line.raw) for line in lines[:LATIN_SAMPLE_LINES]):
        forms.add("markdown-headings")
    if _is_latin(lines):
        forms.update(("footnote-markers", "hyphens"))
    return Survey(tuple(form for form in FURNITURE_FORMS if form in forms), kinds)


def _footnote_follows(lines: list[Line], i: int) -> bool:
    following = next((n for n in lines[i + 1 : i + 1 + FOOTNOTE_AFTER_RULE] if n.text), None)
    return bool(following and _FOOTNOTE_LINE.match(following.raw))


def _is_latin(lines: list[Line]) -> bool:
    sample = "".join(line.raw for line in lines[:LATIN_SAMPLE_LINES])
    letters = sum(ch.isascii() and ch.isalpha() for ch in sample)
    return letters > LATIN_SHARE * max(1, len(sample.replace(" ", "")))


def strip_furniture(lines: Lines, survey: Survey) -> tuple[Lines, list[Fragment], set[int]]:
    """Lines without the furniture of the forms the survey found, the furniture, and the
    line numbers whose end is glued to the next line (a word broken by a hyphen).

    A footnote block runs from its rule to a page mark, or to a blank line that no footnote
    follows, or to a line that opens an article or division: never into the articles."""
    forms, kinds = survey
    furniture: list[Fragment] = []
    out = lines.copy()
    symbols_seen: set[str] = set()
    # line numbers count from 1: a line's index is its number less one
    lone = {number - 1 for number in lone_page_numbers(lines)} if "lone-page-numbers" in forms else set()
    wanted = {"invisible", "comment"} | ({"page"} if "page-numbers" in forms else set())
    for i in sorted(set(kinds) | lone):
        if not out[i].text:
            continue  # taken already, inside a footnote block
        kind = kinds.get(i)
        if kind == "symbol":
            taken = "running-headers" in forms and out[i].text in symbols_seen
            symbols_seen.add(out[i].text)
        elif kind == "rule":
            taken = False
            if "footnotes" in forms and _footnote_follows(out, i):
                _take_footnotes(out, i, furniture, lone)
        else:
            taken = kind in wanted or i in lone
        if taken:
            furniture.append(Fragment(out[i].number, out[i].text))
            out[i] = Line.of(out[i].number, "")
    if "footnote-markers" in forms:
        _strip_markers(out, furniture)
    if "markdown-headings" in forms:
        _strip_markdown_marks(out, furniture)
    glued: set[int] = set()
    if "hyphens" in forms:
        glued = _unbreak_words(out, furniture)
    furniture.sort(key=lambda f: f.line)
    return out, furniture, glued


def _take_footnotes(out: list[Line], rule: int, furniture: list[Fragment], lone: set[int]) -> None:
    """The rule at `rule` and the footnotes under it, up to the block's end (a page mark, a
    lone page number at an index in `lone`, a blank line, a heading)."""
    for i in range(rule, min(len(out), rule + 1 + FOOTNOTE_BLOCK_LINES)):
        line = out[i]
        if not line.text:
            if _footnote_follows(out, i):
                continue
            return
        if i > rule and (opens_structure(line.raw) or _is_mark(line) or i in lone):
            return
        furniture.append(Fragment(line.number, line.text))
        out[i] = Line.of(line.number, "")


def _is_mark(line: Line) -> bool:
    """A page mark or a running header: the page ends, and the footnotes with it."""
    text = line.text
    return len(text) <= FURNITURE_LINE_CHARS and _kind(line) in ("page", "symbol")


def _unbreak_words(out: list[Line], furniture: list[Fragment]) -> set[int]:
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
    return glued


def _strip_markdown_marks(lines: Lines, furniture: list[Fragment]) -> None:
    """`## 第一章  一般规定` → `第一章  一般规定`, the marks kept as furniture."""
    for index, line in enumerate(lines):
        match = _MARKDOWN_HEADING.match(line.raw) if line.text[:1] == "#" else None
        if match:
            furniture.append(Fragment(line.number, match.group(2)))
            lines[index] = Line.of(line.number, line.raw[match.end() :])


def _strip_markers(lines: Lines, furniture: list[Fragment]) -> None:
    """Footnote markers: "1/" after a word, or digits glued to a word, that number 1, 2, 3…
    in document order. A number out of sequence is text, not a marker."""
    expected = {"slash": 1, "glued": 1}
    for index, line in enumerate(lines):
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
        if raw is not line.raw:
            lines[index] = Line.of(line.number, raw)
