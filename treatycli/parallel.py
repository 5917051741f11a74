"""Authentic texts side by side (`show --parallel`): each reference found in every version of
a treaty, and their units aligned by ref.

Versions differ: one lacks an article another has, or numbers a range's end differently. So
each element of a reference (an article of a list, a range) is found in each version alone; a
unit a version lacks is missing there, and only an element that no version has is an error,
as it is for `show`. A range whose end one version lacks holds, in that version, the units
between the ends' numbers.
"""

from __future__ import annotations

from .errors import ReferenceNotFound, ReferenceSyntaxError
from .grammar.read import Request
from .grammar.references import _ARTICLE_KEY, RangeReference, to_reference
from .grammar.resolve import Finder, as_the_document_reads, names_document, resolve_element, resolve_request
from .units import Unit

Aligned = list[tuple[str, list[Unit | None]]]


def align(names: list[str], roots: list[Unit], requests: list[Request]) -> Aligned:
    """(ref, the unit of each version or None) for every unit the requests name in any
    version: the first version's order, each other's units after the one before them there."""
    finders = [Finder(root) for root in roots]
    columns: list[dict[str, Unit]] = [{} for _ in roots]
    order: dict[str, None] = {}  # each element's units in turn, as the references ask
    for request in requests:
        for found in _found(names, roots, finders, request):
            element: list[dict[str, Unit]] = [{} for _ in roots]
            for column, root, units in zip(element, roots, found, strict=True):
                for unit in units or ():
                    column.update((leaf.ref, leaf) for leaf in _shown(root, unit))
            for column, units in zip(columns, element, strict=True):
                column.update(units)
            order.update(dict.fromkeys(_merged_order(element)))
    return [(ref, [column.get(ref) for column in columns]) for ref in order]


def _found(names, roots, finders, request: Request) -> list[list[list[Unit] | None]]:
    """For each element of the request, each version's units (None where it lacks them)."""
    if request.how == "alone":  # a title or a division as written: the request is its one element
        return [_each(names, roots, lambda i: resolve_request(roots[i], request, finders[i]))]
    read = [_as_read(names, roots, finders, i, request) for i in range(len(roots))]
    found = []
    for index in range(max(len(r.elements) for r in read)):

        def element(i, index=index):
            elements = read[i].elements
            if index >= len(elements):
                raise ReferenceNotFound(f"{request.text!r} reads otherwise in {names[i]}")
            try:
                return resolve_element(roots[i], elements[index], finders[i])
            except ReferenceNotFound:
                between = _between(finders[i], elements[index])
                if between:
                    return between
                raise

        found.append(_each(names, roots, element))
    return found


def _each(names, roots, find) -> list[list[Unit] | None]:
    """find(i) for each version i, None where it finds nothing; the first version's error if
    none does, naming every version."""
    found, failures = [], []
    for i in range(len(roots)):
        try:
            found.append(find(i))
        except ReferenceNotFound as failure:
            found.append(None)
            failures.append(f"{names[i]}: {failure}")
    if all(units is None for units in found):
        raise ReferenceNotFound("; ".join(failures) if len(failures) > 1 else failures[0])
    return found


def _as_read(names, roots, finders, i: int, request: Request) -> Request:
    """The request as version i reads it. A title that names another version of the run
    names this one too (each version has its title in its own language); a title that names
    none of them is an error that lists them."""
    try:
        return as_the_document_reads(roots[i], request, finders[i])
    except (ReferenceNotFound, ReferenceSyntaxError):
        if request.title is None:
            raise
        lead_in = request.how == "lead-in"
        if not any(names_document(request.title, root.node, lead_in) for root in roots):
            titles = ", ".join(
                f"{name} ({root.node.title or 'no title'})" for name, root in zip(names, roots, strict=True)
            )
            raise ReferenceNotFound(
                f"{request.text!r} names {request.title!r}, the title of none of the documents read "
                f"({titles}): leave the title out, or read that document with --doc"
            ) from None
        return as_the_document_reads(roots[i], request._replace(title=None), finders[i])


