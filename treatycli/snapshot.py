"""A parsed document kept, so that a lookup neither imports nor runs the loader.

Reading a text means importing the loader, whose patterns take longer to compile than a
whole lookup, and running it. So a parsed document is kept as the export's record (the whole
model, serial.py) with its encoding and whether that was a guess: the built-in treaty's ships
in the package (data/builtin.model.json, written by tools/make_builtin_model.py; a test fails
when it is not what the loader makes now), other documents' go to the cache, under the
SHA-256 of their bytes, the encoding asked for, and a fingerprint of the code that read them
(cache.Records keeps them). A record is used only if it has the model's shape (serial.py
checks it, as it reads it, against the declarations in model.py) and its strings are the ones
it was written with (their SHA-256, kept in it: the loader proved then that they hold the whole
text); otherwise the text is read again, as if nothing were kept. The digest costs a few
milliseconds a MB, where adding up the text's characters again cost a tenth of a second and
three copies of it.
"""

from __future__ import annotations

import codecs
import os

from . import cache
from .batches import batched
from .cache import sha256_hex
from .limits import DEFAULT_MAX_SIZE, too_large
from .model import Article, Document, Source, source_strings, stored
from .serial import (
    article_from_tuple,
    article_tuples,
    document_from_record,
    document_from_tuples,
    model_record,
    model_tuples,
)

FORMAT = "treatycli-model/2"
BUILTIN_MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "builtin.model.json")
# 512 articles a piece: a piece's tuples and its marshal bytes are made (and read) at once, and
# 2,048 articles' (CHUNK_ITEMS) were 1.6 MB beside a 5 MB document's model
KEPT = cache.Records(FORMAT, "model-", BUILTIN_MODEL, chunked="articles", piece_items=512)
MAX_RECORD_PER_BYTE = 12  # a record is a few times its text (JSON, Chinese escaped as UTF-8): bounds a read
# The code whose change changes what a text reads as: the loader and the model it makes.
READERS = ("model.py", "numerals.py", "serial.py", "loader")


def _key(sha256: str, encoding: str | None) -> str:
    return sha256_hex(f"{sha256}\n{encoding or ''}\n{cache.code_fingerprint(*READERS)}".encode())


def load(
    data: bytes, name: str, encoding: str | None, builtin: bool = False, max_size: int = DEFAULT_MAX_SIZE
) -> Document | None:
    """The document these bytes were read into before, or None. A PDF's text counts against
    `max_size` as when it is read (DocumentError), whatever was kept under a larger one."""
    sha256 = sha256_hex(data)
    if builtin and encoding is None:
        return from_record(KEPT.read_shipped(_fits), sha256, name)
    # loader.pdf.is_pdf, which the loader's own import of this would cycle
    return _cached(sha256, len(data), data[:5] == b"%PDF-", name, encoding, max_size)


def load_kept(digest, name: str, encoding: str | None, max_size: int = DEFAULT_MAX_SIZE) -> Document | None:
    """The document a file of this loader.Digest was read into before, or None, as `load`."""
    return _cached(digest.sha256, digest.size, digest.pdf, name, encoding, max_size)


def _cached(sha256: str, size: int, pdf: bool, name: str, encoding: str | None, max_size: int):
    # a PDF's text may be far larger than its compressed bytes: bounded by --max-size
    limit = MAX_RECORD_PER_BYTE * (max_size if pdf else size) + 65536
    record = KEPT.read_cached(_key(sha256, encoding), limit, _fits, item=article_from_tuple)
    if record is not None and record["encoding"] == "pdf":
        size = record.get("text_size")
        if type(size) is not int:
            return None
        if size > max_size:
            raise too_large(name, None, max_size, "its text is ")
    return from_record(record, sha256, name)


