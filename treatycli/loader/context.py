"""What every reader of a document shares: its lines, which of them are claimed, and how the
document marks a new paragraph, as the layout decided (loader/layout.py):
- indent: PDF text, where a paragraph opens with an indent and blank lines are scattered;
- blank: clean text, where blank lines separate paragraphs;
- lines: text copied from a web page, one paragraph per line;
- flow: PDF text with neither, where a paragraph opens after a line that ends a sentence,
  at a numbered paragraph or item, at a recital verb after a comma, or after a short line.
Everywhere, the author of a resolution stands alone as a paragraph.
"""

from __future__ import annotations

import re

from ..model import Fragment, Layout
from ..vocabulary import alternatives, every
from .lines import Line, Lines, join_lines

RULE = re.compile(r"^[\s\-–—_=*·.…]+$")
ITEM = re.compile(
    r"^(?P<label>[（(](?:[一二三四五六七八九十]{1,3}|[a-z]{1,2}|[ivx]{1,4}|\d{1,2})[）)]|[a-z]\)|\d{1,2}\))\s*"
)
NUMBERED = re.compile(r"^\d{1,3}\s*\.\s+\S")
# a paragraph's number or an item's label alone on its line: it opens what the next line says
BARE_LABEL = re.compile(
    r"^(?:\d{1,3}\s*\.|[a-z]{1,2}\)|\([a-z0-9]{1,4}\)|[（(][一二三四五六七八九十]{1,3}[）)])$"
)
_SENTENCE_END = re.compile(r"[.;:。；：]$")
# the author of a resolution, alone on its line
AUTHOR = re.compile(
    r"^(The General Assembly|The Security Council|The Economic and Social Council|大会|安全理事会)\s*[,，]$"
)
# lines that open a paragraph wherever they stand: the author, the formula
OPENS_ALWAYS = re.compile(
    rf"{AUTHOR.pattern}|^(?:\w+\s+){{0,2}}(?i:{alternatives(w for w in every('formulas') if ' ' in w)})"
)
_RECITAL = re.compile(
    r"^(?:[A-Z][a-z]+(?:ing|ed)\b|Having|Bearing|Mindful|Aware|Conscious|Convinced|Desirous|"
    r"Deeply|Gravely|Also|Further|Determined|Resolved|Have agreed|Agree)"
)


# In flow text, a line shorter than this share of the wrap width, with no closing
# punctuation, is a title or heading line: what follows it opens a paragraph.
SHORT_LINE = 0.6


class LineNumbers:
    """A set of line numbers from 1 to `count`, a byte each: a set of ints held a 5 MB
    document's 57,000 claimed lines in 3.5 MiB, at the parse's peak."""

    __slots__ = ("_flags",)

    def __init__(self, count: int):
        self._flags = bytearray(count + 1)

    def __contains__(self, number: int) -> bool:
        return 0 < number < len(self._flags) and self._flags[number] == 1

    def add(self, number: int) -> None:
        self._flags[number] = 1

    def update(self, numbers) -> None:
        flags = self._flags
        for number in numbers:
            flags[number] = 1


class Context:
    def __init__(
        self,
        lines: Lines,
        glued: set[int],
        furniture: list[Fragment],
        layout: Layout,
        removed: set[int],
        pages: set[int] = frozenset(),
        page_starts: list[int] | None = None,
    ):
        self.lines = lines
        self.glued = glued
        self.furniture = furniture
        self.layout = layout
        self.removed = removed  # line numbers of furniture taken out: no gap between paragraphs
        self.pages = pages  # those of the page's furniture: page numbers, running headers, footnotes
        self.page_starts = page_starts or []  # of a PDF: the line each page after the first starts on
        self.paged = page_starts is not None
        self.claimed = LineNumbers(len(lines))

    def page_of(self, line: Line) -> int | None:
        """The page of a PDF a line stands on, from 1; None for a text file."""
        from bisect import bisect_right

        return bisect_right(self.page_starts, line.number) + 1 if self.paged else None

    def claim(self, lines: list[Line]) -> list[Line]:
        self.claimed.update(line.number for line in lines)
        return lines

    def nonblank(self, start: int, end: int) -> list[Line]:
        """Unclaimed non-blank lines in [start, end); rule lines become furniture."""
        out = []
        for line in self.lines.run(start, end):
            if line.blank or line.number in self.claimed:
                continue
            if RULE.match(line.raw):
                self.furniture.append(Fragment(line.number, line.text))
                self.claimed.add(line.number)
                continue
            out.append(line)
        return out

    def starts_paragraph(self, line: Line, previous: Line | None) -> bool:
        if previous is None:
            return True
        before, text = previous.text, line.text
        if previous.number in self.glued:
            return False
        if BARE_LABEL.match(before):
            return False  # "1." alone on its line, its text on the next (PDF text)
        if BARE_LABEL.match(text):
            return True
        if OPENS_ALWAYS.match(text) or OPENS_ALWAYS.match(before):
            return True
        mode = self.layout.paragraphs
        if mode == "lines":
            return not ("a" <= text[:1] <= "z")  # no paragraph opens in lowercase: a wrap
        if mode == "indent":
            return line.indent >= self.layout.indent
        if mode == "blank":
            between = range(previous.number + 1, line.number)
            if not any(self.lines[n - 1].blank and n not in self.removed for n in between):
                return False
            if any(n in self.pages for n in between):
                return not self._goes_on_over_a_page(before, text)
            return True
        if ITEM.match(text) or NUMBERED.match(text):
            return True
        if before.isupper() and not text.isupper():
            return True  # a title in capitals, then the text
        opens = text[:1].isupper() or text[:1].isdigit() or text[:1] in '(“"《['
        if _SENTENCE_END.search(before) and opens:
            return True
        if before.endswith((",", "，")) and _RECITAL.match(text):
            return True
        # a short line with no closing punctuation: a title or heading line
        short = len(before) < SHORT_LINE * self.layout.width
        return short and not before.endswith((",", "，", "-")) and opens

    @staticmethod
    def _goes_on_over_a_page(before: str, text: str) -> bool:
        """Blank lines around a page mark are the page's, not a paragraph's end: the text goes
        on where the line before ends mid-sentence ("articles 6 and 7" / -4- / "apply also")
        and what follows opens nothing (a numbered paragraph, an item; after a comma, a line in
        lower case only, since recitals end with one)."""
        if _SENTENCE_END.search(before) or ITEM.match(text) or NUMBERED.match(text):
            return False
        return not before.endswith((",", "，")) or "a" <= text[:1] <= "z"

    def paragraphs(self, lines: list[Line]) -> list[list[Line]]:
        groups: list[list[Line]] = []
        previous: Line | None = None
        for line in lines:
            if self.starts_paragraph(line, previous):
                groups.append([line])
            else:
                groups[-1].append(line)
            previous = line
        return groups

    def join(self, lines: list[Line]) -> str:
        return join_lines(lines, self.glued)
