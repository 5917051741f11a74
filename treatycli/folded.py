"""The folded text of a document's units, kept: what grep matches a pattern in.

Folding (fold.py) is most of what grep costs on a large document, about 0.06 s a MB without
the map back to the source (fold_text) and twice that with it, and the text it folds does not
change between runs. So a large document's units are folded once, as fold_text folds them, and
kept in the cache (cache.Records) under the units they fold and the folding code; grep then
tests each unit in its kept text, and folds with the map only the units that match, for their
spans. A document with less text than KEPT_FROM is folded afresh: reading a record would cost
more. A record holds None for a text that folding leaves as it is (most Chinese): reading it
then makes no copy of that text. It is used only if it holds one text (or None) per unit (the
cache's checksum says it is the file written).
"""

from __future__ import annotations

import os

from . import cache
from .units import Unit

FORMAT = "treatycli-folded/2"
KEPT = cache.Records(
    FORMAT, "folded-", os.devnull, stamped=True, chunked="texts"
)  # nothing ships: the built-in is small
KEPT_FROM = 200_000  # characters of text: below this, folding every unit takes a few milliseconds
# The code whose change changes a folded text: folding, its tables, what counts as wide.
FOLDERS = ("fold.py", "script.py", os.path.join("data", "t2s.txt"))


def folded_texts(units: list[Unit]) -> list[str] | None:
    """fold_text of each unit's text, in order: kept from an earlier run, else folded now and
    kept; None for a document too small to keep them for (grep folds as it goes)."""
    texts = [unit.text or "" for unit in units]
    if sum(map(len, texts)) < KEPT_FROM:
        return None
    key = _key(units)
    limit = (1 << 16) + sum(6 * 18 * len(text) + 4 for text in texts)  # NFKC makes at most 18 of one
    record = KEPT.read_cached(key, limit, lambda record: _fits(record, len(texts)))
    if record is not None:
        return _or_own(texts, record["texts"])
    from .fold import fold_text

    kept = [
        None if folded == text else folded for text, folded in zip(texts, map(fold_text, texts), strict=True)
    ]
    KEPT.write(key, KEPT.record({"texts": kept}, key))
    return _or_own(texts, kept)


def _or_own(texts: list[str], kept: list[str | None]) -> list[str]:
    """The folded texts, a text's own where folding changes nothing (kept as None): not an
    equal copy of it, which would be held too."""
    return [text if folded is None else folded for text, folded in zip(texts, kept, strict=True)]


def _key(units: list[Unit]) -> str:
    from .words import units_digest

    return cache.sha256_hex(f"{units_digest(units)}\n{cache.code_fingerprint(*FOLDERS)}".encode())


def _fits(record: dict, count: int) -> bool:
    texts = record.get("texts")
    return (
        isinstance(texts, list)
        and len(texts) == count
        and all(text is None or type(text) is str for text in texts)
    )
