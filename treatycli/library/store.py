"""A library of documents in one SQLite file: each parsed once, all searchable together.

The library keeps each document's source bytes, its model (snapshot.py's record: loading a
document is reading it, not parsing its text again) and its text units once for all documents
of the same bytes and encoding, in tables of their own (a scan of the documents reads no text;
adding a copy writes one row), and each unit's text once however many sources repeat it
(index.py). This module opens the file and keeps the rows of documents and their sources;
migrations.py makes and upgrades the schema, ingest.py reads files into it.

SQLite's WAL journal lets a `grep` read while a `library add` writes; each document is added
in one transaction, so a reader sees it whole or not at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections import namedtuple

from ..errors import LibraryError, NameTaken
from ..paths import library_path
from .index import add_units, unindex
from .migrations import prepare
from .names import name_key

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another (two `library add` at once)
WRITE_CACHE_KIB = 64 * 1024  # SQLite's page cache for a run that may write
CHECKPOINT_PAGES = 16_384  # journal pages (64 MiB) before they are copied back into the library


def library_failure(error: sqlite3.DatabaseError, path: str | None, read_only: bool = False) -> LibraryError:
    """The one line that says why the library at `path` cannot be used, and the way out: for an
    error SQLite raised when the library was opened, or halfway through a command."""
    said = " ".join(str(error).split())  # one line, whatever a damaged page held
    if len(said) > 80:
        said = said[:80] + "…"
    if "not a database" in said:
        return LibraryError(
            f"{path} is not a treatycli library ({said}): move it away, or set TREATYCLI_LIBRARY"
        )
    if any(word in said for word in ("malformed", "corrupt", "no such table", "no such column", "decode")):
        return LibraryError(
            f"the library at {path} is damaged ({said}): move it away and add the documents again "
            "(treatycli library add PATH), or set TREATYCLI_LIBRARY to another file"
        )
    if "full" in said:  # SQLITE_FULL: "database or disk is full"
        return LibraryError(
            f"cannot write the library at {path}: {said}: free some space on its disk and run the command "
            "again (what it was writing is not in the library), or set TREATYCLI_LIBRARY to another disk"
        )
    if read_only or "readonly" in said:
        return LibraryError(
            f"the library at {path} is read-only here ({said}): run as its owner, or copy it and "
            "set TREATYCLI_LIBRARY"
        )
    return LibraryError(f"cannot use the library at {path} ({said}): set TREATYCLI_LIBRARY to another file")


class Entry(namedtuple("Entry", "name title language articles size added path sha256 short_title")):
    """A document in the library, as `library list` shows it: `title` the one it is cited by
    (given with `library add --title`, else its text's), `short_title` the one given with
    --short-title."""

    __slots__ = ()


class Library:
    """An open library. `create` makes the file (and its folder) when it is missing."""

    def __init__(self, path: str | None = None, create: bool = False):
        self.path = path or library_path()
        if self.path is None:
            raise LibraryError(
                "no home directory to keep the library in: set TREATYCLI_LIBRARY to a file's path"
            )
        self.renamed: list[tuple[str, str, str]] = []  # (old, new, why) names, by an upgrade
        exists = os.path.lexists(self.path)
        if exists and not os.path.isfile(self.path):
            raise LibraryError(
                f"the library at {self.path} is not a regular file: set TREATYCLI_LIBRARY to a file's path"
            )
        if not exists and not create:
            raise LibraryError(f"no library at {self.path}: add documents with `treatycli library add PATH`")
        if not exists:
            self._create_file()
        self.read_only = not os.access(self.path, os.W_OK) or not os.access(
            os.path.dirname(os.path.abspath(self.path)), os.W_OK
        )
        try:
            self.db = self._connect()
            prepare(self, create)
        except sqlite3.DatabaseError as error:
            raise self.failure(error) from None

    def _create_file(self) -> None:
        """The library's folder (private) and an empty file only its owner can read."""
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass  # another run made it first
        except OSError as error:
            raise LibraryError(
                f"cannot create the library at {self.path}: {error.strerror or error} "
                "(set TREATYCLI_LIBRARY to a writable place)"
            ) from None

    def _connect(self) -> sqlite3.Connection:
        """Read and write where the file and its folder allow it; else read only, through
        SQLite's immutable mode (a WAL journal cannot be opened in a folder it cannot write)."""
        if self.read_only:
            uri = (
                "file:" + os.path.abspath(self.path).replace("?", "%3f").replace("#", "%23") + "?immutable=1"
            )
            db = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            # WAL with NORMAL: a power cut may lose the last documents added, never corrupt the
            # file; FULL would wait for the disk after every document
            db.execute("PRAGMA synchronous = NORMAL")
            # adding touches index pages all over the file: keep them in memory (up to 64 MiB,
            # taken only as used) and copy the journal back less often (20% faster `library add`)
            db.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
            db.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        db.execute("PRAGMA foreign_keys = ON")
        return db

    def failure(self, error: sqlite3.DatabaseError) -> LibraryError:
        """The one line that says why the library cannot be used, and the way out."""
        return library_failure(error, self.path, self.read_only)

    def close(self) -> None:
        self.db.close()

    def writing(self) -> None:
        """Refuse to change a library this run can only read, in one line."""
        if self.read_only:
            raise self.failure(sqlite3.OperationalError("attempt to write a readonly database"))

    @property
    def built_by(self) -> str:
        return self.db.execute("SELECT value FROM meta WHERE key = 'built_by'").fetchone()[0]

    def transaction(self):
        self.writing()
        return _Transaction(self.db)

    # -- documents ------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        rows = self.db.execute(
            "SELECT name, coalesce(given_title, title), language, articles, size, added, path, sha256,"
            " short_title FROM documents ORDER BY name"
        )
        return [Entry(*row) for row in rows]

    def titles(self) -> dict[str, str | None]:
        """Each document's name and the title it is cited by."""
        return dict(self.db.execute("SELECT name, coalesce(given_title, title) FROM documents"))

    def naming(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        """Each document's name and what names it in a citation: (its text's title, the title
        it was given, the short title it was given)."""
        rows = self.db.execute("SELECT name, title, given_title, short_title FROM documents")
        return {name: (title, given, short) for name, title, given, short in rows}

    def given_titles(self, name: str) -> tuple[str | None, str | None]:
        """(title, short title) a document was given by `library add --title --short-title`."""
        row = self.db.execute(
            "SELECT given_title, short_title FROM documents WHERE name = ?", (name,)
        ).fetchone()
        return row or (None, None)

    def retitle(self, name: str, titles: tuple[str | None, str | None]) -> None:
        """Give a document a title and short title (see `_merged`)."""
        with self.transaction():
            kept = self.given_titles(name)
            self.db.execute(
                "UPDATE documents SET given_title = ?, short_title = ? WHERE name = ?",
                (*_merged(kept, titles), name),
            )

    def names(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM documents ORDER BY name")]

    def unit_count(self) -> int:
        return self.db.execute("SELECT coalesce(sum(units), 0) FROM documents").fetchone()[0]

    def has(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE name = ?", (name,)).fetchone() is not None

    def source(self, name: str) -> tuple[bytes, str, str | None]:
        """(source bytes, encoding, model) of a document: the model as JSON text (None when the
        document was stored without one), to be checked before it is used."""
        row = self.db.execute(
            "SELECT s.source, s.encoding, s.model FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE d.name = ?",
            (name,),
        ).fetchone()
        if row is None and self.has(name):  # only a damaged library has a document without its text
            raise LibraryError(
                f"the library holds no text for {name!r}: `treatycli library remove {name}`, then add it again"
            )
        if row is None:
            raise self.missing(name)
        return row

    def missing(self, name: str) -> LibraryError:
        names = self.names()
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        return LibraryError(
            f"no document {name!r} in the library: it has {shown or 'none'} (see `treatycli library list`)"
        )

    def add(self, name: str, path: str, data: bytes, doc, leaves, titles=None) -> None:
        """Store a parsed document and its text units, replacing one of the same name; in one
        transaction, so that a reader never sees half of it. `titles`: the (title, short
        title) it was given (see `_merged`)."""
        from datetime import datetime, timezone

        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        model = model_text(doc)
        with self.transaction():
            kept = self._replace(name, path)
            self.db.execute(
                "INSERT INTO sources (sha256, encoding, source, model) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (sha256, encoding) DO UPDATE SET model = excluded.model",
                (doc.source.sha256, doc.source.encoding, data, model),
            )
            (source_id,) = self.db.execute(
                "SELECT id FROM sources WHERE sha256 = ? AND encoding = ?",
                (doc.source.sha256, doc.source.encoding),
            ).fetchone()
            held = self.db.execute("SELECT 1 FROM units WHERE source_id = ? LIMIT 1", (source_id,)).fetchone()
            self.db.execute(
                "INSERT INTO documents (name, name_key, path, sha256, size, encoding, title, language, layout,"
                " articles, units, added, source_id, given_title, short_title)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, name_key(name), path, doc.source.sha256, len(data), doc.source.encoding, doc.title,
                 doc.language, doc.layout, len(doc.articles), len(leaves), added, source_id,
                 *_merged(kept, titles)),
            )  # fmt: skip
            if held is None:  # else another document of these bytes and encoding holds its units
                add_units(self.db, source_id, leaves)

    def copy(
        self, name: str, path: str, sha256: str, encoding: str, guessed: bool | None = None, titles=None
    ) -> bool:
        """Store a file whose bytes another document already holds in the same encoding,
        without parsing it again: the same bytes read into the same units, which its source
        holds. `guessed`, when given, must match the source's too (`library update` detects
        a guess again, and keeps a choice); `titles` as for `add`. False when there is no
        such document."""
        from datetime import datetime, timezone

        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        query = (
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE d.sha256 = ? AND d.encoding = ? AND d.name_key != ?"
        )
        parameters: tuple = (sha256, encoding, name_key(name))
        if guessed is not None:  # reads the model's JSON: only for the rare encodings that are guessed
            query += " AND coalesce(json_extract(s.model, '$.guessed'), 0) = ?"
            parameters += (int(guessed),)
        with self.transaction():  # looked up inside: another run may remove that document meanwhile
            found = self.db.execute(query, parameters).fetchone()
            if found is None:
                return False
            kept = self._replace(name, path)
            self.db.execute(
                "INSERT INTO documents (name, name_key, path, sha256, size, encoding, title, language, layout,"
                " articles, units, added, source_id, given_title, short_title) SELECT ?, ?, ?, sha256, size,"
                " encoding, title, language, layout, articles, units, ?, source_id, ?, ? FROM documents WHERE id = ?",
                (name, name_key(name), path, added, *_merged(kept, titles), found[0]),
            )
        return True

    def _replace(self, name: str, path: str) -> tuple[str | None, str | None]:
        """Make room for a file's document under `name`, inside the transaction that stores
        it: the earlier version of the same file goes (under this name, or one that differs
        from it only in case or width), another file's document never does. The (title, short
        title) the earlier version was given."""
        owner = self.db.execute(
            "SELECT name, path, given_title, short_title FROM documents WHERE name_key = ?", (name_key(name),)
        ).fetchone()
        if owner is None:
            return None, None
        if owner[1] != path:
            raise NameTaken(owner[0], owner[1])
        self._delete(owner[0])
        return owner[2], owner[3]

    def remove(self, name: str) -> None:
        with self.transaction():
            if not self._delete(name):
                raise self.missing(name)

    def _delete(self, name: str) -> bool:
        """Delete a document; its source and units when no other document has them, and the
        texts only they held (from the indexes too)."""
        owned = self.db.execute("SELECT id, source_id FROM documents WHERE name = ?", (name,)).fetchone()
        if owned is None:
            return False
        doc_id, source_id = owned
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        shared = self.db.execute(
            "SELECT 1 FROM documents WHERE source_id = ? LIMIT 1", (source_id,)
        ).fetchone()
        if source_id is None or shared is not None:
            return True
        held = [
            row[0]
            for row in self.db.execute("SELECT DISTINCT text FROM units WHERE source_id = ?", (source_id,))
        ]
        self.db.execute("DELETE FROM units WHERE source_id = ?", (source_id,))
        self.db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        for text_id in held:
            if self.db.execute("SELECT 1 FROM units WHERE text = ? LIMIT 1", (text_id,)).fetchone() is None:
                folded = self.db.execute("SELECT folded FROM texts WHERE id = ?", (text_id,)).fetchone()[0]
                unindex(self.db, text_id, folded)
                self.db.execute("DELETE FROM texts WHERE id = ?", (text_id,))
        return True

    def same_bytes(self) -> dict[str, str]:
        """Each document's name and what its units depend on (its source's SHA-256 and the
        encoding it was read in): documents with the same read into the same units."""
        return dict(self.db.execute("SELECT name, sha256 || ' ' || encoding FROM documents"))


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any failure (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise LibraryError(
                f"cannot change the library: {error} (another run may hold it; try again)"
            ) from None
        return self.db

    def __exit__(self, kind, value, traceback) -> bool:
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:  # SQLite may have rolled back already (a full disk)
            self.db.execute("ROLLBACK")
        return False


def _merged(kept: tuple, titles) -> tuple[str | None, str | None]:
    """The (title, short title) a document is stored with: each one given, else the one it had
    (`kept`); an empty one given takes it away."""
    given = titles or (None, None)
    return tuple((new or None) if new is not None else old for new, old in zip(given, kept, strict=True))


def model_text(doc) -> str:
    """A document's model as the library keeps it: snapshot.py's record, as compact JSON."""
    import json

    from ..snapshot import record

    return json.dumps(record(doc), ensure_ascii=False, separators=(",", ":"))
