"""`export --format sqlite`: a database to open in `sqlite3` or Datasette and query with SQL.

Tables `documents`, `divisions` and `units` (one row per unit with text, the rows JSON Lines
gives), and `units_fts`, an FTS5 index over the units' text. Its tokenizer is `trigram`,
which finds any run of three or more characters in any script: Chinese has no spaces
between words for a word tokenizer to split on.
"""

from __future__ import annotations

import sqlite3

from ..errors import TreatyError
from ..render.records import unit_rows
from .selection import Selection, division_chain

SCHEMA = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    language TEXT NOT NULL,
    layout TEXT NOT NULL,
    title TEXT,
    session INTEGER
);
CREATE TABLE divisions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    number INTEGER,
    ordinal INTEGER NOT NULL,
    heading TEXT,
    title TEXT,
    parent TEXT,
    UNIQUE (document_id, ref)
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    article TEXT,
    paragraph INTEGER,
    division TEXT,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (document_id, ref)
);
"""
# trigram came with SQLite 3.34 (2020); older libraries index words instead.
_TOKENIZERS = ("trigram", "unicode61")


def write_sqlite(selection: Selection, path: str) -> None:
    """Create the database at `path`, a new file (the caller renames it into place)."""
    doc = selection.doc
    rows = list(unit_rows(doc, selection.full, selection.root))
    kept = {ref for row in rows for ref in division_chain(row["division"])}
    divisions = [d for d in doc.divisions if selection.whole or d.ref in kept]
    try:
        _fill(sqlite3.connect(path, isolation_level=None), doc, divisions, rows)
    except sqlite3.Error as error:
        raise TreatyError(f"cannot write the database: {error}") from None


def _fill(connection: sqlite3.Connection, doc, divisions, rows) -> None:
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a new file, renamed when complete
        connection.execute("BEGIN")
        _create(connection)
        connection.execute(
            "INSERT INTO documents (id, name, sha256, encoding, language, layout, title, session)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (doc.source.name, doc.source.sha256, doc.source.encoding, doc.language, doc.layout,
             doc.title, doc.session),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO divisions (document_id, ref, kind, number, ordinal, heading, title, parent)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            [(d.ref, d.kind, d.number, d.ordinal, d.heading, d.title, _parent(d.ref)) for d in divisions],
        )
        connection.executemany(
            "INSERT INTO units (document_id, ref, kind, article, paragraph, division, text, position)"
            " VALUES (1, :ref, :kind, :article, :paragraph, :division, :text, :position)",
            rows,
        )
        connection.execute("INSERT INTO units_fts (rowid, text) SELECT id, text FROM units")
        connection.execute("COMMIT")
    finally:
        connection.close()


def _create(connection: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    for tokenizer in _TOKENIZERS:
        try:
            connection.execute(
                "CREATE VIRTUAL TABLE units_fts USING fts5"
                f"(text, content='units', content_rowid='id', tokenize='{tokenizer}')"
            )
            return
        except sqlite3.OperationalError:
            continue
    raise TreatyError("this Python's SQLite has no FTS5 full-text index: export --format jsonl instead")


def _parent(ref: str) -> str | None:
    chain = division_chain(ref)
    return chain[-2] if len(chain) > 1 else None
