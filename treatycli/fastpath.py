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


def _value(args: list[str], i: int, attached: str | None) -> tuple[str, int] | None:
    """An option's value and the index after it: attached (--name=v, -Cv), else args[i]."""
    if attached is not None:
        return attached, i
    if i < len(args):
        return args[i], i + 1
    return None


def _option(args: list[str], i: int, names) -> tuple[str, str, int] | None:
    """(name, value, next index) for `--name value` or `--name=value` at args[i]."""
    name, eq, value = args[i].partition("=")
    if name not in names:
        return None
    found = _value(args, i + 1, value if eq else None)
    return (name, *found) if found else None


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
        name, eq, attached = arg.partition("=")
        if arg == "--json":
            as_json = True
            continue
        if arg == "--exact":
            exact = True
            continue
        if arg in _GREP_LONG_FLAGS:
            flags += _GREP_LONG_FLAGS[arg]
            continue
        if arg.startswith("--"):
            key, value = (name, attached if eq else None)
        else:
            letters = arg[1:]
            cluster = len(letters) - len(letters.lstrip(_GREP_FLAGS))
            flags += letters[:cluster]
            if cluster == len(letters):
                continue
            key, value = "-" + letters[cluster], letters[cluster + 1 :] or None
        if key not in ("-e", "--regexp") and key not in _GREP_NUMBERS:
            return None
        found = _value(rest, i, value)
        if found is None:
            return None
        value, i = found
        if key in ("-e", "--regexp"):
            expressions.append(value)
        elif _is_int(value):
            values[_GREP_NUMBERS[key]] = int(value)
        else:
            return None
    return lambda: app.run_grep_arguments(
        settings, positional, expressions, flags, exact=exact, as_json=as_json,
        context=values.get("context", 0), after=values.get("after"), before=values.get("before"),
        max_count=values.get("max_count"),
    )  # fmt: skip


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()
