"""Requests found in the loaded document: the title a citation names is checked against the
document's (titles.py), and each path is found by how the document writes it — an inserted
article by its number and ordinal (第十七条之一, 8 bis), a division by its levels and numbers
(第二编第三章, or 物权编 as its heading writes it), an item by its label (（二）, (b)) — with
errors that say what does exist, as resolving keys gives them (references.py).
"""

from __future__ import annotations

from ..errors import ReferenceNotFound, ReferenceSyntaxError
from ..numerals import parse_number
from ..units import Unit
from ..vocabulary import convention_of
from .read import Request, read_request
from .references import RangeReference, Reference, resolve
from .tokens import EXAMPLES, Step, label_core, level_table, normalise


def resolve_requests(root: Unit, requests: list[Request]) -> list[Unit]:
    """The units of every request, in order: one Finder (and one reading of the document's
    level words) serves them all, so that each costs its own lookups only, and a request
    given again (one object: read_request keeps what it read) is resolved once."""
    units = []
    finder = Finder(root)
    # the id of a request -> (the request, kept alive so that no other takes its id; its units)
    found: dict[int, tuple[Request, list[Unit]]] = {}
    for request in requests:
        known = found.get(id(request))
        if known is None:
            known = found[id(request)] = (request, resolve_request(root, request, finder))
        units.extend(known[1])
    return units


def _read_plain(text: str) -> Request:
    """A citation read in another convention's order (第1項第2款), read again in the grammar's
    for a document that follows it: where it does not read so, the error says how to write it."""
    from .read import _read_request

    return _read_request(text, None)


def resolve_request(root: Unit, request: Request, finder: Finder | None = None) -> list[Unit]:
    """The units a request names, in the order given; ReferenceNotFound if its title names
    another document or a unit does not exist. `finder`, when given, is the root's."""
    if request.how == "alone" and (division := _division_as_written(root, request.title or "")):
        return [division]
    finder = finder or Finder(root)
    units: list[Unit] = []
    for element in as_the_document_reads(root, request, finder).elements:
        units.extend(resolve_element(root, element, finder))
    return units


def as_the_document_reads(root: Unit, request: Request, finder: Finder) -> Request:
    """The request read in the document's own words for its levels (第1項第2款 in a Taiwan
    law), its division paths under a division named as written, its title checked."""
    levels = finder.levels
    if levels != request.levels and any(
        chr(ch) in normalise(request.text) for ch in levels or request.levels
    ):
        request = read_request(request.text, levels) if levels else _read_plain(request.text)
    request = _within_division_as_written(root, request)
    check_title(root.node, request)
    return request


def resolve_element(root: Unit, element, finder: Finder) -> list[Unit]:
    """The units one element of a request names: a reference, a range, or a path of steps."""
    if isinstance(element, (Reference, RangeReference)):
        return resolve(root, element)
    if isinstance(element[0], Step):  # the unit found is the one its keys name: no second lookup
        unit = finder.unit(element)
        return resolve(root, Reference(("all",))) if unit is root else [unit]
    return resolve(root, RangeReference(*(finder.reference(end) for end in element)))