def from_record(record, sha256: str, name: str) -> Document | None:
    """The document a record (as `record` makes, checked by KEPT, or None) holds for the bytes
    of this SHA-256, or None when it holds another's, has another shape (reading it checks
    it) or strings other than those it was written with."""
    if record is None or record["sha256"] != sha256:
        return None
    source = Source(name, None, record["encoding"], record["guessed"], sha256)
    try:
        # the cache keeps the model as tuples (store), the package and the library as JSON (record)
        if "articles" in record:
            doc = document_from_tuples(_with_articles(record["model"], ()), source)
            # made as the cache read them (article_from_tuple), or tuples: marshal makes no Article
            doc.articles = [a if type(a) is Article else article_from_tuple(a) for a in record["articles"]]
        else:
            doc = document_from_record(record["model"], source)
        if record["encoding"] != "pdf":  # a PDF's text is its text layer, which only PDFium gives
            codecs.lookup(record["encoding"])
    except (KeyError, TypeError, ValueError, AttributeError, LookupError):
        return None
    return doc if record["strings"] == strings_digest(doc) else None


def strings_digest(doc: Document) -> str:
    """The SHA-256 of the model's strings, in order, each after a NUL but the first: what a
    kept record is checked against. Hashed about _DIGESTED_AT_ONCE characters at a time, not
    joined: the text is not held twice. (4,096 strings at a time joined and encoded 1.2 MB of
    a 5 MB document at once, and that set the peak of reading its kept model.)"""
    strings = source_strings(doc)
    # large from half a MB of characters: 1 to 3 bytes each in UTF-8
    digest = cache.sha256_hasher(large=sum(map(len, strings)) >= cache.LARGE // 2)
    for at, batch in enumerate(batched(strings, _DIGESTED_AT_ONCE)):
        joined = "\x00".join(batch)
        digest.update(("\x00" + joined if at else joined).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_DIGESTED_AT_ONCE = 1 << 15  # characters


def from_json(text: str | None, data: bytes, name: str) -> Document | None:
    """The document a record kept as JSON text (in the library) holds for these bytes, or None."""
    return from_record(KEPT.decode(text, _fits), sha256_hex(data), name)


def store(doc: Document, encoding: str | None, text_size: int | None = None) -> None:
    """Keep a document just read, for the next run that reads the same bytes; `text_size`, a
    PDF's text layer's size in bytes, is checked against --max-size when it is read back. The
    model is kept as tuples (serial.model_tuples), which take a third of the memory to read,
    its articles beside it (cache.Records writes them in pieces, and reads them a piece at a time)."""
    KEPT.write(_key(doc.source.sha256, encoding), kept_record(doc, text_size))


def kept_record(doc: Document, text_size: int | None = None) -> dict:
    """The record the cache keeps of a document: `record` with the model as tuples, and its
    articles under "articles", not in it, each made as it is written."""
    kept = record(doc, text_size, model_tuples)
    kept["articles"] = cache.Items(article_tuples(doc), len(doc.articles))
    return kept


_ARTICLES = [f.name for f in stored(Document._shape)].index("articles")


def _with_articles(model: tuple, articles) -> tuple:
    """The model's tuple with these articles in their place, as a tuple (model_tuples writes
    every list as one; the cache reads the articles back as a list)."""
    if type(model) is not tuple or len(model) <= _ARTICLES:
        raise ValueError("not a model's tuple")
    return (*model[:_ARTICLES], tuple(articles), *model[_ARTICLES + 1 :])


def record(doc: Document, text_size: int | None = None, model=model_record) -> dict:
    """The record of a document, its model written by `model`: the export's JSON record (as the
    package ships the built-in's and the library keeps each), or the cache's tuples."""
    source = doc.source
    fields = {"sha256": source.sha256, "encoding": source.encoding, "guessed": source.guessed}
    if text_size is not None:
        fields["text_size"] = text_size
    return KEPT.record({**fields, "strings": strings_digest(doc), "model": model(doc)})


def _fits(record: dict) -> bool:
    """What a record of the model holds besides its format: the bytes' SHA-256, how they were
    decoded, its strings' digest and the model, whose shape serial.py checks as it reads it (from_record)."""
    return (
        isinstance(record.get("sha256"), str)
        and isinstance(record.get("encoding"), str)
        and isinstance(record.get("guessed"), bool)
        and isinstance(record.get("strings"), str)
        and "model" in record
    )
