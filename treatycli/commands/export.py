"""`export [REF...]`: the document, or the units named, as JSON, JSON Lines, Markdown, Akoma
Ntoso XML or SQLite."""

from __future__ import annotations

from ..output import write
from .selection import load
from .settings import Settings


def run_export(
    settings: Settings,
    refs=(),
    export_format: str | None = None,
    output: str | None = None,
    force: bool = False,
    as_json: bool = False,
) -> int:
    """The document, or the units named, as json, jsonl, md, akn or sqlite: to stdout, or
    with -o written atomically to a file that is never overwritten without --force."""
    from ..export import MARKUP_FORMATS, choose_format, export_chunks, files
    from ..export.selection import select
    from ..grammar.read import read_requests

    chosen = choose_format(export_format, as_json, output)
    if output == "-":  # as most tools read it: standard output (choose_format refused sqlite)
        output = None
    references = read_requests(list(refs)) if refs else None  # fails before the document loads
    if output is not None:
        files.check_target(output, force)
    doc = load(settings, "export")
    if output is not None:
        files.check_not_source(output, doc)
    selection = select(doc, references)
    if chosen == "sqlite":
        from ..export.sqlite import write_sqlite

        files.write_atomically(output, lambda path: write_sqlite(selection, path), force)
    elif output is not None:
        files.write_chunks(output, export_chunks(chosen, selection), force)
    else:
        from ..output import clean, is_terminal, write_chunks

        if chosen in MARKUP_FORMATS and is_terminal():
            write(clean("".join(export_chunks(chosen, selection))))
        else:
            write_chunks(export_chunks(chosen, selection))
    return 0
