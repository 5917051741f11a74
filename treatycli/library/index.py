"""The library's text index: each distinct unit text stored once, folded as grep folds it
with -i, in two FTS5 indexes (trigrams for patterns of three characters or more, single
Chinese characters for shorter ones) that narrow a search to candidate texts. The index never
decides a match: search.Matcher does, as for one document."""

from __future__ import annotations

import re
from collections import namedtuple

from ..script import HAN

TRIGRAM = 3  # the trigram index serves patterns at least this long
_BATCH = 500  # ids per IN (...) list: SQLite allows 999 parameters in some builds
_HAN_CHARACTERS = HAN  # compiled when used: 4 ms


class StoredUnit(namedtuple("StoredUnit", "doc position ref kind label text folded")):
    """A text unit as the library keeps it: `doc` is the document's name."""

    __slots__ = ()


def han_chars(folded: str) -> str:
    """The Chinese characters of a folded text, one token each, for the short-pattern index.
    Found a stretch at a time: findall makes a string of each (a 5 MB text: 130 MiB at once)."""
    pattern = re.compile(_HAN_CHARACTERS)
    parts = (
        " ".join(pattern.findall(folded, start, start + _HAN_STRETCH))
        for start in range(0, len(folded), _HAN_STRETCH)
    )
    return " ".join(part for part in parts if part)


_HAN_STRETCH = 1 << 16
_TEXTS_AT_ONCE = 2000  # distinct texts folded and indexed together: their copies are bounded


def add_units(db, source_id: int, leaves) -> None:
    """The units' rows, and each text not yet held stored and indexed: in batches, since
    a call into SQLite costs more than the work it does for one short unit, and bounded ones,
    since each text is folded and lowered on the way (copies of the text)."""
    from hashlib import sha1

    digests = [sha1(unit.text.encode("utf-8")).digest() for unit in leaves]
    known = _text_ids(db, digests)
    fresh = [(digest, unit.text) for digest, unit in zip(digests, leaves, strict=True) if digest not in known]
    fresh = list(dict(fresh).items())  # a text repeated in the document is stored once
    for start in range(0, len(fresh), _TEXTS_AT_ONCE):
        known.update(_add_texts(db, fresh[start : start + _TEXTS_AT_ONCE]))
    db.executemany(
        "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)",
        (
            (source_id, position, unit.ref, unit.kind, unit.label, known[digest])
            for position, (unit, digest) in enumerate(zip(leaves, digests, strict=True))
        ),
    )


def _add_texts(db, texts: list[tuple[bytes, str]]) -> dict[bytes, int]:
    """Store and index these (digest, text): their ids by digest."""
    from ..fold import fold_text, lower_text

    folded = {digest: fold_text(text) for digest, text in texts}
    db.executemany(
        "INSERT INTO texts (digest, text, folded) VALUES (?, ?, ?)",
        ((digest, text, folded[digest]) for digest, text in texts),
    )
    added = _text_ids(db, [digest for digest, _ in texts])
    lowered = {added[digest]: lower_text(text) for digest, text in folded.items()}
    del folded
    db.executemany("INSERT INTO grams (rowid, lowered) VALUES (?, ?)", lowered.items())
    db.executemany(
        "INSERT INTO han (rowid, chars) VALUES (?, ?)", ((i, han_chars(t)) for i, t in lowered.items())
    )
    return added


def _text_ids(db, digests: list[bytes]) -> dict[bytes, int]:
    found: dict[bytes, int] = {}
    unique = list(dict.fromkeys(digests))
    for start in range(0, len(unique), _BATCH):
        batch = unique[start : start + _BATCH]
        found.update(
            db.execute(
                f"SELECT digest, id FROM texts WHERE digest IN ({','.join('?' * len(batch))})", batch
            ).fetchall()
        )
    return found


def unindex(db, text_id: int, folded: str) -> None:
    """Take a text out of both indexes: they keep no copy of what they index, so deleting
    names the same content again."""
    from ..fold import lower_text

    lowered = lower_text(folded)
    db.execute("INSERT INTO grams (grams, rowid, lowered) VALUES ('delete', ?, ?)", (text_id, lowered))
    db.execute("INSERT INTO han (han, rowid, chars) VALUES ('delete', ?, ?)", (text_id, han_chars(lowered)))


# -- search ---------------------------------------------------------------------------


def candidate_texts(db, literals: list[str] | None) -> list[tuple[int, str, str]]:
    """(id, text, folded) of each distinct text the indexes say may hold one of `literals`
    (each folded as grep folds with -i: fold(pattern, ignore_case=True)); every text when
    `literals` is None (-E, which no index serves)."""
    if literals is None:
        return db.execute("SELECT id, text, folded FROM texts").fetchall()
    ids: set[int] = set()
    for literal in literals:
        ids |= _texts_holding(db, literal)
    return _texts(db, sorted(ids))


def _texts(db, ids: list[int]) -> list[tuple[int, str, str]]:
    rows = []
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        rows += db.execute(
            f"SELECT id, text, folded FROM texts WHERE id IN ({','.join('?' * len(batch))})", batch
        ).fetchall()
    return rows


