"""Command lines read without Typer, so that a lookup starts as fast as the interpreter.

Importing Typer (and with it Click) costs more than the whole lookup it would dispatch. This
module reads a command line the way Click does, from the table that tools/make_interface.py
generates from the Typer app (interface.py): so the interface is declared once, in cli.py.
Whatever it cannot read exactly — help, version, completion, an unknown option, a value that
does not convert, a mistake — returns None and goes to Typer, which words the error; tests
check that both paths print the same for generated command lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from . import commands
from .commands.settings import settings_from
from .errors import TreatyError
from .interface import COMMANDS, GROUP

COMPLETION_VARIABLE = "_TREATYCLI_COMPLETE"
_CONVERT = {"text": str, "int": int, "float": float}


class _Unreadable(Exception):
    """A command line this module leaves to Typer."""


def _option_table(options) -> dict[str, tuple]:
    return {opt: option for option in options for opt in option[1]}


def _is_short(opt: str) -> bool:
    """Click's rule: one dash and one character (-e); anything else is a long option."""
    return len(opt) == 2 and opt[0] == "-" and opt[1] != "-"


def _store(values: dict, option: tuple, raw) -> None:
    name, _, kind, multiple = option
    if kind == "typer":
        raise _Unreadable
    if kind == "flag":
        values[name] = True
        return
    try:
        value = _CONVERT[kind](raw)
    except ValueError:
        raise _Unreadable from None  # Typer says why the value is wrong
    if multiple:
        values.setdefault(name, []).append(value)
    else:
        values[name] = value


def _read(args: list[str], options, interspersed: bool) -> tuple[dict, list[str]]:
    """Option values and positional arguments, as Click's parser reads them: `--name=value`,
    `--name value`, clusters (`-iw`, `-C2`, `-iC 2`), a value taken from the next argument even
    if it starts with a dash, `--` ending the options, a lone `-` as an argument."""
    table = _option_table(options)
    values: dict = {}
    positional: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            if not interspersed:
                raise _Unreadable
            positional += rest
            break
        if not (arg[:1] == "-" and len(arg) > 1):
            positional.append(arg)
            if not interspersed:
                positional += rest
                break
            continue
        name, equals, attached = arg.partition("=")
        option = table.get(name)
        if option is not None and not _is_short(name):
            if option[2] == "flag":
                if equals:
                    raise _Unreadable  # "does not take a value"
                _store(values, option, None)
                continue
            if equals:
                rest.insert(0, attached)
            if not rest:
                raise _Unreadable  # "requires an argument"
            _store(values, option, rest.pop(0))
            continue
        if arg[:2] == "--":
            raise _Unreadable  # no such option
        for position in range(1, len(arg)):  # a cluster of short options
            option = table.get("-" + arg[position])
            if option is None:
                raise _Unreadable
            if option[2] == "flag":
                _store(values, option, None)
                continue
            if position + 1 < len(arg):
                rest.insert(0, arg[position + 1 :])
            if not rest:
                raise _Unreadable
            _store(values, option, rest.pop(0))
            break
    return values, positional


def _arguments(spec, positional: list[str]) -> dict:
    """Positional values for the command's arguments: a list of one, or all for nargs -1."""
    values: dict = {}
    for index, (name, nargs, _) in enumerate(spec):
        if nargs == -1:
            if index != len(spec) - 1:
                raise _Unreadable
            values[name], positional = tuple(positional), []
        elif nargs == 1 and positional:
            values[name] = positional.pop(0)
        else:
            raise _Unreadable  # missing, or not a form this module reads
    if positional:
        raise _Unreadable  # "Got unexpected extra argument"
    return values


def _params(spec: dict, options: dict, positional: list[str]) -> dict:
    params = dict(spec["defaults"])
    params.update({name: tuple(v) if isinstance(v, list) else v for name, v in options.items()})
    params.update(_arguments(spec["arguments"], positional))
    return params


def read(args: list[str]) -> tuple[str, dict, dict] | None:
    """(command name, its parameters, the group's parameters) as Click would read `args`,
    or None when this module leaves them to Typer."""
    try:
        group_options, rest = _read(args, GROUP["options"], interspersed=False)
        if not rest or rest[0] not in COMMANDS:
            return None
        spec = COMMANDS[rest[0]]
        options, positional = _read(rest[1:], spec["options"], interspersed=True)
        return rest[0], _params(spec, options, positional), _params(GROUP, group_options, [])
    except _Unreadable:
        return None


def _read_for_completion(words: list[str]):
    """The command being typed, with its settings, or None (Typer reads it, wording errors)."""
    found = read(words)
    if found is None:
        return None
    name, params, group = found
    try:
        settings = settings_from(params, settings_from(group))
    except TreatyError:
        return None
    return name, params, settings


def parse(args: list[str]) -> Callable[[], int] | None:
    """A ready-to-run command for `args`, or None when Typer should read them."""
    if COMPLETION_VARIABLE in os.environ:
        from .completion import fast_completion

        return fast_completion(os.environ, _read_for_completion)
    found = read(args)
    if found is None:
        return None
    name, params, group = found
    return lambda: commands.run_command(name, settings_from(group), params)
