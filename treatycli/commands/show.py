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
    from ..units import build_units, one_at_a_time

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
        lambda: (
            renderer("records").unit_record(u, name) for name, units in shown for u in one_at_a_time(units)
        ),
        lambda: [r for name, units in shown for r in renderer("terminal").unit_renderables(units, name)],
        lambda: (
            line for name, units in shown for line in renderer("plain").unit_lines(one_at_a_time(units), name)
        ),
    )
    return 0 if any(units for _, units in shown) else 1


def _run_parallel(settings: Settings, references: list[str], as_json: bool, markdown: bool) -> int:
    """Each document's units of the references, aligned by ref: a unit one version lacks is
    missing there, not an error; a reference no document has is one (parallel.py)."""
    from ..grammar.read import read_request
    from ..parallel import align
    from ..units import build_units

    chosen = selected(settings)
    if len(chosen) < 2:
        raise TreatyError(
            "--parallel sets documents side by side: read two or more (--doc A --doc B, or --library)"
        )
    if markdown and as_json:
        raise TreatyError("--markdown and --json each choose what to print: give one of them")
    names = [source.name for source in chosen]
    roots = [build_units(load_selected(settings, source)) for source in chosen]
    requests = [read_request(reference) for reference in _unqualified(references, names)]
    aligned = align(names, roots, requests)
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


def _unqualified(references: list[str], names: list[str]) -> list[str]:
    """The references without the name of a document of the run before them (`es:3`, as grep
    prints a hit across documents): --parallel shows each in every document. Each once."""
    from .selection import name_before, qualified

    known = set(names)
    unqualified = []
    for reference in references:
        name, rest = qualified(reference, known.__contains__)
        if name is None and (other := name_before(reference)) is not None:
            raise TreatyError(
                f"{other!r} is not one of the documents set side by side ({', '.join(names)}): "
                f"give the reference without it, or read that document too (--doc)"
            )
        unqualified.append(rest)
    return list(dict.fromkeys(unqualified))
