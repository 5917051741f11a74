"""The per-user cache of derived data (documents' models, jieba's segmentation and
dictionary, summaries): an optimisation that can never change an answer. `Records` is the one
way a kind of record of documents is kept, read back and pruned.

When the directory cannot be made, is not private (a symlink, another owner, writable by
others) or cannot be written, reads find nothing and writes do nothing, silently. What is
read must be a regular file of bounded size, and is handed to the caller's validator before
it is used: a cache is never trusted to be well-formed. Writes go to a temporary file that is
renamed into place, and that is removed whatever stops the write (Ctrl-C included).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice

from . import __version__
from .errors import TreatyError

# Files are opened relative to the directory's descriptor, never by a path that could be
# swapped for a symlink between the check and the use.
_SUPPORTED = {os.open, os.rename, os.unlink} <= os.supports_dir_fd  # os.replace is os.rename's twin
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
# O_NONBLOCK: a FIFO put in a cache file's place must not block the open
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
# a directory that others can write to could hold files we did not write
_WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


def location() -> str | None:
    """$TREATYCLI_CACHE_DIR, else the user's cache directory for treatycli (paths.py: on Linux
    $XDG_CACHE_HOME/treatycli if absolute, else ~/.cache/treatycli); None when there is no home."""
    from .paths import cache_dir

    return cache_dir()


def _open_directory(create: bool) -> int | None:
    """A descriptor of the cache directory if it is ours alone, else None."""
    path = location()
    if path is None or not _SUPPORTED:
        return None
    try:
        if create:
            os.makedirs(path, mode=0o700, exist_ok=True)
        descriptor = os.open(path, _DIRECTORY_FLAGS)
    except (OSError, ValueError):  # ValueError: a NUL in the variable
        return None
    try:
        info = os.fstat(descriptor)
        private = (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == os.geteuid()
            and not info.st_mode & _WRITABLE_BY_OTHERS
        )
    except OSError:
        private = False
    if not private:
        os.close(descriptor)
        return None
    return descriptor


def sha256_hasher(data: bytes = b"", large: bool = False):
    """A SHA-256 hash object, to be fed more with update(): for `large` data (or `data` of
    LARGE bytes or more) OpenSSL's (hashlib: 0.6 ms a MB, 7 ms to import), else Python's own
    where it has one (3.11: _sha256; 5 ms a MB, nothing to import)."""
    if large or len(data) >= LARGE:
        from hashlib import sha256

        return sha256(data)
    try:
        from _sha256 import sha256
    except ImportError:
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256(data)


LARGE = 1 << 20


def sha256_hex(data: bytes) -> str:
    return sha256_hasher(data).hexdigest()


def code_fingerprint(*names: str) -> str:
    """What identifies the code a kind of record is made by, as installed: the version and the
    size and time of each file named (relative to the package; a folder: its .py files)."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = [__version__]
    for name in names:
        path = os.path.join(here, name)
        files = (
            [os.path.join(path, n) for n in sorted(os.listdir(path)) if n.endswith(".py")]
            if os.path.isdir(path)
            else [path]
        )
        for file in files:
            info = os.stat(file)
            parts.append(f"{os.path.relpath(file, here)}:{info.st_size}:{info.st_mtime_ns}")
    return sha256_hex("\n".join(parts).encode())


def read_bytes(name: str, limit: int) -> bytes | bytearray | None:
    """The content of the cache file `name`, if it is a regular file of ours of at most
    `limit` bytes; None otherwise."""
    with _cached_file(name, limit) as read:
        data = None if read is None else read(read.left)
    return data or None


@contextlib.contextmanager
def _cached_file(name: str, limit: int):
    """A FileReader of the cache file `name`, if it is a regular file of ours of at most
    `limit` bytes, else None."""
    directory = _open_directory(create=False)
    if directory is None:
        yield None
        return
    try:
        handle = os.open(name, _READ_FLAGS, dir_fd=directory)
    except OSError:
        yield None
        return
    finally:
        os.close(directory)
    try:
        reader = None
        with contextlib.suppress(OSError):
            info = os.fstat(handle)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and info.st_size <= limit:
                with contextlib.suppress(OSError):
                    os.utime(handle)  # used now: pruning removes the least recently used first
                reader = FileReader(handle, info.st_size)
        yield reader
    finally:
        os.close(handle)


_PREADV = hasattr(os, "preadv")  # Linux, the BSDs, macOS 11 on; pread is every Unix's


