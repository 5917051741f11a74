"""Temporary files that are renamed into place when complete (`export -o`, the cache), named so
that one a killed run left behind is provably ours, and removed by a later run once stale.

A run removes its temporary file whatever stops it, except a kill it cannot catch (SIGKILL,
a crash, a power cut). The name says who wrote it, `.NAME.treatycli-PID-HOST-RANDOM.tmp`
(HOST a digest of the machine's name), so a later run writing in the same directory removes
such a file when it is a regular file of the same user and either its writer, on this machine,
is no longer running and it has not changed for ten minutes (a container sharing the
machine's name sees other containers' process ids as its own), or (written on another machine
sharing the directory, or where a process cannot be asked about) it has not changed for a day. Nothing else is touched: not a
file of another name, another user's, or one a running export is writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat

STALE_AFTER = 24 * 60 * 60  # seconds unchanged: no run writes one file for a day without a pause
# Seconds a file must be unchanged before even a writer that is gone makes it stale: containers
# that share a machine's name and a folder see each other's process ids as their own.
QUIET_FOR = 10 * 60
_NAME_KEPT = 64  # characters of NAME in a temporary name: a long NAME must still fit in 255 bytes
_TEMPORARY = re.compile(r"\..*\.treatycli-(?P<pid>[0-9]{1,10})-(?P<host>[0-9a-f]{8})-[0-9a-f]{8}\.tmp", re.S)
# what the cache named them before (.model-….json.PID.RANDOM.tmp): in its own private directory,
# ours; without the machine's name, only the age can tell that they are stale
_EARLIER_IN_CACHE = re.compile(r"\..*\.[0-9]{1,10}\.[0-9a-f]{8}\.tmp", re.S)


def temporary_name(name: str) -> str:
    """The name of the temporary file written before it becomes `name`, in the same directory."""
    return f".{name[:_NAME_KEPT]}.treatycli-{os.getpid()}-{_host()}-{os.urandom(4).hex()}.tmp"


def remove_stale(directory: str | int, earlier_names: bool = False) -> None:
    """Remove the stale temporary files of killed runs from `directory` (a path, or a
    descriptor to open names relative to); with `earlier_names`, those of the cache's earlier
    naming too. Never fails: what cannot be listed, examined or removed stays."""
    import time

    dir_fd = directory if isinstance(directory, int) else None
    try:
        names = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    for name in names:
        if not name.endswith(".tmp") or not name.startswith("."):
            continue
        ours = _TEMPORARY.fullmatch(name)
        if not ours and not (earlier_names and _EARLIER_IN_CACHE.fullmatch(name)):
            continue
        path = name if dir_fd is not None else os.path.join(directory, name)
        with contextlib.suppress(OSError):
            info = os.stat(path, dir_fd=dir_fd, follow_symlinks=False)
            if _stale(ours, info, now):
                os.unlink(path, dir_fd=dir_fd)


def _stale(ours: re.Match | None, info: os.stat_result, now: float) -> bool:
    if not stat.S_ISREG(info.st_mode):
        return False
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return False
    if now - info.st_mtime < QUIET_FOR:
        return False
    if ours and ours.group("host") == _host() and os.name == "posix":
        return not _running(int(ours.group("pid")))
    return now - info.st_mtime > STALE_AFTER


def _running(pid: int) -> bool:
    """Is process `pid` alive on this machine? (Signal 0 only asks; a process of another user
    is alive too.) Pids 0 and below name groups of processes, never one writer."""
    if pid <= 0 or pid == os.getpid():
        return pid > 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True


_this_host: str | None = None


def _host() -> str:
    """A digest of this machine's name: a directory shared between machines holds the files
    of runs whose process ids mean nothing here."""
    global _this_host
    if _this_host is None:
        import zlib  # a tag, not a secret: hashlib would load OpenSSL for it

        # os.uname, not socket (whose import costs more than an export of a treaty): only a
        # POSIX system's files are told by their machine and process
        name = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        _this_host = f"{zlib.crc32(name.encode('utf-8', 'replace')):08x}"
    return _this_host
