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
    "grep": app.run_grep_arguments,
}
_GREP_FLAGS = "iEFwocl"
_GREP_LONG_FLAGS = {
    "--ignore-case": "i", "--regex": "E", "--fixed-strings": "F", "--word": "w",
    "--only-matching": "o", "--count": "c", "--refs-only": "l",
}  # fmt: skip
_GREP_NUMBERS = {"-C": "context", "-A": "after", "-B": "before", "-m": "max_count",
                 "--context": "context", "--after-context": "after", "--before-context": "before",
                 "--max-count": "max_count"}  # fmt: skip


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
    run_settings = app.Settings(**settings)
    if "color" in settings and settings["color"] not in app.COLORS:
        return None  # let Typer word the error
    if command == "grep":
        return _grep(run_settings, rest)
    as_json = False
    positional: list[str] = []
    for arg in rest:
        if arg == "--json" and not as_json:
            as_json = True
        elif arg.startswith("-") or command != "show":
            return None
        else:
            positional.append(arg)
    if command == "show":
        return lambda: app.run_show(run_settings, positional, as_json)
    return lambda: _COMMANDS[command](run_settings, as_json)


def _grep(settings: app.Settings, rest: list[str]) -> Callable[[], int] | None:
    """grep's options, as Typer reads them: clusters (-iw), values attached or apart (-C2,
    -C 2, --context=2), -e repeated, -- before a pattern that starts with a dash."""
    flags, expressions, positional = "", [], []
    values: dict[str, int] = {}
    exact = as_json = False
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if arg == "--":
            positional += rest[i:]
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif arg == "--exact":
            exact = True
        elif arg in _GREP_LONG_FLAGS:
            flags += _GREP_LONG_FLAGS[arg]
        elif name == "--regexp":
            if not eq:
                if i >= len(rest):
                    return None
                value, i = rest[i], i + 1
            expressions.append(value)
        elif name in _GREP_NUMBERS and name.startswith("--"):
            if not eq:
                if i >= len(rest):
                    return None
                value, i = rest[i], i + 1
            if not _is_int(value):
                return None
            values[_GREP_NUMBERS[name]] = int(value)
        elif arg.startswith("--"):
            return None
        else:
            j = 1
            while j < len(arg):
                letter = arg[j]
                if letter in _GREP_FLAGS:
                    flags += letter
                    j += 1
                    continue
                if letter not in "CABme":
                    return None
                value = arg[j + 1 :]
                if not value:
                    if i >= len(rest):
                        return None
                    value, i = rest[i], i + 1
                if letter == "e":
                    expressions.append(value)
                elif _is_int(value):
                    values[_GREP_NUMBERS["-" + letter]] = int(value)
                else:
                    return None
                break
    return lambda: app.run_grep_arguments(
        settings, positional, expressions, flags, exact=exact, as_json=as_json,
        context=values.get("context", 0), after=values.get("after"), before=values.get("before"),
        max_count=values.get("max_count"),
    )  # fmt: skip


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()
