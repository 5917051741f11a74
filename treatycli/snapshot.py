"""A parsed document kept, so that a lookup neither imports nor runs the loader.

Reading a text means importing the loader, whose patterns take longer to compile than a
whole lookup, and running it. So a parsed document is kept as the export's record (the whole
model, serial.py) with its encoding and whether that was a guess: the built-in treaty's ships
in the package (data/builtin.model.json, written by tools/make_builtin_model.py; a test fails
when it is not what the loader makes now), other documents' go to the cache, under the
SHA-256 of their bytes, the encoding asked for, and a fingerprint of the code that read them.
A record is used only if every field has the type the reader expects and its text adds up to
the document's (every character but whitespace, counted and summed); otherwise the text is
read again, as if nothing were kept.
"""

from __future__ import annotations

import os

from . import __version__, cache
from .model import Document, Source
from .serial import document_from_record, model_record

FORMAT = "treatycli-model/1"
BUILTIN_MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "builtin.model.json")
MAX_RECORD_PER_BYTE = 12  # a record is a few times its text (JSON, Chinese escaped as UTF-8): bounds a read
# The code whose change changes what a text reads as: the loader and the model it makes.
_READERS = ("model.py", "numerals.py", "serial.py", "loader")


def sha256_hex(data: bytes) -> str:
    """hashlib's SHA-256 without OpenSSL's start-up where Python has its own (3.11: _sha256)."""
    try:
        from _sha256 import sha256
    except ImportError:
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256(data).hexdigest()


def _fingerprint() -> str:
    """What identifies the reading code as installed: its files' sizes and times, and the version."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__]
    for name in _READERS:
        path = os.path.join(here, name)
        paths = (
            [os.path.join(path, n) for n in sorted(os.listdir(path)) if n.endswith(".py")]
            if name == "loader"
            else [path]
        )
        for file in paths:
            info = os.stat(file)
            parts.append(f"{os.path.basename(file)}:{info.st_size}:{info.st_mtime_ns}")
    return sha256_hex("\n".join(parts).encode())


def _key(sha256: str, encoding: str | None) -> str:
    return sha256_hex(f"{sha256}\n{encoding or ''}\n{_fingerprint()}".encode())


def load(data: bytes, name: str, encoding: str | None, builtin: bool = False) -> Document | None:
    """The document these bytes were read into before, or None."""
    sha256 = sha256_hex(data)
    if builtin and encoding is None:
        record = cache.decode_json(_read_file(BUILTIN_MODEL), _fits)
    else:
        limit = MAX_RECORD_PER_BYTE * len(data) + 65536
        record = cache.read_json(f"model-{_key(sha256, encoding)}.json", limit, _fits)
    return from_record(record, data, name, sha256)


def from_record(record, data: bytes, name: str, sha256: str | None = None) -> Document | None:
    """The document a record (as `record` makes, checked by `_fits`, or None) holds for these
    bytes, or None when it holds another's or has another shape."""
    sha256 = sha256 or sha256_hex(data)
    if record is None or record["sha256"] != sha256:
        return None
    source = Source(name, data, record["encoding"], record["guessed"])
    source._sha256 = sha256
    try:
        doc = document_from_record(record["model"], source)
        text = data.decode(record["encoding"])
    except (KeyError, TypeError, ValueError, AttributeError, LookupError):  # UnicodeError is a ValueError
        return None
    return doc if _characters(text) == _characters("".join(doc.strings())) else None


def _characters(text: str) -> tuple[int, int]:
    """How many characters other than whitespace, and the sum of their code points: the loader
    keeps every such character of the text somewhere in the model, so a record whose text was
    changed (damaged, or written by hand) does not add up. About 20 ms a MB."""
    visible = "".join(text.split())
    return len(visible), sum(memoryview(visible.encode("utf-32-le")).cast("I"))


def from_json(text: str | None, data: bytes, name: str) -> Document | None:
    """The document a record kept as JSON text (in the library) holds for these bytes, or None."""
    return from_record(cache.decode_json(text, _fits), data, name)


def store(doc: Document, encoding: str | None) -> None:
    """Keep a document just read, for the next run that reads the same bytes."""
    cache.write_json(f"model-{_key(doc.source.sha256, encoding)}.json", record(doc))


def record(doc: Document) -> dict:
    return {
        "format": FORMAT,
        "sha256": doc.source.sha256,
        "encoding": doc.source.encoding,
        "guessed": doc.source.guessed,
        "model": model_record(doc),
    }


def _read_file(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError:
        return None


# -- the shape a record must have ----------------------------------------------------------------


def _text(value) -> bool:
    return isinstance(value, str)


def _optional(check):
    return lambda value: value is None or check(value)


def _number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _list(check):
    return lambda value: isinstance(value, list) and all(check(item) for item in value)


def _object(**fields):
    return lambda value: (
        isinstance(value, dict) and all(key in value and check(value[key]) for key, check in fields.items())
    )


_SIGNATORY = _object(role=_text, name=_text, note=_text)
_PARAGRAPHS = _list(
    _object(number=_number, text=_text, items=_list(_object(number=_number, label=_text, text=_text)))
)
_FRAGMENTS = _list(_object(line=_number, text=_text))
_MODEL = _object(
    language=_text,
    layout=_text,
    layout_decisions=_object(
        structure=_text,
        wrapped=lambda v: isinstance(v, bool),
        paragraphs=_text,
        indent=_number,
        headings=_optional(_text),
        separator=_optional(_text),
        numbering=_optional(_text),
        inserted=_texts,
        divisions=_texts,
        furniture=_texts,
        width=_number,
    ),  # fmt: skip
    notes=_texts,
    title=_optional(_text),
    session=_optional(_number),
    masthead=_texts,
    agenda=_list(_object(item=_number, title=_text)),
    letter=_optional(
        _object(
            date=_optional(_text),
            title=_text,
            paragraphs=_texts,
            signatories=_list(_SIGNATORY),
            annex_heading=_optional(_text),
        )
    ),  # fmt: skip
    preamble=_optional(
        _object(heading=_optional(_text), parties=_optional(_text), recitals=_texts, formula=_optional(_text))
    ),
    divisions=_list(
        _object(ref=_text, kind=_text, number=_optional(_number), heading=_text, title=_optional(_text))
    ),
    articles=_list(
        _object(
            number=_number,
            ordinal=_number,
            heading=_text,
            title=_optional(_text),
            division=_optional(_text),
            paragraphs=_PARAGRAPHS,
        )
    ),  # fmt: skip
    annexes=_list(
        _object(
            number=_number,
            heading=_text,
            paragraphs=_PARAGRAPHS,
            sections=_list(
                _object(number=_number, heading=_text, title=_optional(_text), paragraphs=_PARAGRAPHS)
            ),
        )
    ),  # fmt: skip
    resolution=_optional(
        _object(
            title=_text,
            author=_text,
            recitals=_texts,
            paragraphs=_PARAGRAPHS,
            closing=_texts,
            annex_heading=_optional(_text),
        )
    ),  # fmt: skip
    signing=_optional(
        _object(date=_optional(_text), place=_optional(_text), text=_text, witness=_optional(_text))
    ),
    signatories=_list(_SIGNATORY),
    furniture=_FRAGMENTS,
    unassigned=_FRAGMENTS,
)


def _fits(value) -> bool:
    return (
        isinstance(value, dict)
        and value.get("format") == FORMAT
        and _text(value.get("sha256"))
        and _text(value.get("encoding"))
        and isinstance(value.get("guessed"), bool)
        and _MODEL(value.get("model"))
    )
