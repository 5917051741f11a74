"""`show REF...`: the text of each unit, with its reference."""

from __future__ import annotations

from .presentation import emit, renderer
from .selection import check_syntax, load_for_references
from .settings import Settings


def run_show(settings: Settings, refs=(), as_json: bool = False) -> int:
    from ..grammar.read import read_requests
    from ..grammar.resolve import resolve_requests
    from ..units import build_units

    references = list(refs) or ["all"]
    check_syntax(references)  # a typo fails before any read
    shown = [
        (name, resolve_requests(build_units(doc), read_requests(refs)))  # a citation's title is checked here
        for name, doc, refs in load_for_references(settings, references)
    ]
    emit(
        settings,
        as_json,
        lambda: [renderer("records").unit_record(u, name) for name, units in shown for u in units],
        lambda: [r for name, units in shown for r in renderer("terminal").unit_renderables(units, name)],
        lambda: [line for name, units in shown for line in renderer("plain").unit_lines(units, name)],
    )
    return 0 if any(units for _, units in shown) else 1