class FileReader:
    """read(n): the next n bytes of a file of `size` bytes, in one buffer (never a join of
    copies), or b"" where fewer are left (a length a file cannot hold is not allocated) or
    reading fails; line(most): the first line, of at most `most` bytes. `left`: the bytes
    not read yet (a file that grew after its size was taken is not read past it)."""

    __slots__ = ("handle", "size", "at", "left")

    def __init__(self, handle: int, size: int):
        self.handle, self.size, self.at, self.left = handle, size, 0, size

    def __call__(self, size: int):
        if not 0 <= size <= self.left:
            return b""
        buffer = self.read_at(self.at, size)
        if buffer:
            self.at, self.left = self.at + size, self.left - size
        return buffer

    def last(self, size: int):
        """The last `size` bytes not read yet, read now: what is left ends before them."""
        if not 0 <= size <= self.left:
            return b""
        buffer = self.read_at(self.at + self.left - size, size)
        if buffer:
            self.left -= size
        return buffer

    def read_at(self, offset: int, size: int):
        """`size` bytes from `offset`, whatever was read before; b"" where they cannot be."""
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        try:
            while got < size:
                if _PREADV:
                    count = os.preadv(self.handle, [view[got:]], offset + got)
                else:  # where there is no preadv, a block at a time (a copy of a block)
                    block = os.pread(self.handle, min(size - got, 1 << 20), offset + got)
                    view[got : got + len(block)] = block
                    count = len(block)
                if count == 0:
                    return b""
                got += count
        except OSError:
            return b""
        finally:
            view.release()
        return buffer

    def skip(self, size: int) -> bool:
        """Pass over the next `size` bytes without reading them; False where fewer are left."""
        if not 0 <= size <= self.left:
            return False
        self.at, self.left = self.at + size, self.left - size
        return True

    def line(self, most: int) -> bytes:
        try:
            start = os.pread(self.handle, min(most, self.left), self.at)
        except OSError:
            return b""
        end = start.find(b"\n")
        if end < 0:
            return b""
        self.at, self.left = self.at + end + 1, self.left - end - 1
        return start[: end + 1]


def decode_json(data: bytes | str | None, valid: Callable[[object], bool]):
    """The JSON value in `data` if `valid(value)` accepts it, else None."""
    import json

    if data is None:
        return None
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past the stack
        return None
    return value if valid(value) else None


def sealed(identity: str, payload: bytes) -> tuple[bytes, bytes]:
    """The parts of a cache file that holds `payload` behind a header line (the payload's
    SHA-256, `identity`: what the payload is, one line of ASCII, and its length), for
    `unsealed`. A Records file starts with the same line, for its head (write_behind)."""
    return _header_line(_digest(payload), identity, len(payload)), payload


def unsealed(data: bytes | None, identity: str) -> memoryview | None:
    """The payload of a file that `sealed` made for this `identity`, if it has the length and
    the SHA-256 its header records (a file torn, damaged or made by other code is not used),
    else None. A view of `data`, not a copy: a large record is not held twice."""
    if data is None:
        return None
    end = data.find(b"\n", 0, _HEADER_LINE)
    found = _header_fields(bytes(data[: end + 1]), identity)
    if found is None:
        return None
    payload = memoryview(data)[end + 1 :]
    if len(payload) != found[1] or _digest(payload) != found[0]:
        return None
    return payload


_HEADER_LINE = 4096  # bytes at most of a header line


def _header_line(digest: bytes, identity: str, length: int) -> bytes:
    """The header line: as wide for any length (of 20 digits), so that write_behind can write
    it last over a space kept for it."""
    if "\n" in identity:
        raise ValueError("an identity is one line")
    return b"%s %s %020d\n" % (digest, identity.encode("ascii"), length)


def _header_fields(line: bytes, identity: str) -> tuple[bytes, int] | None:
    """(the SHA-256, the length) a header line made for this identity records, else None."""
    fields = line[:-1].split(b" ") if line.endswith(b"\n") else []
    if len(fields) < 3 or b" ".join(fields[1:-1]) != identity.encode("ascii") or not fields[-1].isdigit():
        return None
    return fields[0], int(fields[-1])


def _digest(data, large: bool = False) -> bytes:
    """The SHA-256 of a payload, a head or a piece; `large`: of a record that is (its pieces
    are small)."""
    return sha256_hasher(data, large=large).hexdigest().encode("ascii")


