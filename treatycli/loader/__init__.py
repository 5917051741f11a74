"""Bytes on disk → a Document, whatever the layout; the built-in treaty when no path is given."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import sys
from collections import namedtuple

from ..cache import LARGE, sha256_hasher
from ..errors import DocumentError
from ..limits import DEFAULT_MAX_SIZE, too_large
from ..model import Document, Source
from .decode import OPENING, check_opening, decode_bytes
from .pdf import is_pdf, pdf_pages

BUILTIN_NAME = "ru-tj-allied-cooperation-1999.zh.txt"
BUILTIN_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", BUILTIN_NAME)
STDIN = "-"
_BLOCK = 1 << 16  # read in blocks, so that a huge input is refused early and Ctrl-C is heard


def _read_blocks(read, name: str, limit: int, check_binary: bool = True, size: int = 0) -> bytes:
    """Read to the end in blocks: refuse binary from the first block (unless the encoding was
    named: UTF-16 without a BOM is full of NULs), stop past `limit`. A file's `size`, when
    known, is read as one block: joining many would hold the text twice."""
    blocks: list[bytes] = []
    total = 0
    while True:
        block = read(size + 1 if size and not blocks else _BLOCK)
        if not block:
            return b"".join(blocks)
        if not blocks and check_binary:
            check_opening(block[:OPENING], name)
        total += len(block)
        if total > limit:
            raise too_large(name, None, limit)
        blocks.append(block)


class Digest(namedtuple("Digest", "sha256 size pdf")):
    """What a file's bytes are, read without holding them: their SHA-256, their size, and
    whether they are a PDF (whose text may be larger than its bytes)."""

    __slots__ = ()


def read_bytes(
    path: str,
    max_size: int,
    check_binary: bool = True,
    missing: str = "check the path, or omit --doc for the built-in treaty",
) -> bytes:
    """The bytes of a regular file (or of standard input for `-`), at most `max_size` of them.
    Devices, FIFOs and sockets are refused: they can be endless or never answer. `missing` is
    the way out when there is no such file (`library add` has no built-in to fall back on)."""
    if path == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise DocumentError("standard input is closed: give --doc a file, or pipe a text in")
        return _read_blocks(stream.read, "standard input", max_size, check_binary)
    with _regular_file(path, max_size, missing) as (file, size):
        return _read_blocks(file.read, path, max_size, check_binary, size)


def file_digest(path: str, max_size: int, check_binary: bool = True) -> Digest:
    """A regular file's Digest, read a block at a time, with the checks read_bytes makes: a
    lookup in a document whose model was kept needs its SHA-256, not its bytes (5 MB held for
    a hash were most of what a lookup in a 5 MB document took)."""
    total, head = 0, b""
    with _regular_file(path, max_size) as (file, size):
        digest = sha256_hasher(large=size >= LARGE)
        while block := file.read(_DIGEST_BLOCK):
            if not head:
                head = block[:OPENING]
                if check_binary:
                    check_opening(head, path)
            total += len(block)
            if total > max_size:
                raise too_large(path, None, max_size)
            digest.update(block)
    return Digest(digest.hexdigest(), total, is_pdf(head))


_DIGEST_BLOCK = 1 << 20


@contextlib.contextmanager
def _regular_file(
    path: str, max_size: int, missing: str = "check the path, or omit --doc for the built-in treaty"
):
    """(the open file, its size) of a regular file of at most `max_size` bytes, else a
    DocumentError that says what it is instead and the way out."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file ({missing})") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied (make the file readable, or copy it)") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot open it ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path} is a directory: give the path of a treaty text file")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                f"{path} is not a regular file (a device, pipe or socket): save the text to a file "
                "(--doc also reads it piped in: --doc -)"
            )
        if info.st_size > max_size:
            raise too_large(path, info.st_size, max_size)
        with os.fdopen(fd, "rb", closefd=False) as file:
            yield file, info.st_size
    except OSError as error:
        raise DocumentError(f"{path}: cannot read it ({error.strerror or error})") from None
    finally:
        os.close(fd)