def _between(finder: Finder, element) -> list[Unit] | None:
    """A range of numbered articles (5-8) or of paragraphs of one article (4.1-4.3) whose end
    this version lacks: its units between the ends' numbers; None for any other element."""
    if isinstance(element, RangeReference):
        ends = (element.start.path, element.end.path)
    elif isinstance(element, tuple) and len(element) == 2 and all(isinstance(end, tuple) for end in element):
        references = [to_reference(end) for end in element]
        if None in references:
            return None
        ends = tuple(reference.path for reference in references)
    else:
        return None
    (start, end) = ends
    if len(start) != len(end) or start[:-1] != end[:-1]:
        return None
    low, high = _number(start[-1]), _number(end[-1])
    if low is None or high is None:
        return None
    if len(start) == 1:
        candidates = [
            (unit, (unit.node.number, unit.node.ordinal)) for unit in finder.index.of_kind("article")
        ]
    else:
        parent = finder.at(".".join(start[:-1]))
        if parent is None:
            return None
        candidates = [(unit, (int(unit.key), 0)) for unit in parent.children if unit.key.isdecimal()]
    return [unit for unit, number in candidates if low <= number <= high] or None


def _number(key: str) -> tuple[int, int] | None:
    """(number, ordinal) of a key written 5, 17_1 or 8bis."""
    from .numerals import parse_ordinal

    match = _ARTICLE_KEY.fullmatch(key)
    if not match:
        return None
    if match.group(3):
        ordinal = parse_ordinal(match.group(3))
        return (int(match.group(1)), ordinal) if ordinal else None
    return int(match.group(1)), int(match.group(2) or 0)


def _shown(root: Unit, unit: Unit) -> list[Unit]:
    """The units that hold the text of `unit`: its leaves, or itself when it holds none (an
    article with no text is shown empty, not dropped). Everything is the root's leaves."""
    leaves = root.walk() if unit is root else unit.leaves()
    return [leaf for leaf in leaves if leaf.text] or [unit]


def _merged_order(columns: list[dict[str, Unit]]) -> list[str]:
    """Every ref once, level by level: the articles (and parts) in the first version's order,
    each another version adds placed after the one before it there (8 after 7, where the
    first lacks 8); then, within each, its paragraphs the same way."""
    heads: list[list[str]] = []
    below: dict[str, list[list[str]]] = {}
    whole: set[str] = set()  # keys that are refs themselves, not only the start of longer ones
    for refs in columns:
        groups: dict[str, list[str]] = {}
        for ref in refs:
            head, _, rest = ref.partition(".")
            groups.setdefault(head, [])
            if rest:
                groups[head].append(rest)
            else:
                whole.add(head)
        heads.append(list(groups))
        for head, rests in groups.items():
            below.setdefault(head, []).append(rests)
    order = []
    for head in _merged_keys(heads):
        if head in whole:
            order.append(head)
        order += [f"{head}.{rest}" for rest in _merged_order([dict.fromkeys(r) for r in below[head]])]
    return order


def _merged_keys(sequences: list[list[str]]) -> list[str]:
    """The keys of every sequence once: the first's order, and each key another adds placed
    after the key before it in that one (keys before any known one: before the first known one
    after them, or at the end). Then, where another sequence added an article (a numbered key:
    5, 8bis), the articles stand together by number: article 6 of the second after the first's
    4 and 5, and before its annex."""
    order: list[str] = []
    added: set[str] = set()
    for sequence in sequences:
        known = set(order)
        after: dict[str, list[str]] = {}  # a known key -> the new keys after it
        before: dict[str, list[str]] = {}  # a known key -> the new keys just before it
        anchor, leading = None, []
        for key in sequence:
            if key in known:
                if leading:
                    before[key], leading = leading, []
                anchor = key
            elif anchor is None:
                leading.append(key)
            else:
                after.setdefault(anchor, []).append(key)
        if known:
            added.update(key for keys in (*after.values(), *before.values(), leading) for key in keys)
        order = [k for key in order for k in (*before.get(key, ()), key, *after.get(key, ()))] + leading
    return _numbered_runs_in_order(order, added)


def _numbered_runs_in_order(order: list[str], added: set[str]) -> list[str]:
    """The articles (numbered keys) together and by number, where the first version's
    articles stand, when another version added one: what comes before and after them (a
    preamble, annexes, the signing) stays so."""
    numbered = [key for key in order if _number(key)]
    if not added.intersection(numbered):
        return order
    place = next((key for key in numbered if key not in added), numbered[0])
    out: list[str] = []
    for key in order:
        if key == place:
            out += sorted(numbered, key=_number)
        elif not _number(key):
            out.append(key)
    return out
