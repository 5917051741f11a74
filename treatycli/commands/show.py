"""`show REF...`: the text of each unit, with its reference; with --parallel, each unit of
every document read side by side (the authentic texts of a treaty in several languages)."""

from __future__ import annotations

from ..errors import TreatyError
from ..output import write
from .presentation import emit, renderer
from .selection import check_syntax, load_for_references, load_selected, selected
from .settings import Settings


def run_show(
    settings: Settings, refs=(), as_json: bool = False, parallel: bool = False, markdown: bool = False
) -> int:
    from ..grammar.read import read_requests
    from ..grammar.resolve import resolve_requests
    from ..units import build_units

    references = list(refs) or ["all"]
    check_syntax(references)  # a typo fails before any read
    if markdown and not parallel:
        raise TreatyError(
            "--markdown writes the table of --parallel: add --parallel, or leave --markdown out"
        )
    if parallel:
        return _run_parallel(settings, references, as_json, markdown)
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


def _run_parallel(settings: Settings, references: list[str], as_json: bool, markdown: bool) -> int:
    """Each document's units of the references, aligned by ref: a unit one version lacks is
    missing there, not an error; a reference no document has is one."""
    from ..errors import ReferenceNotFound
    from ..grammar.read import read_request
    from ..grammar.resolve import resolve_request
    from ..search import leaves_in_scope
    from ..units import build_units

    chosen = selected(settings)
    if len(chosen) < 2:
        raise TreatyError(
            "--parallel sets documents side by side: read two or more (--doc A --doc B, or --library)"
        )
    names, columns, failures = [], [], []
    for source in chosen:
        root = build_units(load_selected(settings, source))
        units = []
        for reference in references:
            try:
                units += resolve_request(root, read_request(reference))
            except ReferenceNotFound as failure:
                failures.append(failure)
        names.append(source.name)
        columns.append({leaf.ref: leaf for leaf in leaves_in_scope(root, units)})
    if not any(columns):
        raise failures[0]
    order: dict[str, None] = {}  # the first document's order, then what the others add
    for column in columns:
        order.update(dict.fromkeys(column))
    aligned = [(ref, [column.get(ref) for column in columns]) for ref in order]
    if markdown:
        write("\n".join(renderer("plain").parallel_markdown(names, aligned)))
        return 0
    emit(
        settings,
        as_json,
        lambda: renderer("records").parallel_records(names, aligned),
        lambda: [renderer("terminal").parallel_table(names, aligned)],
        lambda: renderer("plain").parallel_lines(names, aligned),
    )
    return 0
