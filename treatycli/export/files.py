"""`-o FILE`: written whole or not at all, and never over a file the user did not mean to lose.

The export is written to a temporary file in the same directory (the same file system, so
that the rename is atomic), then renamed to FILE. Without --force the rename is a hard link,
which fails if FILE exists even when another process created it a moment ago. Whatever
stops the run (an error, a full disk, Ctrl-C), the temporary file is removed; one that a
killed run left in the directory is removed by the next export there (tempfiles.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable

from .. import tempfiles
from ..errors import TreatyError
from ..loader import BUILTIN_PATH
from ..model import Document


def check_target(path: str, force: bool) -> None:
    """Fail early, before any work, when FILE cannot be the output."""
    if os.path.isdir(path):
        raise TreatyError(f"{path} is a directory: give -o the name of a file")
    if os.path.lexists(path) and not force:
        raise _exists(path)
    if os.path.lexists(path) and (os.path.islink(path) or not os.path.isfile(path)):
        # renaming over a symlink, a FIFO or a device would replace it with a regular file
        raise TreatyError(f"{path} is not a regular file (a link, pipe or device): give -o a file's path")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise TreatyError(f"cannot write {path}: no such directory {folder}")


def check_not_source(path: str, doc: Document) -> None:
    """--force never replaces the text being read (nor the built-in treaty's)."""
    for source in (doc.source.name, BUILTIN_PATH):
        try:
            same = os.path.samefile(path, source)
        except OSError:
            continue
        if same:
            raise TreatyError(f"{path} is the document being exported: choose another -o FILE")


def write_atomically(path: str, fill: Callable[[str], None], force: bool) -> None:
    """Call `fill(temporary_path)` to write the content, then put it at `path`."""
    folder = os.path.dirname(path) or "."
    tempfiles.remove_stale(folder)
    temporary = None
    try:
        temporary = _create_temporary(folder, os.path.basename(path))
        fill(temporary)
        os.chmod(temporary, _mode(path))
        if force:
            os.replace(temporary, path)
        else:
            _link_unless_exists(temporary, path)
    except OSError as error:
        raise TreatyError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _create_temporary(folder: str, name: str) -> str:
    """A new empty file, readable by us alone until it is complete, under a name that
    tempfiles.py can tell as ours (its random part makes a clash all but impossible)."""
    for _attempt in range(10):
        temporary = os.path.join(folder, tempfiles.temporary_name(name))
        try:
            descriptor = os.open(temporary, _CREATE, 0o600)
        except FileExistsError:
            continue
        os.close(descriptor)
        return temporary
    raise FileExistsError(errno.EEXIST, "no unused temporary name", folder)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def write_chunks(path: str, chunks, force: bool) -> None:
    """Write the text these pieces make, in UTF-8, as the file at `path` (write_atomically)."""

    def fill(temporary: str) -> None:
        with open(temporary, "wb") as file:
            for chunk in chunks:
                file.write(chunk.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())  # on disk before it has the name: a crash leaves the old file

    write_atomically(path, fill, force)


def _link_unless_exists(temporary: str, path: str) -> None:
    """Give the file its name only if no file has it; where the file system has no hard
    links, check and rename (a race with another writer is then possible)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise _exists(path) from None
        os.replace(temporary, path)


def _exists(path: str) -> TreatyError:
    return TreatyError(f"{path} already exists: add --force to overwrite it, or choose another -o FILE")


def _mode(path: str) -> int:
    """An overwritten file keeps its permissions; a new one gets what the umask allows
    (the temporary file's own 0600 would hide it from everyone else)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
