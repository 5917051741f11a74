"""`cite [REF...]`: a citation of each reference, to paste into a memo; `show` reads it back."""

from __future__ import annotations

from ..errors import TreatyError
from .presentation import emit, renderer
from .selection import check_syntax, load_for_references, load_selected, selected
from .settings import Settings


def run_cite(
    settings: Settings,
    refs=(),
    style: str | None = None,
    numerals: str = "arabic",
    no_date: bool = False,
    quote: bool = False,
    as_json: bool = False,
) -> int:
    """A citation for each reference (a list or range in one argument is cited compactly);
    the document as a whole when none is given."""
    from ..grammar.read import read_requests
    from ..grammar.resolve import Finder
    from ..grammar.write import NUMERALS, STYLES, CiteOptions, Writer
    from ..units import build_units

    if style is not None and style not in STYLES:
        raise TreatyError(f"--style takes {', '.join(STYLES)}, not {style!r}")
    if numerals not in NUMERALS:
        raise TreatyError(f"--numerals takes arabic or chinese, not {numerals!r}")
    if quote and style == "md":
        raise TreatyError("--style md quotes the text already: give --quote or --style md, not both")
    references = list(refs)
    check_syntax(references)  # a typo fails before any read
    if references:
        targets = load_for_references(settings, references)
    else:  # the document as a whole; across documents, each of them
        chosen = selected(settings)
        targets = [(s.name if len(chosen) > 1 else None, load_selected(settings, s), []) for s in chosen]
    options = CiteOptions(style, numerals, not no_date, quote)
    cited = []  # (document name or None, citation)
    for name, doc, refs in targets:
        root = build_units(doc)
        writer = Writer(root, options)
        finder = Finder(root)
        groups = [_cited_units(root, request, finder) for request in read_requests(refs)] or [[root]]
        cited += [
            (name, check_read_back(root, writer.cite(units), units, finder)) for units in groups if units
        ]
    citations = [citation for _, citation in cited]
    emit(
        settings,
        as_json,
        lambda: [renderer("records").citation_record(c, name) for name, c in cited],
        lambda: renderer("terminal").citation_renderables(citations),
        lambda: renderer("plain").citation_lines(citations),
        soft_wrap=True,
    )
    return 0 if citations else 1


def _cited_units(root, request, finder) -> list:
    """The units a request cites: the document itself for `all` or for its title alone (a
    title that is not the document's is an error, as for every command), else what it names."""
    from ..grammar.resolve import resolve_request

    units = resolve_request(root, request, finder)
    if request.whole and not (request.how == "alone" and [u.kind for u in units] == ["division"]):
        return [root]  # 物权编 alone is a division, not the document
    return units


def check_read_back(root, citation, units: list, finder=None):
    """The citation, once it and its pinpoint (`short`, which --json prints) read back to
    exactly the units cited: `cite` never prints what `show` would read as other units (an
    item cited by its number where that number, in brackets, is another item's label)."""
    if not any(unit.kind == "item" for unit in units):
        # articles, paragraphs and parts are cited by number and read back by it (the round
        # trip is tested for every form); an item may be cited by a number that is another
        # item's label: those are checked, at the cost of reading the citation again
        return citation
    from ..grammar.read import MAX_CITATION_CHARS, read_request
    from ..grammar.references import Reference, resolve
    from ..grammar.resolve import resolve_request

    expected = resolve(root, Reference(("all",))) if units == [root] else list(dict.fromkeys(units))
    # a citation longer than one in a sentence (100 articles listed) is read back by its ref
    texts = [t for t in (citation.citation, citation.short) if len(t) <= MAX_CITATION_CHARS] or [citation.ref]
    for text in dict.fromkeys(texts):
        try:
            found = resolve_request(root, read_request(text), finder)
        except TreatyError as failure:
            found, why = None, str(failure)
        else:
            why = "reads back as " + (", ".join(unit.ref for unit in found) or "nothing")
        if found != expected:
            raise TreatyError(
                f"cannot cite {citation.ref} unambiguously: {text!r} {why}; "
                f"give its reference ({citation.ref}) instead of a citation"
            )
    return citation