def write_bytes(name: str, *parts: bytes) -> bool:
    """Store `parts`, one after another, as the cache file `name`, atomically: a reader sees
    the old file or the new one. Nothing is left behind when the write fails or is interrupted.
    Was it stored?"""

    def write(file) -> None:
        for part in parts:
            file.write(part)

    return _write_atomically(name, write)


def write_behind(name: str, identity: str, pieces: Iterable[bytes], head: Callable[[], bytes]) -> None:
    """Store the cache file `name` of a record: a header line (the head's SHA-256, `identity`
    and the head's length), then `pieces`, then head(), as write_bytes does. The pieces are
    written as they are made, and head() is asked for once they are all written (it lists
    them); the header line, as wide whatever it holds, is written over the first bytes last.
    A record is never held whole, as its file's bytes, beside itself, nor stored twice on the
    disk (copied behind a head written first, which a cache short of room could not hold)."""

    def write(file) -> None:
        file.write(b" " * len(_header_line(b"0" * 64, identity, 0)))
        for piece in pieces:
            file.write(piece)
        header, payload = sealed(identity, head())
        file.write(payload)
        file.seek(0)
        file.write(header)

    _write_atomically(name, write)


def _write_atomically(name: str, write: Callable) -> bool:
    """Write the cache file `name` with write(file) to a temporary file renamed into place.
    Was it written?"""
    from . import tempfiles  # here: a lookup that only reads the cache does without it

    directory = _open_directory(create=True)
    if directory is None:
        return False
    temporary = tempfiles.temporary_name(name)
    handle = None
    try:
        handle = os.open(temporary, _WRITE_FLAGS, 0o600, dir_fd=directory)
        with open(handle, "wb") as file:
            write(file)
        os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
        return True
    except BaseException as failure:
        if handle is not None or not isinstance(failure, FileExistsError):  # not someone else's file
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=directory)
        if not isinstance(failure, OSError):
            raise  # Ctrl-C still stops the run; a cache that cannot be written only costs time
        return False
    finally:
        os.close(directory)


RECORDS = (
    "model-",
    "words-",
    "summaries-",
    "folded-",
    "searchable-",
)  # a document's records: one set per distinct text
RECORDS_BUDGET = 256 * 1024 * 1024  # beyond this, the least recently used records are removed


class Entries:
    """A record's chunked dict as (key, value) pairs made while it is written (Records.pack):
    a dict of them all would be held whole. They can be written once."""

    __slots__ = ("pairs",)

    def __init__(self, pairs):
        self.pairs = pairs

    def __iter__(self):
        pairs, self.pairs = self.pairs, None
        if pairs is None:
            raise ValueError("a record's entries made as they are written can be written once")
        return iter(pairs)


class Items(Entries):
    """A record's chunked list as `count` items made while it is written, as Entries are a
    dict's."""

    __slots__ = ("count",)

    def __init__(self, items, count: int):
        super().__init__(items)
        self.count = count

    def __len__(self) -> int:
        return self.count


_LOST = -2  # KeptEntries: where every entry is, once they are made again


