"""What an export writes: the whole document, or the units named on the command line.

References resolve as `show` resolves them. The unit tree is cut down to the units named,
everything under them, and the parts that enclose them (an article for its paragraph, the
letter for its second paragraph), so every writer walks one tree and keeps every unit's ref.
Text outside the units (the witness formula, a resolution's author and closing lines,
unassigned text) belongs to the whole document only.
"""

from __future__ import annotations

from ..model import Document
from ..units import Unit, build_units


class Selection:
    """`root` is the unit tree to write and `full` the document's (for positions); `named`
    the units as resolved, for JSON; `whole` says that nothing was left out."""

    __slots__ = ("doc", "full", "root", "named", "whole")

    def __init__(self, doc: Document, full: Unit, root: Unit, named: list[Unit]):
        self.doc, self.full, self.root, self.named = doc, full, root, named
        self.whole = root is full


def select(doc: Document, requests: list | None = None) -> Selection:
    """The whole document when no reference is given, else the units the references (as
    `read_requests` reads them: keys and citations alike) name."""
    root = build_units(doc)
    if not requests:
        return Selection(doc, root, root, [root])
    from ..grammar.resolve import resolve_requests

    named = resolve_requests(root, requests)
    kept: set[int] = set()
    for unit in named:
        for member in (unit, *unit.members):
            kept.update(id(inner) for inner in member.walk())
    if all(id(part) in kept for part in root.children if part.kind != "division"):
        return Selection(doc, root, root, named)  # `all`, or every part named
    return Selection(doc, root, _cut(root, kept), named)


def _cut(unit: Unit, kept: set[int]) -> Unit | None:
    """`unit` itself when it is kept whole, a copy holding only its kept descendants (and no
    text of its own), or None when nothing under it is kept."""
    if id(unit) in kept:
        return unit
    children = [c for c in (_cut(child, kept) for child in unit.children) if c is not None]
    if not children:
        return None
    return Unit(unit.ref, unit.kind, unit.label, None, children, unit.node)


def parts(unit: Unit) -> list[Unit]:
    """The parts under `unit` to write, in document order. A division only groups articles
    that stand in the tree beside it (or, nested, under it), and each writer heads them with
    their divisions from `Article.division`: so a division is replaced by what it holds."""
    found = []
    for child in unit.children:
        found.extend(parts(child) if child.kind == "division" else [child])
    return found


def division_chain(ref: str | None) -> list[str]:
    """The refs of a division and of those that enclose it, outermost first: a dotted ref
    nests (book2.chapter1 → book2, book2.chapter1); a flat one (part2) stands alone."""
    if not ref:
        return []
    pieces = ref.split(".")
    return [".".join(pieces[: depth + 1]) for depth in range(len(pieces))]


def shared_depth(open_chain: list[str], chain: list[str]) -> int:
    """How many of the divisions open stay open for the next article."""
    depth = 0
    while depth < min(len(open_chain), len(chain)) and open_chain[depth] == chain[depth]:
        depth += 1
    return depth
