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
    from ..grammar.resolve import resolve_request
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
        groups = [[root] if r.whole else resolve_request(root, r) for r in read_requests(refs)] or [[root]]
        cited += [(name, writer.cite(units)) for units in groups if units]
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
