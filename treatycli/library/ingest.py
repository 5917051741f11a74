"""Reading files into the library: parse a document once and store it, or store a copy of
bytes another document holds without parsing them; choose a free name; read every source
again for a new treatycli (rebuild). What `library add` and `update` do, less what they print."""

from __future__ import annotations

import os
from collections import namedtuple

from .. import __version__
from ..errors import NameTaken, TreatyError
from ..limits import DEFAULT_MAX_SIZE
from .index import add_units
from .names import check_name, name_for, name_key
from .store import model_text


class Added(namedtuple("Added", "status name path title articles")):
    """What `library add` or `update` did with one file: added, replaced, copied, unchanged,
    updated or missing."""

    __slots__ = ()


def document_digest(data: bytes) -> str:
    from hashlib import sha256

    return sha256(data).hexdigest()


def add_document(
    library,
    name: str,
    path: str,
    data: bytes,
    encoding: str | None = None,
    decoded: tuple | None = None,
    titles: tuple[str | None, str | None] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
):
    """Parse a document's bytes, as read from `path` (and decoded, when the caller has done
    that: loader.decode_source's answer), and store it under `name`, with the (title, short
    title) it was given (None: those of the document it replaces); the Document. A PDF's
    text is bounded by `max_size`, as the bytes were."""
    from ..loader import decode_source
    from ..loader.parse import parse_text
    from ..model import Source
    from ..search import leaves_in_scope
    from ..units import build_units

    text, used, guessed, pages = (
        decoded if decoded is not None else decode_source(data, path, encoding, max_size)
    )
    doc = parse_text(text, Source(path, data, used, guessed), pages)
    root = build_units(doc)
    library.add(check_name(name), os.path.abspath(path), data, doc, leaves_in_scope(root, [root]), titles)
    return doc


def add_file(library, path: str, name: str | None = None, encoding: str | None = None) -> str:
    """Read a file and store it under `name` (its file name's stem by default); the name."""
    from ..loader import read_bytes

    name = name or name_for(path)
    add_document(library, name, path, read_bytes(path, DEFAULT_MAX_SIZE), encoding)
    return name


def rebuild(library) -> int:
    """Parse every source again and index it anew: a treatycli of another version may read a
    text into other units. Returns how many documents were rebuilt."""
    from ..loader import decode_source
    from ..loader.parse import parse_text
    from ..model import Source
    from ..search import leaves_in_scope
    from ..units import build_units

    with library.transaction():
        # read inside the transaction: a document another run adds meanwhile keeps its units
        rows = library.db.execute(
            "SELECT min(d.name), s.source, s.encoding, s.id, json_extract(s.model, '$.guessed')"
            " FROM documents d JOIN sources s ON s.id = d.source_id GROUP BY s.id ORDER BY s.id"
        ).fetchall()
        library.db.execute("DELETE FROM units")
        library.db.execute("DELETE FROM texts")
        library.db.execute("INSERT INTO grams (grams) VALUES ('delete-all')")
        library.db.execute("INSERT INTO han (han) VALUES ('delete-all')")
        for name, data, encoding, source_id, guessed in rows:
            text, used, _, pages = decode_source(data, name, encoding)
            # read in the stored encoding, but a guess stays a guess (update detects it again)
            doc = parse_text(text, Source(name, data, used, bool(guessed)), pages)
            root = build_units(doc)
            leaves = leaves_in_scope(root, [root])
            library.db.execute(
                "UPDATE documents SET title = ?, language = ?, layout = ?, articles = ?, units = ?"
                " WHERE source_id = ?",
                (doc.title, doc.language, doc.layout, len(doc.articles), len(leaves), source_id),
            )
            library.db.execute("UPDATE sources SET model = ? WHERE id = ?", (model_text(doc), source_id))
            add_units(library.db, source_id, leaves)
        library.db.execute("UPDATE meta SET value = ? WHERE key = 'built_by'", (__version__,))
    return library.db.execute("SELECT count(*) FROM documents").fetchone()[0]


# -- `library add` and `update` ------------------------------------------------------------


