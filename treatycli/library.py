"""A library of documents in one SQLite file: each parsed once, all searchable together.

The library keeps each document's source bytes, its model (snapshot.py's record: loading a
document is reading it, not parsing its text again) and its text units once for all documents
of the same bytes and encoding, in tables of their own (a scan of the documents reads no text;
adding a copy writes one row), and each unit's text once however many sources repeat it (final
clauses, copies of one treaty in several collections). Two FTS5 indexes over the unit
texts, folded as grep folds them with -i (so that a text holding a pattern in any mode holds
its folded form there), narrow a search to candidates: trigrams for patterns of three
characters or more, single Chinese characters for shorter ones. The index never decides a
match: search.Matcher does, as for one document.

SQLite's WAL journal lets a `grep` read while a `library add` writes; each document is added
in one transaction, so a reader sees it whole or not at all.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import namedtuple

from . import __version__
from .errors import LibraryError, NameTaken

SCHEMA_VERSION = (
    3  # PRAGMA user_version: bumped when the tables change shape (2: sources; 3: units per source)
)
BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another (two `library add` at once)
WRITE_CACHE_KIB = 64 * 1024  # SQLite's page cache for a run that may write
CHECKPOINT_PAGES = 16_384  # journal pages (64 MiB) before they are copied back into the library
TRIGRAM = 3  # the trigram index serves patterns at least this long
_BATCH = 500  # ids per IN (...) list: SQLite allows 999 parameters in some builds
_HAN_CHARACTERS = (
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # compiled when used: 4 ms
)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
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
    source_id INTEGER REFERENCES sources(id)
);
CREATE INDEX documents_by_source ON documents(source_id);
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


class Entry(namedtuple("Entry", "name title language articles size added path sha256")):
    """A document in the library, as `library list` shows it."""

    __slots__ = ()


class StoredUnit(namedtuple("StoredUnit", "doc position ref kind label text folded")):
    """A text unit as the library keeps it: `doc` is the document's name."""

    __slots__ = ()


def library_path() -> str:
    """$TREATYCLI_LIBRARY, else $XDG_DATA_HOME/treatycli/library.db (an absolute XDG_DATA_HOME
    only, as the XDG spec says), else ~/.local/share/treatycli/library.db."""
    explicit = os.environ.get("TREATYCLI_LIBRARY")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "treatycli", "library.db")


def names_for(path: str) -> list[str]:
    """The names a file may go by, shortest first: its file name up to a dot, then up to the
    next (`treaty.zh.txt`: treaty, treaty.zh), so that two language versions, or two files of
    one name in different folders, can each have one."""
    pieces = [
        re.sub(r"[^A-Za-z0-9_-]+", "-", piece).strip("-_") for piece in os.path.basename(path).split(".")
    ]
    if not pieces[0]:
        return ["doc"]  # 条约.txt, .hidden: nothing of the name can be written in a name
    names = [".".join(p for p in pieces[:n] if p)[:64] for n in range(1, len(pieces) + 1)]
    names = [name for name in names if is_name(name)]
    if not names or names[0] != pieces[0]:  # 4.txt, preamble.txt: `show 4:2` must stay article 4
        names.insert(0, f"doc-{pieces[0]}"[:64])
    return list(dict.fromkeys(name for name in names if is_name(name)))


def name_for(path: str, taken=lambda name: False) -> str:
    """A document's short name from its file name (`bbnj-2023.zh.cleaned.txt` → `bbnj-2023`),
    longer where `taken(name)` says a shorter one is another's; a number after it at last."""
    names = names_for(path)
    for name in names:
        if not taken(name):
            return name
    number = 2
    while taken(f"{names[0]}-{number}"):
        number += 1
    return f"{names[0]}-{number}"


def is_name(text: str) -> bool:
    """Is `text` a name a document may have (in the library, or across the documents of a run)?
    Not one the reference grammar reads (4, 8bis, preamble, annex1): `4:2` is article 4.2."""
    return bool(_NAME.fullmatch(text)) and not reads_as_reference(text)