def check_title(doc, request: Request) -> None:
    """ReferenceNotFound (or ReferenceSyntaxError, for a title alone) unless the title a
    request names, if any, names the loaded document; words that only lead into a citation
    (根据, see) name none."""
    named = request.title
    if named is None:
        return
    from .titles import how_to_name, only_leads_into_a_citation

    if not any(ch.isalnum() for ch in named):  # `:2`, `—, 2`: punctuation where a title or name goes
        raise ReferenceSyntaxError(f"cannot read reference {request.text!r}: try {EXAMPLES}")

    if names_document(named, doc, lead_in=request.how == "lead-in"):
        return
    if request.how == "lead-in" and only_leads_into_a_citation(named):
        return  # words that lead into the citation (根据, see), not a title
    source = doc.source.name
    title = doc.source.title or doc.title
    if not title:
        if request.how == "alone":
            raise ReferenceSyntaxError(
                f"cannot read reference {request.text!r}: it is neither a reference (try {EXAMPLES}) "
                f"nor a title of the loaded document ({source}, which has none)"
            )
        raise ReferenceNotFound(
            f"{request.text!r} names a document ({named}), but the one loaded ({source}) has no title: "
            "give the reference without one, or load that document with --doc"
        )
    ways = how_to_name(title, (doc.source.short_title,))
    if request.how == "alone":
        raise ReferenceSyntaxError(
            f"cannot read reference {request.text!r}: it is neither a reference (try {EXAMPLES}) "
            f"nor a title of the loaded document, {title} ({source}): name it by {ways}"
        )
    raise ReferenceNotFound(
        f"{request.text!r} names {named!r}, not the loaded document, {title} ({source}): "
        f"name it by {ways}, leave the title out, or load that document with --doc"
    )


def names_document(named: str, doc, lead_in: bool = False) -> bool:
    """Does a citation's title name this document: its own title, or the title and short
    title the library was given for it (Source.title, Source.short_title)?"""
    from .titles import names_title

    short = (doc.source.short_title,)
    titles = [title for title in (doc.source.title, doc.title) if title] or [""]
    return any(names_title(named, title, lead_in, short) for title in titles)


def _division_as_written(root: Unit, named: str) -> Unit | None:
    """A division cited by its headings as the document writes them (its own, after those of
    the divisions it lies in), after the document's title or alone: 《示例民法典》物权编 (a book
    named, not numbered), 物权编第一分编, 《…解释》一、管辖 (a topic)."""
    found = _division_as_written_in(root, named)
    return found[0] if found else None


def _within_division_as_written(root: Unit, request: Request) -> Request:
    """《示例民法典》物权编第一分编第一章: the paths after a division named as the document
    writes it (物权编 has no number to cite) go down from that division. The request with the
    division's steps before its division paths, and the document's title alone as its title."""
    doc = root.node
    if request.title is None or not (doc.title or doc.source.title):
        return request
    if names_document(request.title, doc):
        return request
    division = _division_as_written_in(root, request.title)
    if division is None:
        return request
    unit, rest = division
    parts = unit.ref.split(".")
    records = {u.ref: u.node for u in root.walk() if u.kind == "division"}
    outer = [records[".".join(parts[:i])] for i in range(1, len(parts) + 1)]
    chain = tuple(Step("division", d.number, d.kind, d.ordinal) for d in outer)

    def within(element):
        if isinstance(element, tuple) and element and isinstance(element[0], Step):
            return chain + element if element[0].kind == "division" else element
        if isinstance(element, tuple):  # a range: both ends
            return tuple(within(end) for end in element)
        return element

    return request._replace(title=rest or None, elements=[within(e) for e in request.elements])


def _division_as_written_in(root: Unit, named: str) -> tuple[Unit, str] | None:
    """The division whose headings `named` ends with, and what stands before them, where that
    names the document (or nothing does)."""
    from .titles import zh_key

    key = zh_key(named)
    doc = root.node
    headings = {unit.ref: unit.node.heading for unit in root.walk() if unit.kind == "division"}
    for unit in root.walk():
        if unit.kind != "division":
            continue
        parts = unit.ref.split(".")
        outer = "".join(headings.get(".".join(parts[:i]), "") for i in range(1, len(parts)))
        own = unit.node.heading
        for written in dict.fromkeys((outer + own + (unit.node.title or ""), outer + own, own)):
            form = zh_key(written)
            if form and key.endswith(form):
                rest = key[: -len(form)]
                if not rest or names_document(rest, doc):
                    return unit, rest
    return None


def enclosing(ref: str, refs) -> list[str]:
    """The refs among `refs` of the divisions that division `ref` lies in, in their order:
    book2 and book2.chapter1 for book2.chapter1.section2, chapter1 for chapter1/section1."""
    return [r for r in refs if len(r) < len(ref) and ref.startswith(r) and ref[len(r)] in "./"]


