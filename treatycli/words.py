"""Word boundaries for `grep -w`: jieba's segmentation of every unit, once per document.

jieba takes about a second to start, so its result is kept: for the built-in treaty in the
package (data/builtin.words.json), for other documents in the user's cache directory, both keyed by the SHA-256 of the unit texts it segmented. The cache is
JSON, written to a temporary file and renamed into place, in a directory only the user can
read: nothing in it can run code when read.
segment.py does the segmenting, and is imported only on a cache miss.
"""

from __future__ import annotations

import json
import os

from . import __version__
from .units import Unit

FORMAT = "treatycli-words/1"
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def cache_dir() -> str:
    """$TREATYCLI_CACHE_DIR, else $XDG_CACHE_HOME/treatycli, else ~/.cache/treatycli."""
    explicit = os.environ.get("TREATYCLI_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "treatycli")


BUILTIN_WORDS = os.path.join(_DATA, "builtin.words.json")


def units_digest(units: list[Unit]) -> str:
    """What a segmentation depends on: the refs and texts of the units, nothing else."""
    from hashlib import sha256

    digest = sha256()
    for unit in units:
        if unit.text:
            digest.update(f"{unit.ref}\t{unit.text}\n".encode())
    return digest.hexdigest()


def _cache_path(sha256: str) -> str:
    return os.path.join(cache_dir(), f"words-{sha256}.json")


def _read(path: str, sha256: str) -> dict[str, list[int]] | None:
    try:
        with open(path, encoding="utf-8") as file:
            record = json.load(file)
    except (OSError, ValueError):
        return None
    if (
        not isinstance(record, dict)
        or record.get("format") != FORMAT
        or record.get("sha256") != sha256
        or record.get("treatycli") != __version__
        or not isinstance(record.get("units"), dict)
    ):
        return None
    return record["units"]


def _write(path: str, record: dict) -> None:
    """Atomically: a reader sees the old file or the new one, never half of one."""
    import tempfile

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".words-", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def boundaries(units: list[Unit], progress=None) -> dict[str, set[int]]:
    """Offsets where a word starts or ends, per unit ref, for all of a document's text units;
    jieba runs only on a cache miss. `progress(True)`/`progress(False)` bracket the slow part,
    for a spinner."""
    sha256 = units_digest(units)
    lengths = _read(BUILTIN_WORDS, sha256) or _read(_cache_path(sha256), sha256)
    if lengths is None:
        if progress:
            progress(True)
        try:
            folder = cache_dir()
            os.makedirs(folder, mode=0o700, exist_ok=True)
            from .segment import segment

            lengths, names = segment(units, folder)
        finally:
            if progress:
                progress(False)
        _write(_cache_path(sha256), record(sha256, lengths, names))
    edges = {}
    for ref, sizes in lengths.items():
        offset, points = 0, {0}
        for size in sizes:
            offset += size
            points.add(offset)
        edges[ref] = points
    return edges


def record(sha256: str, lengths: dict[str, list[int]], names: list[str]) -> dict:
    return {"format": FORMAT, "treatycli": __version__, "sha256": sha256, "names": names, "units": lengths}
