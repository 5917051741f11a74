"""The entry point: pick the fast path or Typer, and turn every failure into an exit code."""

from __future__ import annotations

import gc
import os
import sys

from .errors import TreatyError
from .output import notice, silence, use_utf8


def run(args: list[str]) -> int:
    """Run one invocation and return its exit status: 0 found, 1 nothing found, 2 error."""
    use_utf8()
    if sys.stdout is None:  # started with stdout closed (`>&-`): Click would print nothing, and exit 0
        sys.stdout = _ClosedOutput()
    try:
        from . import fastpath  # inside: Ctrl-C while it imports is an interrupt like any other

        command = fastpath.parse(args)
        if command is not None:
            return command()
        from .cli import run_typer

        return run_typer(args)
    except TreatyError as failure:
        if debugging():
            raise
        notice(str(failure))
        return 2
    except BrokenPipeError:
        silence(1)  # the reader went away (`| head`): stop writing, say nothing
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as failure:  # what is read is turned into DocumentError: this is output (--help)
        if debugging():
            raise
        notice(
            f"cannot write the output: {failure.strerror or failure} (check the disk, or where stdout goes)"
        )
        return 2
    except Exception as failure:  # a bug of ours: still one line, and the way to see more
        if debugging():
            raise
        notice(
            _library_failure(failure)
            or f"internal error: {failure!r} (rerun with TREATYCLI_DEBUG=1 for a traceback, and report it)"
        )
        return 2


def _library_failure(failure: Exception) -> str | None:
    """The one line for an error SQLite raised halfway through a command (a damaged library,
    a full disk): the library is the only database a command uses that does not catch its own."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(failure, sqlite3.DatabaseError):
        return None
    from .library.store import library_failure
    from .paths import library_path

    return str(library_failure(failure, library_path()))


class _ClosedOutput:
    """Standard output that was closed before the run: writing to it is an OutputError."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        from .errors import OutputError

        raise OutputError("cannot write the output: standard output is closed (redirect it to a file)")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def debugging() -> bool:
    """TREATYCLI_DEBUG=1 (or any value but empty and 0) shows tracebacks instead of one line."""
    return os.environ.get("TREATYCLI_DEBUG", "") not in ("", "0")


def _flush(stream, fd: int) -> None:
    try:
        if stream is not None:
            stream.flush()
    except (OSError, ValueError):
        silence(fd)


def main() -> None:
    # One short run: what it allocates lives until exit, so the cyclic collector would only
    # rescan it (a 5 MB treaty makes ~300,000 objects). Reference counting still frees.
    gc.disable()
    code = run(sys.argv[1:])
    _flush(sys.stdout, 1)
    _flush(sys.stderr, 2)
    sys.exit(code)
