"""References as keys: the `ref` every unit prints (4.2, 17_1, book2.chapter1, preamble.3), read
back and resolved against a document's units.

A `Reference` is a path of keys, a `RangeReference` two of them; `resolve` turns one into units
or raises an error that says what does exist (`no article 13: articles are 1-12`).
`format_reference` is the inverse: `parse_reference(unit.ref)` resolves back to that unit.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import ReferenceNotFound, ReferenceSyntaxError
from ..numerals import MAX_DIGITS
from ..units import Unit
from ..vocabulary import LATIN_ORDINALS
from .tokens import EXAMPLES, Step, check_something, normalise

_ARTICLE_KEY = re.compile(r"(\d+)(?:_(\d+)|([a-z]+))?")


class Reference(namedtuple("Reference", "path")):
    """A path such as ("4", "2") or ("preamble", "3")."""

    __slots__ = ()

    def __str__(self) -> str:
        return format_reference(self.path)


class RangeReference(namedtuple("RangeReference", "start end")):
    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


def format_reference(path: tuple[str, ...]) -> str:
    return ".".join(path)


def key_of(step: Step) -> tuple[str, ...] | None:
    """The keys a step stands for, where it says them without the document: an article by
    number and ordinal (17_1, 8bis), a numbered child, a named part, a division, an annex or a
    section by number; None for an item named by its label, or an annex with no number."""
    kind = step.kind
    if kind == "key":
        return step.name
    if kind in ("article", "number"):
        if step.name:
            return (f"{step.number}{step.name}",)
        return (f"{step.number}_{step.ordinal}",) if step.ordinal else (str(step.number),)
    if kind == "numbered" or (kind == "labelled" and step.number is not None and step.name.isdigit()):
        return (str(step.number),)
    if kind == "named":
        return (step.name,)
    if kind == "division":
        return (f"{step.name}{step.number}" + (f"_{step.ordinal}" if step.ordinal else ""),)
    if kind == "annex" and step.number is not None:
        return (f"annex{step.number}",)
    if kind == "section":
        return (f"section{step.number}",)
    return None


def to_reference(path: tuple[Step, ...]) -> Reference | None:
    """A path of steps as keys, or None where a step needs the document to be found."""
    keys: list[str] = []
    for step in path:
        key = key_of(step)
        if key is None:
            return None
        keys += key
    return Reference(tuple(keys))


# A key as `ref` prints an article, a paragraph or an item (4, 4.2, 4.2.1), digits without a
# leading zero, and a range of two of one depth: the form `grep --refs-only` prints and that is
# pasted back by the thousand. Read by this pattern alone; the grammar reads each the same way
# (tests/test_refs.py compares them on generated texts), and anything else is left to it.
_NUMBER = "(?:0|[1-9][0-9]*)"
_PLAIN_KEY = rf"{_NUMBER}(?:\.{_NUMBER}){{0,2}}"
_PLAIN_KEYS = re.compile(rf"({_PLAIN_KEY})(?:-({_PLAIN_KEY}))?")


def plain_keys(text: str) -> list[Reference | RangeReference] | None:
    """The elements of a text that is one plain key or a range of two (see _PLAIN_KEYS), as
    the grammar reads them; None for any other text."""
    match = _PLAIN_KEYS.fullmatch(text)
    if match is None:
        return None
    first, last = match.groups()
    start = Reference(tuple(first.split(".")))
    if last is None:
        return [start]
    end = Reference(tuple(last.split(".")))
    return [RangeReference(start, end)] if len(start.path) == len(end.path) else None  # 3.1-2: the grammar's


def parse_reference(text: str) -> Reference | RangeReference:
    """One reference or range written as keys, or as units a language names without a title
    (第四条第二款, art. 4(2)). A dash between two numbers is a range: `15-1` runs from 15 to 1
    (backwards, refused); the inserted article 第15-1條 is `15_1`."""
    references = parse_references([text])
    if len(references) != 1:
        raise ReferenceSyntaxError(f"cannot read reference {text!r}: give one reference, e.g. {EXAMPLES}")
    return references[0]


def parse_references(arguments: list[str]) -> list[Reference | RangeReference]:
    """References as keys, from arguments that each hold one or a list (1,4,7)."""
    from .paths import read_paths

    found: list[Reference | RangeReference] = []
    for argument in arguments:
        text = normalise(argument)
        check_something(argument, text)
        read = read_paths(text, 0, original=argument)
        if read is None or read[1] != len(text):
            raise ReferenceSyntaxError(f"cannot read reference {argument!r}: try {EXAMPLES}")
        for element in read[0]:
            found.append(_as_reference(element, argument))
    return found


def _as_reference(element, argument: str) -> Reference | RangeReference:
    from .paths import ends_of

    ends = ends_of(element)
    references = [to_reference(end) for end in ends]
    if any(reference is None for reference in references):
        raise ReferenceSyntaxError(f"cannot read reference {argument!r} without the document: try {EXAMPLES}")
    if len(references) == 1:
        return references[0]
    start, end = references
    if len(start.path) != len(end.path):
        raise ReferenceSyntaxError(
            f"cannot read range {argument!r}: both ends must be articles (3-5) or paragraphs (3.1-3.2)"
        )
    return RangeReference(start, end)


def article_order(key: str) -> tuple[int, int] | None:
    """(number, ordinal) of an article key: 17 → (17, 0), 17_1 → (17, 1), 8bis → (8, 2)."""
    match = _ARTICLE_KEY.fullmatch(key)
    if not match or len(match.group(1)) > MAX_DIGITS:
        return None
    if match.group(3) and match.group(3) not in LATIN_ORDINALS:
        return None
    ordinal = int(match.group(2)) if match.group(2) else LATIN_ORDINALS.get(match.group(3) or "", 0)
    return int(match.group(1)), ordinal


# -- resolving against a document ---------------------------------------------------------


def _span(keys: list[str]) -> str:
    """'1-12' for a run of numbers, else the keys listed."""
    numbers = [int(k) for k in keys if k.isdecimal()]
    if numbers and len(numbers) == len(keys) and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(keys)


def _article_span(keys: list[str]) -> str:
    """Articles in runs, inserted ones between: '1-17, 17_1, 18-20'."""
    pieces: list[list] = []
    for key in keys:
        if key.isdecimal() and pieces and isinstance(pieces[-1][1], int) and int(key) == pieces[-1][1] + 1:
            pieces[-1][1] = int(key)
        else:
            pieces.append([key, int(key) if key.isdecimal() else None])
    return ", ".join(
        first if last is None or str(last) == first else f"{first}-{last}" for first, last in pieces
    )


def describe(parent: Unit, root: Unit) -> str:
    """What `parent` holds, for an error message."""
    if parent is root:
        names = [u.ref for u in root.children if u.kind != "article"]
        articles = [u.key for u in root.children if u.kind == "article"]
        held = names + ([f"articles {_article_span(articles)}"] if articles else [])
        return "the document has " + ", ".join(held)
    keys = [child.key for child in parent.children]
    if not keys:
        return f"{parent.ref} has no parts"
    if parent.kind == "article":
        if len(keys) == 1:
            return f"article {parent.ref} has only paragraph {keys[0]}"
        return f"article {parent.ref} has paragraphs {_span(keys)}"
    return f"{parent.ref} has {_span(keys)}"


def article(root: Unit, key: str) -> Unit | None:
    """The article a key names, by number and ordinal: 8bis finds 第八条之二 (8_2), and 8_2
    finds Article 8 bis."""
    order = article_order(key)
    if order is None:
        return None
    found = root.index.articles(*order)
    return found[0] if found else None


def find(root: Unit, ref: Reference) -> Unit:
    """The unit a path of keys names, each step looked up by key (units.Unit.child)."""
    return _found(root, ref)[0]


def _found(root: Unit, ref: Reference) -> tuple[Unit, Unit]:
    """find(), and the child of the root the unit lies in (itself at the top; the root for
    all)."""
    if ref.path == ("all",):
        return root, root
    unit = top = root
    for depth, key in enumerate(ref.path):
        child = unit.child(key)
        if child is None and unit is root:
            child = article(root, key)
        if child is None:
            if unit is root and key[:1].isdecimal():
                articles = [u.key for u in root.children if u.kind == "article"]
                where = (
                    f"articles are {_article_span(articles)}" if articles else "this document has no articles"
                )
                raise ReferenceNotFound(f"no article {key}: {where}")
            if unit is root:
                nested = [u.ref for u in root.walk() if u.kind == "division" and u.key == key]
                if nested:
                    raise ReferenceNotFound(
                        f"no {key} at the top of this document: write {' or '.join(nested[:4])}"
                    )
                raise ReferenceNotFound(f"no {key} in this document: {describe(root, root)}")
            noun = "paragraph" if unit.kind == "article" and key[:1].isdecimal() else "part"
            raise ReferenceNotFound(
                f"no {noun} {format_reference(ref.path[: depth + 1])}: {describe(unit, root)}"
            )
        unit = child
        if top is root:
            top = child
    return unit, top


def resolve(root: Unit, ref: Reference | RangeReference) -> list[Unit]:
    """The units a reference names, in document order."""
    if isinstance(ref, Reference):
        unit = find(root, ref)
        if unit is root:  # divisions only regroup articles that `all` lists anyway
            return [u for u in root.children if u.kind != "division"]
        return [unit]
    (start, first), (end, last) = _found(root, ref.start), _found(root, ref.end)
    if start.kind != end.kind:
        raise ReferenceSyntaxError(f"cannot read range {ref}: {ref.start} and {ref.end} are not alike")
    if start is root:  # all-all (an end alone cannot be the root: the kinds differ): all
        return resolve(root, Reference(("all",)))
    span = root.index.between(first, start, last, end)  # first, last: the root's children they lie in
    if span is None:
        inserted = article(root, f"{ref.start}_{ref.end}") if start.kind == "article" else None
        hint = f" (the inserted article {inserted.label} is {inserted.ref})" if inserted else ""
        raise ReferenceSyntaxError(f"range {ref} runs backwards: write {ref.end}-{ref.start}{hint}")
    return span


def resolve_all(root: Unit, refs: list[Reference | RangeReference]) -> list[Unit]:
    units = []
    for ref in refs:
        units.extend(resolve(root, ref))
    return units
