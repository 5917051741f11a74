"""The commands, free of any argument parser: the Typer app (cli.py) and the fast path
(fastpath.py) both call `run_command`, so a command behaves the same whichever parsed its
arguments.

This is the one place the commands are listed. Each runs from a module of its own (list.py,
show.py, … library.py), imported only when that command runs: `show` does not import grep's
code. settings.py reads the global options, selection.py says which documents a run reads and
reads them, presentation.py prints the answer once in the form chosen.
"""

from __future__ import annotations

from collections import namedtuple

from .settings import GLOBAL_KEYS, Settings, settings_from


class Command(namedtuple("Command", "module function not_references alias_of", defaults=(None, None))):
    """How a command runs: `function` of treatycli.commands.`module`. `not_references`: how
    many of its leading positional arguments are not references (grep's PATTERN), None when it
    takes no references (shell completion offers none); `alias_of`: the command it is another
    name for."""

    __slots__ = ()


# By the name the command line gives (a group's commands after its name), in the order the
# top-level help lists them.
COMMANDS = {
    "list": Command("list", "run_list"),
    "show": Command("show", "run_show", 0),
    "info": Command("info", "run_info"),
    "export": Command("export", "run_export", 0),
    "grep": Command("grep", "run_grep", 1),
    "cite": Command("cite", "run_cite", 0),
    "summarise": Command("summarise", "run_summarise", 0),
    "summarize": Command("summarise", "run_summarise", 0, alias_of="summarise"),
    "library add": Command("library", "run_add"),
    "library list": Command("library", "run_list"),
    "library remove": Command("library", "run_remove"),
    "library update": Command("library", "run_update"),
}


def summary() -> str:
    """The commands as the top-level help names them: `list, show, …, summarise (or
    summarize), library`."""
    shown: dict[str, str] = {}
    for name, command in COMMANDS.items():
        if command.alias_of:
            shown[command.alias_of] += f" (or {name})"
        else:
            group = name.split(" ", 1)[0]
            shown.setdefault(group, group)
    return ", ".join(shown.values())


def not_references(name: str) -> int | None:
    """How many leading positional arguments of command `name` are not references; None for
    a command that takes none, or no command."""
    command = COMMANDS.get(name)
    return None if command is None else command.not_references


def run_command(name: str, settings: Settings, params: dict) -> int:
    """Run command `name` with the parameters its parser read: the Typer app and the fast
    path both come here, with the same names and values, so they cannot behave differently.
    Global options given after the command override those given before it."""
    # Importing commands.list binds `list` in this module's namespace (a package's submodules
    # are its attributes): nothing here may use the builtin list.
    from importlib import import_module

    overrides = {key: params.pop(key) for key in GLOBAL_KEYS if key in params}
    command = COMMANDS[name]
    function = getattr(import_module(f"{__name__}.{command.module}"), command.function)
    return function(settings_from(overrides, settings), **params)