def _name_taken_by_another(shelf, absolute: str):
    def taken(name: str) -> bool:
        row = shelf.db.execute("SELECT path FROM documents WHERE name_key = ?", (name_key(name),)).fetchone()
        return row is not None and row[0] != absolute

    return taken


def store_file(
    shelf,
    path: str,
    name: str | None,
    max_size: int,
    encoding: str | None,
    warn=lambda message: None,
    titles: tuple[str | None, str | None] | None = None,
) -> Added:
    """Store one file: under `name`, else a name from its file name that no other file holds.
    The file is read once; bytes another document holds already are copied, not parsed. The
    name is checked again as the document is stored: another run may have taken it since.
    `encoding` is the one to read it in (None: detect it); `warn(message)` is told of a guess;
    `titles` the (title, short title) it is given (None: it keeps those it had)."""
    from ..loader import read_bytes

    absolute = os.path.abspath(path)
    if name is not None:
        name = check_name(name)
    # a named encoding may hold NULs (UTF-16 without a BOM), as with --doc
    data = read_bytes(path, max_size, encoding is None, missing="check the path")
    digest = document_digest(data)
    for _attempt in range(_NAMING_ATTEMPTS):
        chosen = name or name_for(path, _name_taken_by_another(shelf, absolute))
        if name is not None:
            owner = shelf.db.execute(
                "SELECT name, path FROM documents WHERE name_key = ?", (name_key(name),)
            ).fetchone()
            if owner and owner[1] != absolute:
                raise NameTaken(owner[0], owner[1])
        try:
            status = _store(shelf, chosen, absolute, data, digest, encoding, warn, titles, max_size)
            break
        except NameTaken:
            if name is not None:
                raise
    else:
        raise TreatyError(f"{path}: other runs kept taking its name; add it again, or choose one with --name")
    title, articles = shelf.db.execute(
        "SELECT coalesce(given_title, title), articles FROM documents WHERE name = ?", (chosen,)
    ).fetchone()
    return Added(status, chosen, absolute, title, articles)


_NAMING_ATTEMPTS = 20  # names tried when other runs take each one first


def _store(
    shelf,
    name: str,
    absolute: str,
    data: bytes,
    digest: str,
    encoding: str | None,
    warn,
    titles,
    max_size: int,
) -> str:
    from ..loader import decode_source
    from ..loader.decode import starts_with_bom
    from ..loader.pdf import is_pdf

    known = shelf.db.execute(
        "SELECT sha256, path, encoding FROM documents WHERE name = ?", (name,)
    ).fetchone()
    if known and known[:2] == (digest, absolute) and encoding in (None, known[2]):
        if titles is not None:
            shelf.retitle(name, titles)
        return "unchanged"
    decoded = None
    if not encoding:  # a copy only of bytes read as these would be: never another file's --encoding
        # bytes another document read as UTF-8 are valid UTF-8, which detection reads them as
        # unless a byte-order mark says otherwise: no need to decode a copy (0.4 s per 100 MB)
        plain = not starts_with_bom(data) and not is_pdf(data)
        if plain and shelf.copy(name, absolute, digest, "utf-8", titles=titles):
            return "copied"  # the same bytes as a document already read: not parsed again
        decoded = decode_source(data, absolute, max_size=max_size)
        if decoded[1] != "utf-8" and shelf.copy(name, absolute, digest, decoded[1], decoded[2], titles):
            return "copied"
    doc = add_document(shelf, name, absolute, data, encoding, decoded, titles, max_size)
    if doc.source.guessed:
        warn(f"{absolute}: read as {doc.source.encoding}, a guess (pass --encoding to choose)")
    return "replaced" if known else "added"


def chosen_encoding(shelf, name: str) -> str | None:
    """The encoding a document was added with by --encoding, to read its file in again; None
    when it was found (a BOM, UTF-8) or guessed, so that it is found again: the file may have
    been saved anew in another."""
    import json

    _, encoding, model = shelf.source(name)
    try:
        guessed = json.loads(model)["guessed"] if model else True
    except (ValueError, TypeError, KeyError):
        guessed = True
    if guessed or encoding.lower().replace("_", "-").startswith("utf"):
        return None
    return encoding
