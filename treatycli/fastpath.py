"""Common invocations read without Typer, so that a lookup starts as fast as the interpreter.

Importing Typer (and with it Click) costs more than the whole lookup it would dispatch, so
the argument lists people type most (`show 4.2`, `list --json`, `--doc F info`) are read
here. Anything else — help, completion, an unknown option, a mistake — returns None and goes
to the Typer app, which stays the one definition of the interface; tests check that both
give the same output.
"""

from __future__ import annotations

from collections.abc import Callable

from . import app

_GLOBAL = {"--doc": "doc", "--encoding": "encoding", "--color": "color"}
_COMMANDS = {
    "list": app.run_list,
    "show": app.run_show,
    "info": app.run_info,
    "export": app.run_export,
}


def _option(args: list[str], i: int, names) -> tuple[str, str, int] | None:
    """(name, value, next index) for `--name value` or `--name=value` at args[i]."""
    arg = args[i]
    name, eq, value = arg.partition("=")
    if name not in names:
        return None
    if eq:
        return name, value, i + 1
    if i + 1 < len(args):
        return name, args[i + 1], i + 2
    return None


def parse(args: list[str]) -> Callable[[], int] | None:
    """A ready-to-run command for `args`, or None when Typer should read them."""
    settings: dict[str, str] = {}
    i = 0
    while i < len(args) and args[i].startswith("-"):
        found = _option(args, i, _GLOBAL)
        if not found or _GLOBAL[found[0]] in settings:
            return None
        settings[_GLOBAL[found[0]]] = found[1]
        i = found[2]
    if i >= len(args) or args[i] not in _COMMANDS:
        return None
    command, rest = args[i], args[i + 1 :]
    as_json = False
    positional: list[str] = []
    for arg in rest:
        if arg == "--json" and not as_json:
            as_json = True
        elif arg.startswith("-") or command != "show":
            return None
        else:
            positional.append(arg)
    run_settings = app.Settings(**settings)
    if "color" in settings and settings["color"] not in app.COLORS:
        return None  # let Typer word the error
    if command == "show":
        return lambda: app.run_show(run_settings, positional, as_json)
    return lambda: _COMMANDS[command](run_settings, as_json)