def reads_as_reference(text: str) -> bool:
    from .errors import ReferenceSyntaxError
    from .grammar.references import parse_reference

    try:
        parse_reference(text)
    except ReferenceSyntaxError:
        return False
    return True


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise LibraryError(
            f"cannot name a document {name!r}: use letters, digits, '.', '_' and '-' (e.g. --name unclos)"
        )
    if reads_as_reference(name):
        raise LibraryError(
            f"cannot name a document {name!r}: it reads as a reference ({name}:2 would be {name}.2); "
            f"choose another, e.g. --name doc-{name}"
        )
    return name


def han_chars(folded: str) -> str:
    """The Chinese characters of a folded text, one token each, for the short-pattern index."""
    return " ".join(re.findall(_HAN_CHARACTERS, folded))


class Library:
    """An open library. `create` makes the file (and its folder) when it is missing."""

    def __init__(self, path: str | None = None, create: bool = False):
        self.path = path or library_path()
        self.renamed: list[tuple[str, str]] = []  # (old, new) names, by an upgrade
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
            self._prepare(create)
        except sqlite3.DatabaseError as error:
            raise self._failure(error) from None

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

    def _failure(self, error: sqlite3.DatabaseError) -> LibraryError:
        if "not a database" in str(error) or "malformed" in str(error):
            return LibraryError(
                f"{self.path} is not a treatycli library ({error}): move it away, or set TREATYCLI_LIBRARY"
            )
        if self.read_only or "readonly" in str(error):
            return LibraryError(
                f"the library at {self.path} is read-only here ({error}): run as its owner, or copy it and "
                "set TREATYCLI_LIBRARY"
            )
        return LibraryError(f"cannot use the library at {self.path}: {error}")

    def close(self) -> None:
        self.db.close()

    def _prepare(self, create: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            if self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise LibraryError(
                    f"{self.path} is a database, but not a treatycli library: name another one"
                )
            if not create:  # an empty file, or one another run is making: never made by reading
                raise LibraryError(
                    f"the library at {self.path} is empty: add documents with `treatycli library add PATH`"
                )
            if self.read_only:
                raise self._failure(sqlite3.OperationalError("attempt to write a readonly database"))
            self.db.execute("PRAGMA journal_mode = WAL")
            with self.transaction():
                # a run that started at the same time may have made it while this one waited
                if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                    if self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                        raise LibraryError(
                            f"{self.path} is a database, but not a treatycli library: name another one"
                        )
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute("INSERT INTO meta VALUES ('built_by', ?)", (__version__,))
                    self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            version = SCHEMA_VERSION
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path} was written by a newer treatycli (schema {version}): upgrade treatycli"
            )
        if version == 1 and not self.read_only:
            self._upgrade(1, self._upgrade_from_1)
            version = 2
        if version == 2 and not self.read_only:
            self._upgrade(2, self._upgrade_from_2)
            version = SCHEMA_VERSION
        if version < SCHEMA_VERSION:  # only a library this run cannot write stays old
            raise LibraryError(
                f"the library at {self.path} has schema {version} and must be upgraded, which needs write "
                "access: run any treatycli command on it once as its owner, or copy it and set TREATYCLI_LIBRARY"
            )

    def _upgrade_from_1(self) -> None:
        """Schema 1 kept each document's bytes in its row and no model: move the bytes to
        `sources`, and mark the index as built by no version, so that opening the library
        reads every document again (app.open_library), once."""
        self.db.execute(_statement("CREATE TABLE sources"))
        self.db.execute(
            "INSERT OR IGNORE INTO sources (sha256, encoding, source) SELECT sha256, encoding, source FROM documents"
        )
        self.db.execute("ALTER TABLE documents DROP COLUMN source")  # SQLite 3.35 and later
        self.db.execute("UPDATE meta SET value = '' WHERE key = 'built_by'")
        self._rename_references()

    def _upgrade_from_2(self) -> None:
        """Schema 2 kept units per document, so that adding a copy wrote all its units again
        (into index pages all over the file: 2.5 ms a copy at 100 MB): keep them per source.
        The texts and their indexes stay; only a library due to be read again starts empty."""
        if "source_id" not in {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}:
            self.db.execute("ALTER TABLE documents ADD COLUMN source_id INTEGER REFERENCES sources(id)")
        self.db.execute(
            "UPDATE documents SET source_id = (SELECT s.id FROM sources s"
            " WHERE s.sha256 = documents.sha256 AND s.encoding = documents.encoding)"
        )
        self.db.execute(
            _statement("CREATE INDEX documents_by_source").replace("INDEX", "INDEX IF NOT EXISTS", 1)
        )
        self.db.execute("ALTER TABLE units RENAME TO units_2")
        self.db.execute("DROP INDEX IF EXISTS units_by_text")
        self.db.execute(_statement("CREATE TABLE units"))
        self.db.execute(_statement("CREATE INDEX units_by_text"))
        if self.built_by:  # the units are kept, one document's for each source
            self.db.execute(
                "INSERT INTO units SELECT d.source_id, u.position, u.ref, u.kind, u.label, u.text"
                " FROM units_2 u JOIN documents d ON d.id = u.doc"
                " WHERE d.source_id IS NOT NULL"
                " AND d.id IN (SELECT min(id) FROM documents GROUP BY source_id)"
            )
        self.db.execute("DROP TABLE units_2")

    def _upgrade(self, version: int, steps) -> None:
        """The upgrade from schema `version` to the next, in one transaction, done once however
        many runs open the library at the same time."""
        try:
            with self.transaction():
                if self.db.execute("PRAGMA user_version").fetchone()[0] == version:
                    steps()
                    self.db.execute(f"PRAGMA user_version = {version + 1}")
        except sqlite3.DatabaseError as error:
            raise LibraryError(
                f"cannot upgrade the library at {self.path} from schema {version} ({error}): "
                "add its documents to a new library (set TREATYCLI_LIBRARY)"
            ) from None

    def _rename_references(self) -> None:
        """Schema 1 let a document be named as a reference reads (4, preamble), which made
        `show 4:2` ambiguous: such a document is named doc-NAME now (renamed, for the notice)."""
        names = set(self.names())
        for name in sorted(names):
            if reads_as_reference(name):
                new = name_for(f"doc-{name}", lambda candidate: candidate in names)
                self.db.execute("UPDATE documents SET name = ? WHERE name = ?", (new, name))
                names.add(new)
                self.renamed.append((name, new))

    def writing(self) -> None:
        """Refuse to change a library this run can only read, in one line."""
        if self.read_only:
            raise self._failure(sqlite3.OperationalError("attempt to write a readonly database"))

    @property
    def built_by(self) -> str:
        return self.db.execute("SELECT value FROM meta WHERE key = 'built_by'").fetchone()[0]

    def rebuild(self) -> int:
        """Parse every source again and index it anew: a treatycli of another version may read a
        text into other units. Returns how many documents were rebuilt."""
        from .loader.decode import decode_bytes
        from .loader.parse import parse_text
        from .model import Source
        from .search import leaves_in_scope
        from .snapshot import record
        from .units import build_units

        with self.transaction():
            # read inside the transaction: a document another run adds meanwhile keeps its units
            rows = self.db.execute(
                "SELECT min(d.name), s.source, s.encoding, s.id, json_extract(s.model, '$.guessed')"
                " FROM documents d JOIN sources s ON s.id = d.source_id GROUP BY s.id ORDER BY s.id"
            ).fetchall()
            self.db.execute("DELETE FROM units")
            self.db.execute("DELETE FROM texts")
            self.db.execute("INSERT INTO grams (grams) VALUES ('delete-all')")
            self.db.execute("INSERT INTO han (han) VALUES ('delete-all')")
            for name, data, encoding, source_id, guessed in rows:
                text, used, _ = decode_bytes(data, name, encoding)
                # read in the stored encoding, but a guess stays a guess (update detects it again)
                doc = parse_text(text, Source(name, data, used, bool(guessed)))
                root = build_units(doc)
                leaves = leaves_in_scope(root, [root])
                self.db.execute(
                    "UPDATE documents SET title = ?, language = ?, layout = ?, articles = ?, units = ?"
                    " WHERE source_id = ?",
                    (doc.title, doc.language, doc.layout, len(doc.articles), len(leaves), source_id),
                )
                self.db.execute("UPDATE sources SET model = ? WHERE id = ?", (_json(record(doc)), source_id))
                self._add_units(source_id, leaves)
            self.db.execute("UPDATE meta SET value = ? WHERE key = 'built_by'", (__version__,))
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def transaction(self):
        self.writing()
        return _Transaction(self.db)

    # -- documents ------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        rows = self.db.execute(
            "SELECT name, title, language, articles, size, added, path, sha256 FROM documents ORDER BY name"
        )
        return [Entry(*row) for row in rows]

    def titles(self) -> dict[str, str | None]:
        return dict(self.db.execute("SELECT name, title FROM documents"))

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

    def add(self, name: str, path: str, data: bytes, doc, leaves) -> None:
        """Store a parsed document and its text units, replacing one of the same name; in one
        transaction, so that a reader never sees half of it."""
        from datetime import datetime, timezone

        from .snapshot import record

        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        model = _json(record(doc))
        with self.transaction():
            self._replace(name, path)
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
                "INSERT INTO documents (name, path, sha256, size, encoding, title, language, layout, articles,"
                " units, added, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, path, doc.source.sha256, len(data), doc.source.encoding, doc.title, doc.language,
                 doc.layout, len(doc.articles), len(leaves), added, source_id),
            )  # fmt: skip
            if held is None:  # else another document of these bytes and encoding holds its units
                self._add_units(source_id, leaves)

    def _add_units(self, source_id: int, leaves) -> None:
        """The units' rows, and each text not yet held stored and indexed: in batches, since
        a call into SQLite costs more than the work it does for one short unit."""
        from hashlib import sha1

        from .fold import fold_text, lower_text

        digests = [sha1(unit.text.encode("utf-8")).digest() for unit in leaves]
        known = self._text_ids(digests)
        fresh = {
            digest: unit.text for digest, unit in zip(digests, leaves, strict=True) if digest not in known
        }
        if fresh:
            folded = {digest: fold_text(text) for digest, text in fresh.items()}
            self.db.executemany(
                "INSERT INTO texts (digest, text, folded) VALUES (?, ?, ?)",
                ((digest, text, folded[digest]) for digest, text in fresh.items()),
            )
            added = self._text_ids(list(fresh))
            lowered = {added[digest]: lower_text(folded[digest]) for digest in fresh}
            self.db.executemany("INSERT INTO grams (rowid, lowered) VALUES (?, ?)", lowered.items())
            self.db.executemany(
                "INSERT INTO han (rowid, chars) VALUES (?, ?)",
                ((i, han_chars(t)) for i, t in lowered.items()),
            )
            known.update(added)
        self.db.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)",
            (
                (source_id, position, unit.ref, unit.kind, unit.label, known[digest])
                for position, (unit, digest) in enumerate(zip(leaves, digests, strict=True))
            ),
        )

    def _text_ids(self, digests: list[bytes]) -> dict[bytes, int]:
        found: dict[bytes, int] = {}
        unique = list(dict.fromkeys(digests))
        for start in range(0, len(unique), _BATCH):
            batch = unique[start : start + _BATCH]
            found.update(
                self.db.execute(
                    f"SELECT digest, id FROM texts WHERE digest IN ({','.join('?' * len(batch))})", batch
                ).fetchall()
            )
        return found

    def copy(self, name: str, path: str, sha256: str, encoding: str, guessed: bool | None = None) -> bool:
        """Store a file whose bytes another document already holds in the same encoding,
        without parsing it again: the same bytes read into the same units, which its source
        holds. `guessed`, when given, must match the source's too (`library update` detects
        a guess again, and keeps a choice). False when there is no such document."""
        from datetime import datetime, timezone

        added = datetime.now(timezone.utc).isoformat(timespec="seconds")
        query = (
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE d.sha256 = ? AND d.encoding = ? AND d.name != ?"
        )
        parameters: tuple = (sha256, encoding, name)
        if guessed is not None:  # reads the model's JSON: only for the rare encodings that are guessed
            query += " AND coalesce(json_extract(s.model, '$.guessed'), 0) = ?"
            parameters += (int(guessed),)
        with self.transaction():  # looked up inside: another run may remove that document meanwhile
            found = self.db.execute(query, parameters).fetchone()
            if found is None:
                return False
            self._replace(name, path)
            self.db.execute(
                "INSERT INTO documents (name, path, sha256, size, encoding, title, language, layout, articles, units,"
                " added, source_id) SELECT ?, ?, sha256, size, encoding, title, language, layout, articles, units, ?,"
                " source_id FROM documents WHERE id = ?",
                (name, path, added, found[0]),
            )
        return True

    def _replace(self, name: str, path: str) -> None:
        """Make room for a file's document under `name`, inside the transaction that stores
        it: the earlier version of the same file goes, another file's document never does."""
        owner = self.db.execute("SELECT path FROM documents WHERE name = ?", (name,)).fetchone()
        if owner is not None and owner[0] != path:
            raise NameTaken(name, owner[0])
        self._delete(name)

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
                self._unindex(text_id, folded)
                self.db.execute("DELETE FROM texts WHERE id = ?", (text_id,))
        return True

    def _unindex(self, text_id: int, folded: str) -> None:
        """Take a text out of both indexes: they keep no copy of what they index, so deleting
        names the same content again."""
        from .fold import lower_text

        lowered = lower_text(folded)
        self.db.execute(
            "INSERT INTO grams (grams, rowid, lowered) VALUES ('delete', ?, ?)", (text_id, lowered)
        )
        self.db.execute(
            "INSERT INTO han (han, rowid, chars) VALUES ('delete', ?, ?)", (text_id, han_chars(lowered))
        )

    # -- search ---------------------------------------------------------------------------

    def candidate_texts(self, literals: list[str] | None) -> list[tuple[int, str, str]]:
        """(id, text, folded) of each distinct text the indexes say may hold one of `literals`
        (each folded as grep folds with -i: fold(pattern, ignore_case=True)); every text when
        `literals` is None (-E, which no index serves)."""
        if literals is None:
            return self.db.execute("SELECT id, text, folded FROM texts").fetchall()
        ids: set[int] = set()
        for literal in literals:
            ids |= self._texts_holding(literal)
        return self._texts(sorted(ids))

    def _texts(self, ids: list[int]) -> list[tuple[int, str, str]]:
        rows = []
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            rows += self.db.execute(
                f"SELECT id, text, folded FROM texts WHERE id IN ({','.join('?' * len(batch))})", batch
            ).fetchall()
        return rows

    def units_holding(self, text_ids, names: list[str] | None = None) -> list[tuple]:
        """(document, position, ref, kind, label, text id) of the units whose text is one of
        `text_ids`, in library order (document name, then position)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT INTO wanted VALUES (?)", ((text_id,) for text_id in text_ids))
        # CROSS JOIN keeps this order (SQLite would otherwise scan every unit for the few wanted),
        # and units_by_text covers the columns: no lookup in the units table per row. The units
        # are each source's: they go to each of its documents, and names and order are put on in
        # Python (a join and an ORDER BY in SQL cost more than the query).
        wanted = None if names is None else set(names)
        named: dict[int, list[str]] = {}  # source id -> the names of its documents
        for source_id, name in self.db.execute("SELECT source_id, name FROM documents"):
            if wanted is None or name in wanted:
                named.setdefault(source_id, []).append(name)
        query = "SELECT u.source_id, u.position, u.ref, u.kind, u.label, u.text FROM wanted w CROSS JOIN units u ON u.text = w.id"
        if names is not None:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_sources (id INTEGER PRIMARY KEY)")
            self.db.execute("DELETE FROM wanted_sources")
            self.db.executemany("INSERT INTO wanted_sources VALUES (?)", ((source,) for source in named))
            query += " CROSS JOIN wanted_sources s ON s.id = u.source_id"
        found = [(name, *row[1:]) for row in self.db.execute(query) for name in named.get(row[0], ())]
        found.sort(key=lambda row: (row[0], row[1]))
        return found

    def same_bytes(self) -> dict[str, str]:
        """Each document's name and what its units depend on (its source's SHA-256 and the
        encoding it was read in): documents with the same read into the same units."""
        return dict(self.db.execute("SELECT name, sha256 || ' ' || encoding FROM documents"))

    def candidates(self, literals: list[str] | None, names: list[str] | None = None) -> list[StoredUnit]:
        """The stored units whose text may hold one of `literals` (see candidate_texts), in
        library order."""
        texts = {text_id: (text, folded) for text_id, text, folded in self.candidate_texts(literals)}
        return [
            StoredUnit(doc, position, ref, kind, label, *texts[text_id])
            for doc, position, ref, kind, label, text_id in self.units_holding(texts, names)
        ]

    def _texts_holding(self, literal: str) -> set[int]:
        """Ids of texts that may contain `literal`: a superset, never missing one that does."""
        pieces = [piece for piece in literal.split(" ") if piece]
        long_pieces = [piece for piece in pieces if len(piece) >= TRIGRAM]
        if long_pieces:
            grams = {piece[i : i + TRIGRAM] for piece in long_pieces for i in range(len(piece) - TRIGRAM + 1)}
            query = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(grams))
            return {
                row[0] for row in self.db.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (query,))
            }
        chars = sorted(set(re.findall(_HAN_CHARACTERS, literal)))
        if chars and all(re.fullmatch(_HAN_CHARACTERS, ch) for piece in pieces for ch in piece):
            query = " AND ".join(f'"{ch}"' for ch in chars)
            return {row[0] for row in self.db.execute("SELECT rowid FROM han WHERE han MATCH ?", (query,))}
        # short and not all Chinese ("EU", "第1"): no index holds it, every text is a candidate
        return {row[0] for row in self.db.execute("SELECT id FROM texts")}


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
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_digest(data: bytes) -> str:
    from hashlib import sha256

    return sha256(data).hexdigest()


def add_document(
    library: Library,
    name: str,
    path: str,
    data: bytes,
    encoding: str | None = None,
    decoded: tuple[str, str, bool] | None = None,
):
    """Parse a document's bytes, as read from `path` (and decoded, when the caller has done
    that: decode_bytes's answer), and store it under `name`; the Document."""
    from .loader.decode import decode_bytes
    from .loader.parse import parse_text
    from .model import Source
    from .search import leaves_in_scope
    from .units import build_units

    text, used, guessed = decoded if decoded is not None else decode_bytes(data, path, encoding)
    doc = parse_text(text, Source(path, data, used, guessed))
    root = build_units(doc)
    library.add(check_name(name), os.path.abspath(path), data, doc, leaves_in_scope(root, [root]))
    return doc