def load_document(
    path: str | os.PathLike | None = None,
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    digest: Digest | None = None,
) -> Document:
    """Load a treaty text; None means the built-in treaty that ships with the package, "-"
    standard input. `max_size` bounds what is read, in bytes. A file's model kept from an
    earlier run is found by its Digest (`digest`, if the caller has it), without its bytes."""
    from .. import snapshot

    name = source_name(path)
    file = os.fspath(path) if path is not None else BUILTIN_PATH
    if path is None or file == STDIN:
        read = [read_bytes(file, max_size, check_binary=encoding is None)]
        doc = snapshot.load(read[0], name, encoding, path is None, max_size)
        # the bytes handed over, to go as they are read (read_document's argument would hold them)
        return doc or _kept(_parsed(read.pop(), name, encoding, max_size), encoding)
    digest = digest or file_digest(file, max_size, check_binary=encoding is None)
    doc = snapshot.load_kept(digest, name, encoding, max_size)
    if doc is not None:
        return doc
    parsed = _parsed(read_bytes(file, max_size, check_binary=encoding is None), name, encoding, max_size)
    return _kept(parsed, encoding)


def source_name(path: str | os.PathLike | None) -> str:
    """The name a document read from `path` goes by: the path as given, "standard input" for
    `-`, the built-in treaty's file name for None."""
    if path is None:
        return BUILTIN_NAME
    file = os.fspath(path)
    return "standard input" if file == STDIN else file


def decode_source(data: bytes, name: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE):
    """(text, encoding, guessed, pages) of a document's bytes: a PDF's text layer, its pages
    joined by a line break (encoding "pdf"; `pages` the text of each), or the bytes decoded
    (decode.py; `pages` None). A PDF's text is Unicode: an encoding named for it is refused;
    its text counts against `max_size` as a text file's bytes do."""
    if is_pdf(data):
        if encoding not in (None, "pdf"):  # "pdf": what the library records a PDF was read as
            raise DocumentError(
                f"{name} is a PDF, and --encoding {encoding} applies to text files: leave --encoding out for it"
            )
        pages = pdf_pages(data, name, max_size)
        return "\n".join(pages), "pdf", False, pages
    text, used, guessed = decode_bytes(data, name, encoding)
    return text, used, guessed, None


def read_document(
    data: bytes, name: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Document:
    """Decode and parse bytes into a Document, and keep it for the next run (snapshot.py)."""
    return _kept(_parsed(data, name, encoding, max_size), encoding)


def _kept(parsed: tuple[Document, int | None], encoding: str | None) -> Document:
    """The document _parsed made, kept for the next run that reads the same bytes."""
    from .. import snapshot

    doc, text_size = parsed
    snapshot.store(doc, encoding, text_size)
    return doc


def _parsed(data: bytes, name: str, encoding: str | None, max_size: int) -> tuple[Document, int | None]:
    """(the Document, its text's size in bytes if it is a PDF's text layer). The bytes and the
    text go as soon as they are read (unless the caller holds them): keeping the model would
    otherwise hold them too."""
    from .lines import split_lines
    from .parse import parse_lines  # not at import: fold.py and others import loader.lines alone

    text, used, guessed, pages = decode_source(data, name, encoding, max_size)
    source = Source(name, data, used, guessed)
    del data
    text_size = len(text.encode("utf-8", "surrogatepass")) if used == "pdf" else None
    # Parsing makes a tuple or two per line and frees nothing: the cyclic garbage collector
    # would only rescan them, again and again, on a large document.
    collecting = gc.isenabled()
    gc.disable()
    try:
        lines = [split_lines(text)]
        del text  # the lines hold it now, and parse_lines lets them go before it is done
        return parse_lines(lines.pop(), source, pages), text_size
    finally:
        if collecting:
            gc.enable()