def units_holding(db, text_ids, names: list[str] | None = None) -> list[tuple]:
    """(document, position, ref, kind, label, text id) of the units whose text is one of
    `text_ids`, in library order (document name, then position)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM wanted")
    db.executemany("INSERT INTO wanted VALUES (?)", ((text_id,) for text_id in text_ids))
    # CROSS JOIN keeps this order (SQLite would otherwise scan every unit for the few wanted),
    # and units_by_text covers the columns: no lookup in the units table per row. The units
    # are each source's: they go to each of its documents, and names and order are put on in
    # Python (a join and an ORDER BY in SQL cost more than the query).
    wanted = None if names is None else set(names)
    named: dict[int, list[str]] = {}  # source id -> the names of its documents
    for source_id, name in db.execute("SELECT source_id, name FROM documents"):
        if wanted is None or name in wanted:
            named.setdefault(source_id, []).append(name)
    query = "SELECT u.source_id, u.position, u.ref, u.kind, u.label, u.text FROM wanted w CROSS JOIN units u ON u.text = w.id"
    if names is not None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_sources (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM wanted_sources")
        db.executemany("INSERT INTO wanted_sources VALUES (?)", ((source,) for source in named))
        query += " CROSS JOIN wanted_sources s ON s.id = u.source_id"
    found = [(name, *row[1:]) for row in db.execute(query) for name in named.get(row[0], ())]
    found.sort(key=lambda row: (row[0], row[1]))
    return found


def candidates(db, literals: list[str] | None, names: list[str] | None = None) -> list[StoredUnit]:
    """The stored units whose text may hold one of `literals` (see candidate_texts), in
    library order."""
    texts = {text_id: (text, folded) for text_id, text, folded in candidate_texts(db, literals)}
    return [
        StoredUnit(doc, position, ref, kind, label, *texts[text_id])
        for doc, position, ref, kind, label, text_id in units_holding(db, texts, names)
    ]


def _texts_holding(db, literal: str) -> set[int]:
    """Ids of texts that may contain `literal`: a superset, never missing one that does."""
    pieces = [piece for piece in literal.split(" ") if piece]
    long_pieces = [piece for piece in pieces if len(piece) >= TRIGRAM]
    if long_pieces:
        grams = {piece[i : i + TRIGRAM] for piece in long_pieces for i in range(len(piece) - TRIGRAM + 1)}
        query = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in sorted(grams))
        return {row[0] for row in db.execute("SELECT rowid FROM grams WHERE grams MATCH ?", (query,))}
    chars = sorted(set(re.findall(_HAN_CHARACTERS, literal)))
    if chars and all(re.fullmatch(_HAN_CHARACTERS, ch) for piece in pieces for ch in piece):
        query = " AND ".join(f'"{ch}"' for ch in chars)
        return {row[0] for row in db.execute("SELECT rowid FROM han WHERE han MATCH ?", (query,))}
    # short and not all Chinese ("EU", "第1"): no index holds it, every text is a candidate
    return {row[0] for row in db.execute("SELECT id FROM texts")}


def search_library(library, matcher, need_spans: bool = True, max_count: int | None = None):
    """Hits per document (name order), as grep finds them in each document alone, for every
    mode but -w (whose word boundaries belong to each document). Each distinct text the
    indexes offer is matched once, however many units repeat it; without `need_spans` the
    hits carry no spans. `max_count` keeps each document's first hits, as -m does."""
    from ..search import Hit

    matched = {}  # text id -> (text, folded, spans)
    for text_id, text, folded in candidate_texts(library.db, matcher.index_literals()):
        spans = matcher.spans(text, folded) if need_spans else None
        if spans or (spans is None and matcher.matches(text, folded)):
            matched[text_id] = (text, folded, spans or [])
    found: dict[str, list] = {}
    for doc, position, ref, kind, label, text_id in units_holding(library.db, matched):
        text, folded, spans = matched[text_id]
        hits = found.setdefault(doc, [])
        if max_count is None or len(hits) < max_count:
            hits.append(Hit(StoredUnit(doc, position, ref, kind, label, text, folded), spans))
    return found


def candidates_by_document(library, matcher, names: list[str] | None = None) -> dict[str, list]:
    """The units of the library's documents (or those named) that the indexes say may match,
    per document in name order; `search.search` then decides, as for one document."""
    found: dict[str, list] = {}
    for unit in candidates(library.db, matcher.index_literals(), names):
        found.setdefault(unit.doc, []).append(unit)
    return found


def stored_units(library, name: str) -> list[StoredUnit]:
    """Every text unit of one document, in document order (context and -w need them all)."""
    rows = library.db.execute(
        "SELECT d.name, u.position, u.ref, u.kind, u.label, t.text, t.folded FROM units u"
        " JOIN documents d ON d.source_id = u.source_id JOIN texts t ON t.id = u.text WHERE d.name = ? ORDER BY u.position",
        (name,),
    )
    return [StoredUnit(*row) for row in rows]
