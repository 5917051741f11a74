"""How a command's answer reaches the user: printed once, in the form chosen for the run
(JSON, Rich on a terminal, plain lines), by the renderer of that form alone; and the
progress a long first run shows on stderr. The one module of the commands that uses Rich,
and only inside the functions that draw."""

from __future__ import annotations

import sys

from ..output import print_rich, use_rich
from .settings import Settings


def renderer(name: str):
    """treatycli.render.<name>, imported only when that form of output is chosen."""
    from importlib import import_module

    return import_module(f"..render.{name}", __package__)


def emit(
    settings: Settings,
    as_json: bool,
    record,
    renderables,
    lines,
    json_lines: bool = False,
    soft_wrap: bool = False,
) -> None:
    """Print once, in the form chosen for this run: JSON (`record()`: a dict, or the records of
    a JSON array, which may be an iterator that makes them as they are written), Rich on a
    terminal (`renderables()`, long lines left to the terminal with `soft_wrap`), or plain
    lines (`lines()`). Each is called only if chosen."""
    from ..output import joined_lines, write_chunks

    if as_json:
        from ..output import json_chunks, to_json_line

        value = record()
        if json_lines:
            write_chunks(joined_lines(map(to_json_line, value)))
        else:  # records made as they are written, and a list, an item at a time
            write_chunks(json_chunks(value))
    elif use_rich(settings.color):
        print_rich(renderables(), settings.color, soft_wrap)
    else:
        write_chunks(joined_lines(lines()))


def spinner(color: str, message: str = "segmenting words (once per document)…"):
    """A progress callback that shows a spinner on stderr if the work takes over half a
    second, and only when stderr is a terminal."""
    from ..output import is_terminal

    if not is_terminal(sys.stderr):
        return None
    state: dict = {}

    def progress(running: bool) -> None:
        import threading

        if running:

            def start() -> None:
                from rich.console import Console

                status = Console(stderr=True, no_color=color == "never").status(message)
                status.start()
                state["status"] = status

            state["timer"] = threading.Timer(0.5, start)
            state["timer"].start()
        else:
            state["timer"].cancel()
            state["timer"].join()  # if the spinner is being started right now, let it finish
            if "status" in state:
                state["status"].stop()

    return progress


def progress_bar(count: int):
    """A progress bar on stderr while many files are added, only when stderr is a terminal."""
    from ..output import is_terminal

    if count < 2 or not is_terminal(sys.stderr):
        return None
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)