class Finder:
    """Paths → references of the keys, by finding each step's unit in the tree."""

    def __init__(self, root: Unit):
        self.root = root
        self.index = root.index  # built once per tree, whatever number of Finders
        self._divisions: dict[tuple, list[tuple[Unit, list]]] | None = None
        # the document's own words for its levels as the grammar reads them (tokens.level_table)
        self.levels = level_table(root.node) if root.kind == "document" else None
        # where citations write an item by its number (第1款 in Taiwan), 第N款 is the Nth item
        convention = convention_of(root.node.language, root.node.decisions.hierarchy) if self.levels else None
        self.items_by_number = convention is not None and convention.item is None

    def at(self, ref: str) -> Unit | None:
        """The unit whose ref this is."""
        return self.index.at(ref)

    def articles(self, number: int, ordinal: int) -> list[Unit]:
        """The articles of this number and ordinal (one, unless the numbering is damaged)."""
        return self.index.articles(number, ordinal)

    def reference(self, path: tuple, start: Unit | None = None) -> Reference:
        """The keys of the unit `path` names, from the root or from `start`."""
        return Reference(self.keys(self.unit(path, start)) or ("all",))

    def unit(self, path: tuple, start: Unit | None = None) -> Unit:
        unit, index = start or self.root, 0
        while index < len(path):
            step = path[index]
            if step.kind == "division":
                end = index
                while end < len(path) and path[end].kind == "division":
                    end += 1
                unit, index = self._division(path[index:end]), end
                continue
            unit, index = self._child(unit, step), index + 1
        return unit

    def keys(self, unit: Unit) -> tuple[str, ...]:
        """The path of keys from the root to `unit`, as references resolve it."""
        keys = []
        while unit is not self.root:
            keys.append(unit.key)
            unit = self.index.parent(unit)
        return tuple(reversed(keys))

    def _child(self, unit: Unit, step: Step) -> Unit:
        kind = step.kind
        if kind == "key":
            return (
                resolve(self.root, Reference(step.name))[0]
                if unit is self.root
                else self._one([], unit, step, [])
            )
        if kind == "named" and step.name == "all":
            return self.root
        if kind == "article":
            found = self.articles(step.number, step.ordinal)
            if not found:  # says which articles there are: no article 17_1: articles are 1-12
                resolve(
                    self.root,
                    Reference((f"{step.number}_{step.ordinal}" if step.ordinal else str(step.number),)),
                )
            if len(found) == 1:
                return found[0]
            return self._one(found, unit, step, self.index.of_kind("article"))
        if kind == "labelled" and unit.kind == "article":
            paragraphs = [c for c in unit.children if c.kind == "paragraph"]
            if len(paragraphs) == 1:  # 第2条第（一）项: the article's one paragraph holds the items
                unit = paragraphs[0]
        candidates = unit.children
        if kind in ("named", "numbered"):  # a key, as references read it: they say what exists
            key = step.name if kind == "named" else str(step.number)
            child = unit.child(key)
            found = [child] if child is not None else []
            if not found:
                resolve(self.root, Reference((*self.keys(unit), key)))
        elif kind == "labelled":
            items = [c for c in candidates if c.kind == "item"]
            if self.items_by_number and step.number is not None:
                found = [item for item in items if item.node.number == step.number]
            else:
                found = _items(step, items)
        elif kind == "annex":
            candidates = [c for c in candidates if c.kind == "annex"]
            found = [c for c in candidates if step.number in (None, c.node.number)]
            found = found if step.number is not None or len(found) == 1 else []
        else:  # an annex section
            found = [c for c in candidates if c.kind == "section" and c.node.number == step.number]
        return self._one(found, unit, step, candidates)

    def _division(self, steps: tuple) -> Unit:
        divisions = self.index.of_kind("division")
        wanted = [(s.name, s.number, s.ordinal) for s in steps]
        by_level = self._divisions_by_level()
        found = [u for u, chain in by_level.get(wanted[-1], ()) if set(wanted) <= set(chain)]
        if not found:
            chains = {id(u): chain for pairs in by_level.values() for u, chain in pairs}
            raise ReferenceNotFound(_no_division(steps, wanted, divisions, lambda u: chains[id(u)]))
        return self._one(found, self.root, steps[-1], divisions)

    def _divisions_by_level(self) -> dict[tuple, list[tuple[Unit, list]]]:
        """Each division with its chain of levels ((kind, number, ordinal) from the outermost
        division it lies in), by its own level: worked out once for every request."""
        if self._divisions is None:
            divisions = self.index.of_kind("division")
            records = {u.ref: u.node for u in divisions}
            self._divisions = {}
            for unit in divisions:
                outer = [records[ref] for ref in enclosing(unit.ref, records)] + [unit.node]
                chain = [(d.kind, d.number, d.ordinal) for d in outer]
                self._divisions.setdefault(chain[-1], []).append((unit, chain))
        return self._divisions

    def _one(self, found: list, unit: Unit, step: Step, candidates: list) -> Unit:
        if len(found) == 1:
            return found[0]
        where = "the document" if unit is self.root else unit.label
        what = _describe(step)
        if not found:
            held = ", ".join(c.label for c in candidates[:12]) + (", …" if len(candidates) > 12 else "")
            raise ReferenceNotFound(f"no {what} in {where}: it has {held or 'nothing of the kind'}")
        refs = ", ".join(u.ref for u in found)
        raise ReferenceNotFound(f"{what} is ambiguous in {where} ({refs}): give one of these references")