class KeptEntries(Mapping):
    """A kept record's chunked dict, its wanted entries read again a piece at a time as they
    are asked for, from the file they were checked in (held open: a file removed or renamed
    over since reads the same). Holding a whole document's summaries while they were written
    took 11 MiB of a 5 MB document's; this holds a piece's (CHUNK_ITEMS or piece_items). Asked
    in the order written, each piece is read once. `entry(key, value)` makes what is held of
    an entry, as when it was checked. A piece that is no longer what was checked (the file
    written over in place) is a cache that cannot be read: `lost()` gives the entries instead
    (the caller makes them again), or without it the run stops (TreatyError)."""

    __slots__ = ("_handle", "_reader", "_pieces", "_where", "_large", "_entry", "_lost", "_at", "_held")

    def __init__(
        self, handle: int, pieces: list[tuple[int, int, bytes, list]], large: bool, entry, lost=None
    ):
        """`handle`: the file's, duplicated (OSError where no descriptor is left)."""
        self._handle = -1
        self._pieces = [(offset, size, digest) for offset, size, digest, _ in pieces]
        self._where = {key: number for number, (*_, keys) in enumerate(pieces) for key in keys}
        self._large, self._entry, self._lost = large, entry, lost
        self._at, self._held = -1, {}
        self._handle = os.dup(handle)  # last: nothing after it can fail to close it
        self._reader = FileReader(self._handle, 0)

    def __del__(self):
        if self._handle >= 0:
            os.close(self._handle)
            self._handle = -1

    def __getitem__(self, key):
        number = self._where[key]
        if number != self._at:
            self._held, self._at = {}, -1  # the last piece goes before the next is read
            held = self._piece(number)
            self._held, self._at = held, self._where[key]  # _LOST, once every entry is made again
        return self._held[key]

    def _piece(self, number: int) -> dict:
        import marshal

        offset, size, digest = self._pieces[number]
        data = self._reader.read_at(offset, size)
        if len(data) != size or _digest(data, self._large) != digest:
            return self._made_again()
        held = {}
        for key, value in marshal.loads(data):
            if self._where.get(key) == number:
                held[key] = value if self._entry is None else self._entry(key, value)
        return held

    def _made_again(self) -> dict:
        """Every entry, from `lost()`, once a piece is no longer what was checked."""
        held = {} if self._lost is None else dict(self._lost())
        if not held.keys() >= self._where.keys():
            raise TreatyError("a kept record changed on the disk while it was read: run the command again")
        self._where = dict.fromkeys(self._where, _LOST)
        return held

    def __contains__(self, key) -> bool:  # Mapping's would read the piece
        return key in self._where

    def __iter__(self):
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class Records:
    """One kind of record kept per document (snapshot.py: its model, words.py: its
    segmentation, summaries.py: its summaries): a dict whose "format" is `format`, kept in the
    cache as `{prefix}{key}.marshal` and for the built-in treaty shipped in the package as JSON
    (the file `shipped`, which a reviewer can read). `stamped` records also carry the version
    that wrote them ("treatycli") and the key they describe ("sha256"). A record is used only if
    it is such a dict and the caller's `fits` accepts it; keeping one keeps all of them within
    budget. What the key depends on, how large a record may be and what fits are the caller's.

    The cache holds marshal, the format Python keeps its own bytecode in: reading a record
    makes its strings straight from the file's bytes, where JSON first decoded all of them into
    one string (a 5 MB document's model took 34 MiB to read as JSON, 20 as marshal). The list
    or dict under the key `chunked` (a document's articles, its units, their summaries) is
    written in pieces of `piece_items` items (or entries; CHUNK_ITEMS unless the kind says) and
    read a piece at a time, so that the
    file is never held whole beside what it holds. A file is a header line (the SHA-256 of the
    head, this kind's identity, the head's length), the pieces, then the head (the rest of the
    record, and the length and SHA-256 of each piece, with a dict's the keys it holds), and
    nothing after it: the pieces are written as they are made, the head once they all are.
    A reader that wants a few of a dict's keys (a unit's summary) reads only the pieces that
    hold them. marshal is not
    safe on damaged data: nothing is loaded whose SHA-256 is not the one recorded for it, and
    no length is read that the file cannot hold. Nor on data made to harm it (a few bytes can
    ask for gigabytes), and a record made by hand with the right SHA-256s is believed: the cache
    is trusted as Python trusts its bytecode cache, as a directory of the user's own that
    nobody else can write (checked).
    """

    __slots__ = ("format", "prefix", "shipped", "stamped", "chunked", "piece_items")

    def __init__(
        self,
        format: str,
        prefix: str,
        shipped: str,
        stamped: bool = False,
        chunked: str | None = None,
        piece_items: int | None = None,
    ):
        if prefix not in RECORDS:
            raise ValueError(f"{prefix!r} is not in cache.RECORDS: pruning would never remove its records")
        self.format, self.prefix, self.shipped, self.stamped = format, prefix, shipped, stamped
        self.chunked = chunked
        self.piece_items = piece_items  # items a piece holds; None: CHUNK_ITEMS

    def record(self, fields: dict, key: str | None = None) -> dict:
        """A record of `fields`, as it is kept (under `key`, which a stamped record names)."""
        if not self.stamped:
            return {"format": self.format, **fields}
        return {"format": self.format, "treatycli": __version__, "sha256": key, **fields}

    def read(self, key: str, limit: int, fits: Callable[[dict], bool], **reading) -> dict | None:
        """The record of `key`: the shipped one if it fits, else the one in the cache (`reading`:
        read_cached's `wanted`, `entry` and `streamed`)."""
        return self.read_shipped(fits, key) or self.read_cached(key, limit, fits, **reading)

    def read_shipped(self, fits: Callable[[dict], bool], key: str | None = None) -> dict | None:
        """The record that ships in the package (the built-in treaty's), if it fits."""
        try:
            with open(self.shipped, "rb") as file:
                data = file.read()
        except OSError:
            return None
        return self.decode(data, fits, key)

    def read_cached(
        self,
        key: str,
        limit: int,
        fits: Callable[[dict], bool],
        wanted: set[str] | None = None,
        entry=None,
        streamed: bool = False,
        lost=None,
        item=None,
    ) -> dict | None:
        """The record kept under `key`, if the file is at most `limit` bytes and the record fits.
        `wanted`: of a chunked dict, the keys to read; only the pieces that hold one are read,
        and the dict holds only those of them it has. `entry(key, value)`: what the dict holds
        of each entry read, as it is read (None: the record does not fit). `streamed`: the dict
        is a KeptEntries, each entry checked with `entry` now and read again when asked for
        (`lost`: KeptEntries'). `item(value)`: what a chunked list holds of each item, made as
        its piece is read (None: the record does not fit)."""
        with _cached_file(self._name(key), limit) as read:
            record = None if read is None else self.load(read, wanted, entry, streamed, lost, item)
        return self._checked(record, fits, key)

    def decode(
        self, data: bytes | str | None, fits: Callable[[dict], bool], key: str | None = None
    ) -> dict | None:
        """The record in `data` (JSON), if it is one of this kind for `key` and it fits."""
        return decode_json(data, lambda value: self._accepts(value, key) and fits(value))

    def _checked(self, record, fits: Callable[[dict], bool], key: str | None) -> dict | None:
        return record if record is not None and self._accepts(record, key) and fits(record) else None

    def load(
        self, read, wanted: set[str] | None = None, entry=None, streamed: bool = False, lost=None, item=None
    ) -> dict | None:
        """The record a cache file holds, read with a FileReader (the pieces of the chunked
        list or dict put back together; of a dict, only the pieces that hold a key `wanted`,
        and only those keys, or with `streamed` a KeptEntries of them), unchecked but for its
        SHA-256s; None if it is not whole, not of this kind, or not marshal."""
        import marshal

        found = _header_fields(read.line(_HEADER_LINE), self._identity())
        if found is None:
            return None
        digest, length = found
        head = read.last(length)  # the head is written after the pieces
        try:
            if not head or _digest(head) != digest:
                return None
            record, pieces, shape = marshal.loads(head)
            del head
            if pieces is None:
                return None if read.left else record
            if shape not in ("list", "dict"):
                return None
            large = sum(piece[0] for piece in pieces) >= LARGE
            items = {} if shape == "dict" else []
            streamed = streamed and shape == "dict"
            listed = []  # streamed: where each piece read is, and its keys wanted
            for piece in pieces:
                if shape == "dict":
                    size, digest, keys = piece  # a dict's piece is listed with its keys
                    keys = _listed_keys(keys)
                    if keys is None:
                        return None
                    if wanted is not None and wanted.isdisjoint(keys):
                        if not read.skip(size):
                            return None
                        continue
                else:
                    size, digest = piece
                offset = read.at
                data = read(size)
                if len(data) != size or _digest(data, large) != digest:
                    return None
                entries = marshal.loads(data)
                if type(entries) is not list:
                    return None
                if shape == "list":  # each item made as its piece is read: one piece's are held
                    if item is not None:
                        entries = list(map(item, entries))
                        if any(made is None for made in entries):
                            return None
                    items.extend(entries)
                    continue
                # as pack wrote it: (key, value) pairs, the keys the head lists
                if not all(type(pair) is tuple and len(pair) == 2 for pair in entries) or keys != tuple(
                    key for key, _ in entries
                ):
                    return None
                held = []
                for key, value in entries:
                    if wanted is None or key in wanted:
                        value = value if entry is None else entry(key, value)
                        if value is None:
                            return None
                        if streamed:
                            held.append(key)  # checked; read again when asked for
                        else:
                            items[key] = value
                if held:
                    listed.append((offset, size, digest, held))
        except (ValueError, EOFError, TypeError, MemoryError):  # MemoryError: a size made up
            return None
        if read.left or type(record) is not dict or self.chunked is None:
            return None
        if streamed:
            try:
                items = KeptEntries(read.handle, listed, large, entry, lost)
            except OSError:  # no descriptor left: the entries are read again now, and held
                return self.load(FileReader(read.handle, read.size), wanted, entry, item=item)
        record[self.chunked] = items
        return record

    def pack(self, record: dict) -> tuple[Iterator[bytes], Callable[[], bytes]]:
        """A record as a cache file's parts, for write_behind: (its pieces, made one at a time;
        its head, asked for once they are made). Raises ValueError on a value marshal cannot
        hold (a record is plain dicts, lists, tuples, strings and numbers)."""
        import marshal

        if self.chunked is None or self.chunked not in record:
            return iter(()), lambda: marshal.dumps((record, None, None))
        items = record[self.chunked]
        shape = "list" if isinstance(items, (list, tuple, Items)) else "dict"
        entries = iter(items.items() if isinstance(items, dict) else items)
        rest = {name: value for name, value in record.items() if name != self.chunked}
        step = self.piece_items or CHUNK_ITEMS
        # more than a piece (or pairs yet to be made, of a number not known): OpenSSL hashes it faster
        large = not isinstance(items, (list, tuple, dict, Items)) or len(items) > step
        listed: list[tuple] = []

        def pieces() -> Iterator[bytes]:
            while batch := list(islice(entries, step)):
                piece = marshal.dumps(batch)
                listed.append(
                    (len(piece), _digest(piece, large))
                    if shape == "list"
                    else (len(piece), _digest(piece, large), _listing([key for key, _ in batch]))
                )
                yield piece

        return pieces(), lambda: marshal.dumps((rest, listed, shape))

    def _identity(self) -> str:
        """What a kept file must have been written as: this format, by a marshal this one reads."""
        import marshal
        import sys

        return f"{self.format} marshal/{marshal.version} {sys.implementation.cache_tag} pieces/{_LAYOUT}"

    def _accepts(self, value, key: str | None) -> bool:
        if not (isinstance(value, dict) and value.get("format") == self.format):
            return False
        if not self.stamped:
            return True
        return value.get("treatycli") == __version__ and value.get("sha256") == key

    def write(self, key: str, record: dict) -> None:
        """Keep `record` under `key`; then keep all documents' records within the budget."""
        name = self._name(key)
        write_behind(name, self._identity(), *self.pack(record))
        prune(RECORDS, RECORDS_BUDGET, keep=name)

    def _name(self, key: str) -> str:
        return f"{self.prefix}{key}.marshal"


