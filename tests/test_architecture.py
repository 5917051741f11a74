"""The architecture, checked on the source: imports flow one way.

Every import of every module of treatycli/ counts, at module level and inside functions, a
relative one resolved against its package. Importing a module runs its packages'
`__init__.py` too, so an import is an edge to the module and to each package above it, except
the importer's own packages (a submodule importing its parent is not an edge). Two imports
name their module at run time and are added by hand: `commands.run_command` imports the
command module the registry names, `commands.presentation.renderer` a module of render/.

- No cycle, however long.
- The core never imports Typer, Click or Rich. The modules that do are exactly those that
  draw or parse a command line: cli.py (the Typer app), render/terminal.py (Rich renderables),
  output.py (`print_rich`) and commands/presentation.py (the spinner and the progress bar),
  Rich each time inside the function that draws. Everything else is the core, and a new
  module that imports one of them fails here until it is added to that list.
- Nothing below the command line reaches back to it: no module outside __main__.py, cli.py, main.py,
  fastpath.py, completion.py and commands/ imports one of those.
- fastpath.py, imported on every run, holds at module level (its imports, theirs, and so on)
  no Typer, Click, Rich or jieba, and not the loader: a lookup starts as fast as the
  interpreter.

Each check is run on a small package written for the test too, that breaks it.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from treatycli.commands import COMMANDS

from .conftest import ROOT

PACKAGE = ROOT / "treatycli"
UI_FRAMEWORKS = {"typer", "click", "rich"}
DRAWS_OR_PARSES = {
    "treatycli.cli",
    "treatycli.output",
    "treatycli.render.terminal",
    "treatycli.commands.presentation",
}
COMMAND_LINE = (
    "treatycli.__main__",
    "treatycli.cli",
    "treatycli.main",
    "treatycli.fastpath",
    "treatycli.completion",
    "treatycli.commands",
)
NOT_AT_START = {"typer", "click", "rich", "jieba", "treatycli.loader"}


# -- reading the imports ----------------------------------------------------------------------


def modules(folder: Path, package: str) -> dict[str, Path]:
    """Every module of the package below `folder`, by its dotted name."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        parts = [package, *path.relative_to(folder).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_package(name: str, known: dict[str, Path]) -> bool:
    return name in known and known[name].name == "__init__.py"