def _items(step: Step, items: list[Unit]) -> list[Unit]:
    """The items a step names: by its label ((b), 第（二）项), else by number (第2项, (5)).
    Where a label is shared ((i) the letter and (i) the numeral, or a numbering repeated), cite
    names an item by its number: so a label two items share, given as a number ((1)), is the
    item of that number among them; and in such a list a number alone (第2项, not 第（二）项)
    counts the items, whatever another item's label says."""
    labels = [label_core(item.node.label) for item in items]
    by_label = [item for item, label in zip(items, labels, strict=True) if label == step.name]
    number = step.number if step.number is not None else parse_number(step.name)
    by_number = [item for item in items if item.node.number == number] if number is not None else []
    if not by_number:
        return by_label
    if len(by_label) > 1 and by_number[0] in by_label:
        return by_number
    if step.number is not None and len(set(labels)) < len(labels):
        return by_number  # 第2项 in a list whose labels repeat: the second item
    return by_label or by_number


def _no_division(steps: tuple, wanted: list, divisions: list[Unit], chain) -> str:
    """What is missing of the divisions a path names, and what the document has instead: the
    first of its levels no division has (第二编 of a document without books), else the last."""
    held = {level for unit in divisions for level in chain(unit)}
    missing = next((n for n, level in enumerate(wanted) if level not in held), len(wanted) - 1)
    what = _describe(steps[missing])
    if not divisions:
        return f"no {what}: this document has no divisions"
    kind = steps[missing].name
    same = [u.ref for u in divisions if u.node.kind == kind]
    listed = same or [u.ref for u in divisions]
    shown = ", ".join(listed[:12]) + (", …" if len(listed) > 12 else "")
    return (
        f"no {what}: its {kind}s are {shown}"
        if same
        else f"no {what}: this document has no {kind}s; it has {shown}"
    )


def _describe(step: Step) -> str:
    if step.kind == "article":
        return f"article {step.number}" + (f" (inserted, {step.ordinal})" if step.ordinal else "")
    if step.kind == "labelled":
        return f"item ({step.name or step.number})"
    if step.kind == "division":
        return f"{step.name} {step.number}" + (f" (inserted, {step.ordinal})" if step.ordinal else "")
    if step.kind == "key":
        return ".".join(step.name)
    return f"{step.kind} {step.number}" if step.number is not None else step.kind  # annex, section
