"""The library's schema, made in a new library, and the upgrades of a library an older
treatycli wrote (schema 1: bytes in each document's row; 2: units per document; 3: names
compared as written, no titles given), each in one transaction, done once however many runs
open the library at the same time."""

from __future__ import annotations

import sqlite3

from .. import __version__
from ..errors import LibraryError
from .names import name_for, name_key, reads_as_reference

# PRAGMA user_version: bumped when the tables change shape (2: sources; 3: units per source;
# 4: a name's key, and the title and short title given to a document)
SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    name_key TEXT,
    path TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    title TEXT,
    language TEXT,
    layout TEXT,
    articles INTEGER NOT NULL,
    units INTEGER NOT NULL,
    added TEXT NOT NULL,
    source_id INTEGER REFERENCES sources(id),
    given_title TEXT,
    short_title TEXT
);
CREATE INDEX documents_by_source ON documents(source_id);
CREATE UNIQUE INDEX documents_by_key ON documents(name_key);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    source BLOB NOT NULL,
    model TEXT,
    UNIQUE (sha256, encoding)
);
CREATE TABLE texts (id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, text TEXT NOT NULL, folded TEXT NOT NULL);
CREATE TABLE units (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    ref TEXT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    text INTEGER NOT NULL REFERENCES texts(id),
    PRIMARY KEY (source_id, position)
) WITHOUT ROWID;
CREATE INDEX units_by_text ON units(text, source_id, position, ref, kind, label);
CREATE VIRTUAL TABLE grams USING fts5(lowered, content='', tokenize='trigram', detail=none);
CREATE VIRTUAL TABLE han USING fts5(chars, content='', tokenize='unicode61', detail=none);
"""


def _statement(opening: str) -> str:
    """One statement of the schema, by how it begins (upgrades make tables as new ones are)."""
    return _SCHEMA[_SCHEMA.index(opening) :].split(";")[0]


def prepare(library, create: bool) -> None:
    """Make the schema in a new library (`create`), upgrade one an older treatycli wrote, and
    refuse a newer one, or a database that is not a library."""
    version = library.db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        if library.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise LibraryError(f"{library.path} is a database, but not a treatycli library: name another one")
        if not create:  # an empty file, or one another run is making: never made by reading
            raise LibraryError(
                f"the library at {library.path} is empty: add documents with `treatycli library add PATH`"
            )
        if library.read_only:
            raise library.failure(sqlite3.OperationalError("attempt to write a readonly database"))
        library.db.execute("PRAGMA journal_mode = WAL")
        with library.transaction():
            # a run that started at the same time may have made it while this one waited
            if library.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                if library.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise LibraryError(
                        f"{library.path} is a database, but not a treatycli library: name another one"
                    )
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        library.db.execute(statement)
                library.db.execute("INSERT INTO meta VALUES ('built_by', ?)", (__version__,))
                library.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        version = SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"{library.path} was written by a newer treatycli (schema {version}): upgrade treatycli"
        )
    if version == 1 and not library.read_only:
        _upgrade(library, 1, _upgrade_from_1)
        version = 2
    if version == 2 and not library.read_only:
        _upgrade(library, 2, _upgrade_from_2)
        version = 3
    if version == 3 and not library.read_only:
        _upgrade(library, 3, _upgrade_from_3)
        version = SCHEMA_VERSION
    if version == SCHEMA_VERSION:
        _check_tables(library)
    if version < SCHEMA_VERSION:  # only a library this run cannot write stays old
        raise LibraryError(
            f"the library at {library.path} has schema {version} and must be upgraded, which needs write "
            "access: run any treatycli command on it once as its owner, or copy it and set TREATYCLI_LIBRARY"
        )


def _upgrade_from_1(library) -> None:
    """Schema 1 kept each document's bytes in its row and no model: move the bytes to
    `sources`, and mark the index as built by no version, so that opening the library
    reads every document again (commands.selection.open_library), once."""
    library.db.execute(_statement("CREATE TABLE sources"))
    library.db.execute(
        "INSERT OR IGNORE INTO sources (sha256, encoding, source) SELECT sha256, encoding, source FROM documents"
    )
    library.db.execute("ALTER TABLE documents DROP COLUMN source")  # SQLite 3.35 and later
    library.db.execute("UPDATE meta SET value = '' WHERE key = 'built_by'")
    _rename_references(library)


def _upgrade_from_2(library) -> None:
    """Schema 2 kept units per document, so that adding a copy wrote all its units again
    (into index pages all over the file: 2.5 ms a copy at 100 MB): keep them per source.
    The texts and their indexes stay; only a library due to be read again starts empty."""
    if "source_id" not in {row[1] for row in library.db.execute("PRAGMA table_info(documents)")}:
        library.db.execute("ALTER TABLE documents ADD COLUMN source_id INTEGER REFERENCES sources(id)")
    library.db.execute(
        "UPDATE documents SET source_id = (SELECT s.id FROM sources s"
        " WHERE s.sha256 = documents.sha256 AND s.encoding = documents.encoding)"
    )
    library.db.execute(
        _statement("CREATE INDEX documents_by_source").replace("INDEX", "INDEX IF NOT EXISTS", 1)
    )
    library.db.execute("ALTER TABLE units RENAME TO units_2")
    library.db.execute("DROP INDEX IF EXISTS units_by_text")
    library.db.execute(_statement("CREATE TABLE units"))
    library.db.execute(_statement("CREATE INDEX units_by_text"))
    if library.built_by:  # the units are kept, one document's for each source
        library.db.execute(
            "INSERT INTO units SELECT d.source_id, u.position, u.ref, u.kind, u.label, u.text"
            " FROM units_2 u JOIN documents d ON d.id = u.doc"
            " WHERE d.source_id IS NOT NULL"
            " AND d.id IN (SELECT min(id) FROM documents GROUP BY source_id)"
        )
    library.db.execute("DROP TABLE units_2")


def _upgrade_from_3(library) -> None:
    """Schema 3 compared names as written, so that `Foo` and `foo` could both be names, and
    kept no title given to a document: each name gets its key (a later document whose key an
    earlier one has is renamed, for the notice), and the columns for the titles."""
    columns = {row[1] for row in library.db.execute("PRAGMA table_info(documents)")}
    for column in ("name_key", "given_title", "short_title"):
        if column not in columns:
            library.db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")
    rows = library.db.execute("SELECT id, name FROM documents ORDER BY id").fetchall()
    keys = {name_key(name) for _, name in rows}
    seen: set[str] = set()
    for doc_id, name in rows:
        key = name_key(name)
        if key in seen:
            number = 2
            while name_key(new := f"{name}-{number}") in keys:
                number += 1
            library.renamed.append((name, new, "names that differ only in case or width are one name now"))
            name, key = new, name_key(new)
            keys.add(key)
        seen.add(key)
        library.db.execute("UPDATE documents SET name = ?, name_key = ? WHERE id = ?", (name, key, doc_id))
    library.db.execute(
        _statement("CREATE UNIQUE INDEX documents_by_key").replace("INDEX", "INDEX IF NOT EXISTS", 1)
    )


_TABLES = ("meta", "documents", "sources", "texts", "units", "grams", "han")


def _check_tables(library) -> None:
    """A library with a table missing (damaged, or changed by hand) is an error that says so
    when it is opened, not a failure halfway through a command."""
    held = {row[0] for row in library.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [table for table in _TABLES if table not in held]
    if missing:
        raise LibraryError(
            f"the library at {library.path} is damaged (no table {missing[0]}): move it away and add the "
            "documents again (treatycli library add PATH), or set TREATYCLI_LIBRARY to another file"
        )


def _upgrade(library, version: int, steps) -> None:
    """The upgrade from schema `version` to the next, in one transaction, done once however
    many runs open the library at the same time."""
    try:
        with library.transaction():
            if library.db.execute("PRAGMA user_version").fetchone()[0] == version:
                steps(library)
                library.db.execute(f"PRAGMA user_version = {version + 1}")
    except sqlite3.DatabaseError as error:
        raise LibraryError(
            f"cannot upgrade the library at {library.path} from schema {version} ({error}): "
            "add its documents to a new library (set TREATYCLI_LIBRARY)"
        ) from None


def _rename_references(library) -> None:
    """Schema 1 let a document be named as a reference reads (4, preamble), which made
    `show 4:2` ambiguous: such a document is named doc-NAME now (renamed, for the notice)."""
    names = set(library.names())
    for name in sorted(names):
        if reads_as_reference(name):
            new = name_for(f"doc-{name}", lambda candidate: candidate in names)
            library.db.execute("UPDATE documents SET name = ? WHERE name = ?", (new, name))
            names.add(new)
            library.renamed.append((name, new, f"{name}:2 reads as a reference"))