def _in_function(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return True
    return False


def imports(name: str, known: dict[str, Path], module_level_only: bool = False) -> set[str]:
    """The modules `name` imports (dotted names, ours and others'), relative ones resolved;
    `from x import y` names x.y where that is a module."""
    tree = ast.parse(known[name].read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    here = name if _is_package(name, known) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if module_level_only and _in_function(node, parents):
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found


def edges(known: dict[str, Path], module_level_only: bool = False, dynamic=None) -> dict[str, set[str]]:
    """Each module's imports of modules of the package, with the packages above them that an
    import runs, less the importer's own packages; `dynamic` adds edges by hand."""
    graph: dict[str, set[str]] = {}
    for name in known:
        own = {name.rsplit(".", depth)[0] for depth in range(name.count(".") + 1)}
        targets = set()
        for imported in imports(name, known, module_level_only) | set((dynamic or {}).get(name, ())):
            parts = imported.split(".")
            targets |= {".".join(parts[:n]) for n in range(1, len(parts) + 1)} & set(known)
        graph[name] = targets - own
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as the path that closes it (a, b, a), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for following in sorted(graph.get(node, ())):
            if state.get(following) == "open":
                return path[path.index(following) :] + [following]
            if following not in state:
                found = visit(following)
                if found:
                    return found
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def importing(known: dict[str, Path], names: set[str]) -> set[str]:
    """The modules that import any of `names` (top-level packages), anywhere in their code."""
    return {module for module in known if {i.split(".")[0] for i in imports(module, known)} & names}


def started_with(known: dict[str, Path], start: str) -> set[str]:
    """Every module, ours and others', that importing `start` imports: module-level imports
    only, followed through ours."""
    graph = edges(known, module_level_only=True)
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += graph[name]
        seen |= {i for i in imports(name, known, module_level_only=True) if i.split(".")[0] not in known}
    return seen


def holds(found: set[str], forbidden: set[str]) -> set[str]:
    return {name for name in found if any(name == f or name.startswith(f + ".") for f in forbidden)}


# -- treatycli as it is ------------------------------------------------------------------------

KNOWN = modules(PACKAGE, "treatycli")
DYNAMIC = {
    "treatycli.commands": {f"treatycli.commands.{command.module}" for command in COMMANDS.values()},
    "treatycli.commands.presentation": {name for name in KNOWN if name.startswith("treatycli.render.")},
}


def test_the_commands_the_registry_names_exist():
    for command in COMMANDS.values():
        assert f"treatycli.commands.{command.module}" in KNOWN, command


def test_the_typer_app_declares_exactly_the_commands_the_registry_lists():
    from treatycli.cli import cli

    declared = {command.name for command in cli.registered_commands} | {
        f"{group.name} {command.name}"
        for group in cli.registered_groups
        for command in group.typer_instance.registered_commands
    }
    assert declared == set(COMMANDS)


def test_no_import_cycle():
    cycle = find_cycle(edges(KNOWN, dynamic=DYNAMIC))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_only_the_modules_that_draw_or_parse_import_typer_click_or_rich():
    assert importing(KNOWN, UI_FRAMEWORKS) == DRAWS_OR_PARSES


def test_nothing_below_the_command_line_imports_it():
    graph = edges(KNOWN, dynamic=DYNAMIC)
    below = [name for name in KNOWN if not holds({name}, set(COMMAND_LINE))]
    reaching = {name: sorted(holds(graph[name], set(COMMAND_LINE))) for name in below}
    assert {name: found for name, found in reaching.items() if found} == {}


def test_the_fast_path_starts_without_typer_rich_jieba_or_the_loader():
    assert holds(started_with(KNOWN, "treatycli.fastpath"), NOT_AT_START) == set()


# -- each check, on a package that breaks it -------------------------------------------------


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    for relative, source in {"__init__.py": "", **files}.items():
        path = tmp_path / "pkg" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return modules(tmp_path / "pkg", "pkg")


@pytest.fixture
def broken(tmp_path):
    """A package with a cycle through an import inside a function and a package's
    `__init__`, Rich imported inside a function of the core, and jieba two module-level
    imports away from its start."""
    return _package(
        tmp_path,
        {
            "start.py": "from .sub import helper\n\ndef later():\n    import typer\n",
            "sub/__init__.py": "from . import helper\n",
            "sub/helper.py": "import os\nfrom ..words import segment\n",
            "words.py": "import jieba\n\ndef segment():\n    from .sub.helper import os\n",
            "core.py": "def draw():\n    from rich.console import Console\n",
        },
    )


def test_the_checks_fail_on_a_package_that_breaks_them(broken):
    graph = edges(broken)
    assert graph["pkg.sub.helper"] == {"pkg.words"}  # its own package is no edge
    assert graph["pkg.words"] == {"pkg.sub", "pkg.sub.helper"}  # the package's __init__ runs first
    assert find_cycle(graph) == ["pkg.sub", "pkg.sub.helper", "pkg.words", "pkg.sub"]
    assert importing(broken, UI_FRAMEWORKS) == {"pkg.start", "pkg.core"}
    assert holds(started_with(broken, "pkg.start"), NOT_AT_START) == {"jieba"}  # not typer: in a function


def test_relative_imports_resolve_against_the_package(tmp_path):
    known = _package(
        tmp_path,
        {
            "a/__init__.py": "from .b import x\nfrom .. import top\n",
            "a/b.py": "from ..a import c\nfrom . import c as d\n",
            "a/c.py": "",
            "top.py": "",
        },
    )
    assert imports("pkg.a", known) == {"pkg.a.b", "pkg.top"}
    assert imports("pkg.a.b", known) == {"pkg.a.c"}