# how a file lays a record out: 2, a dict's pieces listed with their keys; 3, the head last;
# 4, a piece's string keys listed as one string
_LAYOUT = 4
_KEYS_APART = "\n"


def _listing(keys: list):
    """A piece's keys as its head lists them: string keys as one string, a line each (a
    string each, a 5 MB document's 40,000 unit refs took 2.4 MiB to read, to find the few
    pieces a summary is in); other keys as a tuple."""
    if all(type(key) is str and _KEYS_APART not in key for key in keys):
        return _KEYS_APART.join(keys)
    return tuple(keys)


def _listed_keys(listed) -> tuple | None:
    """The keys a head lists for a piece (_listing), or None if it lists none."""
    if type(listed) is str:
        return tuple(listed.split(_KEYS_APART))
    return listed if type(listed) is tuple else None


CHUNK_ITEMS = 2048  # items of a record's chunked list to a piece: 0.2 to 1 MB of a file


def prune(prefixes: tuple[str, ...], budget: int, keep: str | None = None) -> None:
    """Remove the least recently used files whose names start with one of `prefixes` until the
    rest take at most `budget` bytes (`keep`, just written, stays): records of documents must
    not fill a disk, one distinct text after another. A file dated in the future counts as the
    oldest, so that it cannot outlive everything else. The temporary files of killed runs go
    too, once stale (tempfiles.py): a model of a large document is a large file."""
    import time

    from . import tempfiles

    directory = _open_directory(create=False)
    if directory is None:
        return
    tempfiles.remove_stale(directory, earlier_names=True)
    try:
        now, kept = time.time_ns(), []
        for name in os.listdir(directory):
            if name.startswith(prefixes) and name != keep:
                with contextlib.suppress(OSError):
                    info = os.stat(name, dir_fd=directory, follow_symlinks=False)
                    used = info.st_mtime_ns if info.st_mtime_ns <= now else 0
                    kept.append((used, name, info.st_size))
        if keep is not None:
            with contextlib.suppress(OSError):
                budget -= os.stat(keep, dir_fd=directory, follow_symlinks=False).st_size
        total = sum(size for _, _, size in kept)
        for _, name, size in sorted(kept):
            if total <= budget:
                break
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
            total -= size
    except OSError:
        pass
    finally:
        os.close(directory)
