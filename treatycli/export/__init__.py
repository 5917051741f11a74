"""`treatycli export`: the document, or the units named, in a form other tools read.

One module per job: `selection` (which units), `markdown`, `akn` and `sqlite` (the formats
that are not JSON), `files` (writing a file atomically). JSON and JSON Lines records are in
`render.records`, with the other documented field names. None of them imports typer or rich.
"""

from __future__ import annotations

from ..errors import TreatyError
from .selection import Selection

FORMATS = ("json", "jsonl", "md", "akn", "sqlite")
MARKUP_FORMATS = ("md", "akn")  # text as it stands, not escaped as JSON escapes it


def choose_format(export_format: str | None, as_json: bool, output: str | None) -> str:
    """The format asked for (json by default); `--json` is `--format json`."""
    if as_json and export_format not in (None, "json"):
        raise TreatyError(
            f"--json means --format json: give one of them, not both with --format {export_format}"
        )
    chosen = export_format or "json"
    if chosen not in FORMATS:
        raise TreatyError(f"--format takes {', '.join(FORMATS)}, not {chosen!r}")
    if chosen == "sqlite" and output in (None, "-"):
        raise TreatyError("--format sqlite writes a database file, not to standard output: give -o FILE")
    return chosen


def export_text(export_format: str, selection: Selection) -> str:
    """The text of a text format (every format but sqlite)."""
    return "".join(export_chunks(export_format, selection))


def export_chunks(export_format: str, selection: Selection):
    """The text of a text format in pieces: JSON and JSON Lines a record at a time, made as
    they are written (the whole model's records of a 5 MB document took 80 MiB at once)."""
    from ..render import records

    doc = selection.doc
    if export_format == "json":
        from ..output import json_chunks

        record = (
            _streamed_export_record(doc)
            if selection.whole
            else records.selection_record(doc, selection.named)
        )
        yield from json_chunks(record)
        yield "\n"
    elif export_format == "jsonl":
        from ..output import to_json_line

        for row in records.unit_rows(doc, selection.full, selection.root):
            yield to_json_line(row) + "\n"
    elif export_format == "md":
        from .markdown import markdown_chunks

        yield from markdown_chunks(selection)
    else:
        from datetime import date

        from .akn import akn_chunks

        yield from akn_chunks(selection, date.today())


def _streamed_export_record(doc):
    """export_record(doc), its articles' records made as they are written."""
    from ..model import Document
    from ..render import records
    from ..serial import record

    shell = Document.__new__(Document)  # the document without its articles: its head is small
    for name in Document.__slots__:
        setattr(shell, name, getattr(doc, name))
    shell.articles = []
    whole = records.export_record(shell)
    whole["articles"] = map(record, doc.articles)  # in its place among the fields
    return whole
