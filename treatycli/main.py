"""The entry point: pick the fast path or Typer, and turn every failure into an exit code."""

from __future__ import annotations

import gc
import os
import sys

from .errors import TreatyError


def _quiet_broken_pipe() -> None:
    """The reader went away (`| head`): stop writing, say nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def error(message: str) -> int:
    sys.stderr.write(f"treatycli: {message}\n")
    return 2


def run(args: list[str]) -> int:
    """Run one invocation and return its exit status: 0 found, 1 nothing found, 2 error."""
    from . import fastpath

    try:
        command = fastpath.parse(args)
        if command is not None:
            return command()
        from .cli import run_typer

        return run_typer(args)
    except TreatyError as failure:
        if os.environ.get("TREATYCLI_DEBUG"):
            raise
        return error(str(failure))
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as failure:  # a bug of ours: still one line, and the way to see more
        if os.environ.get("TREATYCLI_DEBUG"):
            raise
        return error(
            f"internal error: {failure!r} (rerun with TREATYCLI_DEBUG=1 for a traceback, and report it)"
        )


def main() -> None:
    # One short run: what it allocates lives until exit, so the cyclic collector would only
    # rescan it (a 5 MB treaty makes ~300,000 objects). Reference counting still frees.
    gc.disable()
    code = run(sys.argv[1:])
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    sys.exit(code)
