"""`export --format md`: the document as readable Markdown (CommonMark).

The title is the one `#` heading; each part (agenda, letter, resolution, preamble, each
division, article and annex, signing) gets a heading below it, nested as the divisions nest.
Headings are written as the source writes them ("第四条", "ARTICLE 2 Scope", "PART I GENERAL
PROVISIONS"), or with the unit's label where the source has none. Paragraph text is written
as it stands, numbers included ("1. This Agreement…"), escaped so that it renders as itself:
a number at the start stays text, never a Markdown list that a renderer would renumber.
"""

from __future__ import annotations

import os
import re

from ..model import Document
from ..units import Unit, one_at_a_time
from .selection import Selection, division_chain, parts, shared_depth

# ASCII punctuation that means something to CommonMark anywhere in a line.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>#|~&])")
# At the start of a block: list markers ("1.", "2)", "-", "+") and setext underlines ("=").
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
_DEEPEST_HEADING = 6  # Markdown has six heading levels
_UNASSIGNED = {"zh": "未归属的文本", "en": "Text not assigned to any part"}


def escape(text: str, block: bool = True) -> str:
    """Text that renders as exactly itself, on one line; `block` when it starts a paragraph
    or list item (in a heading, "1." cannot start a list)."""
    text = _INLINE_SYNTAX.sub(r"\\\1", " ".join(text.split("\n")))
    if not block:
        return text
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


class _Writer:
    """Markdown blocks, and the divisions whose headings are open."""

    def __init__(self, doc: Document):
        self.blocks: list[str] = []
        self.divisions = {d.ref: d for d in doc.divisions}
        self.open_divisions: list[str] = []
        self.started = False  # a block was written: the next is after a blank line

    def written(self):
        """The blocks made since the last call, as they follow what was written before."""
        for block in self.blocks:
            yield ("\n\n" if self.started else "") + block
            self.started = True
        self.blocks.clear()

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(f"{'#' * min(level, _DEEPEST_HEADING)} {escape(text, block=False)}")

    def paragraph(self, text: str | None) -> None:
        if text:
            self.blocks.append(escape(text))

    def bullets(self, lines: list[str]) -> None:
        if lines:
            self.blocks.append("\n".join(f"- {escape(line)}" for line in lines))

    def paragraphs(self, units: list[Unit]) -> None:
        """Paragraph units (and any others with text), each item in a list below its paragraph."""
        for unit in units:
            self.paragraph(unit.text)
            self.bullets([_joined(item.node.label, item.text) for item in unit.children])

    def division_headings(self, ref: str | None) -> int:
        """Open the headings of the division `ref` and of those enclosing it (a dotted ref
        such as book2.chapter1 nests) that are not open yet; the level of what they hold."""
        chain = division_chain(ref)
        for depth in range(shared_depth(self.open_divisions, chain), len(chain)):
            division = self.divisions.get(chain[depth])
            label = _joined(division.heading, division.title) if division else chain[depth]
            self.heading(2 + depth, label)
        self.open_divisions = chain
        return 2 + len(chain)


def _joined(*pieces: str | None) -> str:
    return " ".join(piece for piece in pieces if piece)


def to_markdown(selection: Selection) -> str:
    return "".join(markdown_chunks(selection))


def markdown_chunks(selection: Selection):
    """The Markdown text a part at a time, each part's blocks written as it is read (an
    article's paragraph units let go once it is: units.one_at_a_time)."""
    doc, whole = selection.doc, selection.whole
    out = _Writer(doc)
    out.heading(1, doc.title or os.path.basename(doc.source.name))
    shown = [part for part in parts(selection.root) if part.kind != "title"]  # the title is the # heading
    for index, part in enumerate(one_at_a_time(shown)):
        yield from out.written()
        kind, node = part.kind, part.node
        if kind != "article":
            out.open_divisions = []
        if kind == "agenda":
            out.heading(2, part.label)
            out.bullets([_joined(f"{item.node.number}.", item.text) for item in part.children])
        elif kind in ("letter", "resolution"):
            _transmittal(out, part, whole)
        elif kind == "preamble":
            out.heading(2, node.heading or part.label)
            out.paragraphs(part.children)
        elif kind == "article":
            level = out.division_headings(node.division)
            out.heading(level, _joined(node.heading or part.label, node.title))
            out.paragraphs(part.children)
        elif kind == "annex":
            out.heading(2, node.heading or part.label)
            out.paragraphs([c for c in part.children if c.kind != "section"])
            for section in (c for c in part.children if c.kind == "section"):
                out.heading(3, section.label)
                out.paragraphs(section.children)
        elif kind == "signing":
            out.heading(2, part.label)
            if whole:
                out.paragraph(node.witness)
            out.paragraph(part.text)
        elif kind == "signatures":
            if index == 0 or shown[index - 1].kind != "signing":
                out.heading(2, part.label)
            out.bullets([person.text for person in part.children])
    if whole and doc.unassigned:
        out.heading(2, _UNASSIGNED["zh" if doc.language == "zh" else "en"])
        for fragment in doc.unassigned:
            out.paragraph(fragment.text)
    yield from out.written()
    yield "\n"


def _transmittal(out: _Writer, part: Unit, whole: bool) -> None:
    """A cover letter or a resolution: its title as the heading, its text, and (whole) the
    lines that are not units: the resolution's author and closing, the annex heading."""
    node, children = part.node, part.children
    titled = bool(children) and children[0].kind in ("letter-title", "resolution-title")
    out.heading(2, (children[0].text if titled else None) or part.label)
    if whole and part.kind == "resolution":
        out.paragraph(node.author)
    for child in children[1:] if titled else children:
        if child.kind == "signatures":
            out.bullets([person.text for person in child.children])
        else:
            out.paragraphs(child.children if child.kind == "preamble-recitals" else [child])
    if whole:
        for line in node.closing if part.kind == "resolution" else ():
            out.paragraph(line)
        out.paragraph(node.annex_heading)