def add_file(library: Library, path: str, name: str | None = None, encoding: str | None = None) -> str:
    """Read a file and store it under `name` (its file name's stem by default); the name."""
    from .limits import DEFAULT_MAX_SIZE
    from .loader import read_bytes

    name = name or name_for(path)
    add_document(library, name, path, read_bytes(path, DEFAULT_MAX_SIZE), encoding)
    return name


def search_library(library: Library, matcher, need_spans: bool = True, max_count: int | None = None):
    """Hits per document (name order), as grep finds them in each document alone, for every
    mode but -w (whose word boundaries belong to each document). Each distinct text the
    indexes offer is matched once, however many units repeat it; without `need_spans` the
    hits carry no spans. `max_count` keeps each document's first hits, as -m does."""
    from .search import Hit

    matched = {}  # text id -> (text, folded, spans)
    for text_id, text, folded in library.candidate_texts(matcher.index_literals()):
        spans = matcher.spans(text) if need_spans else None
        if spans or (spans is None and matcher.matches(text, folded)):
            matched[text_id] = (text, folded, spans or [])
    found: dict[str, list] = {}
    for doc, position, ref, kind, label, text_id in library.units_holding(matched):
        text, folded, spans = matched[text_id]
        hits = found.setdefault(doc, [])
        if max_count is None or len(hits) < max_count:
            hits.append(Hit(StoredUnit(doc, position, ref, kind, label, text, folded), spans))
    return found


def candidates_by_document(library: Library, matcher, names: list[str] | None = None) -> dict[str, list]:
    """The units of the library's documents (or those named) that the indexes say may match,
    per document in name order; `search.search` then decides, as for one document."""
    found: dict[str, list] = {}
    for unit in library.candidates(matcher.index_literals(), names):
        found.setdefault(unit.doc, []).append(unit)
    return found


def stored_units(library: Library, name: str) -> list[StoredUnit]:
    """Every text unit of one document, in document order (context and -w need them all)."""
    rows = library.db.execute(
        "SELECT d.name, u.position, u.ref, u.kind, u.label, t.text, t.folded FROM units u"
        " JOIN documents d ON d.source_id = u.source_id JOIN texts t ON t.id = u.text WHERE d.name = ? ORDER BY u.position",
        (name,),
    )
    return [StoredUnit(*row) for row in rows]
