"""The README documents what the tool does, and does what the README says: every command and
every JSON field is documented where the README describes it, and every example runs."""

import json
import re
import shlex

import pytest

from treatycli.cli import cli as app

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands_ci_runs():
    commands = re.findall(r"^python3 -m venv .*$", README, flags=re.M)
    assert len(commands) >= 2
    assert commands[0].endswith("treatycli list")
    assert "pytest" in commands[1]
    assert README.index(commands[0]) < README.index("## Commands")


def test_every_command_is_in_the_readme_table():
    table = README.split("## Commands\n\n", 1)[1].split("\n\n", 1)[0]
    for command in app.registered_commands:
        assert f"| `{command.name}" in table, command.name
    for group in app.registered_groups:
        for command in group.typer_instance.registered_commands:
            assert f"| `{group.name} {command.name}" in table, (group.name, command.name)


# -- JSON fields: each documented in the README's section on that command's JSON -----------------


def _section(title: str) -> str:
    """The README's `#### title` section, up to the next heading."""
    return README.split(f"#### {title}", 1)[1].split("\n#", 1)[0]


def _keys(value):
    """Every field name in a JSON value, however deep."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def _documented(key: str, section: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", section) is not None


EN_TREATY, STATUTE = str(FIXTURES / "en-treaty.txt"), str(FIXTURES / "zh-statute.txt")
RESOLUTION = str(FIXTURES / "en-un-resolution-annex.pdftext.txt")
BOOKS, DAMAGED = str(FIXTURES / "zh-civil-code-books.txt"), str(FIXTURES / "zh-damaged-numbering.txt")
TWO = ["--doc", EN_TREATY, "--doc", STATUTE]  # a run across documents

JSON_RUNS = {
    "`list --json`": [["list", "--json"], ["--doc", BOOKS, "list", "--json"]],
    "`show --json`": [
        ["show", "all", "--json"], ["--doc", RESOLUTION, "show", "all", "--json"],
        ["--doc", BOOKS, "show", "all", "book2", "--json"], ["--doc", str(FIXTURES / "zh-chapters.txt"), "show",
        "2.1.2", "annex1", "--json"], ["show", "en-treaty:2", *TWO, "--json"],
    ],
    "`info --json`": [["info", "--json"], ["--doc", DAMAGED, "info", "--json"], ["--doc", BOOKS, "info", "--json"]],
    "`export --json`": [["export", "--json"], ["--doc", RESOLUTION, "export"], ["--doc", BOOKS, "export"],
                        ["export", "--format", "jsonl"]],
    "`grep --json`": [["grep", "--json", "-C", "1", "萨雷兹湖"], ["grep", "--json", "-c", "合作"],
                      ["grep", "--json", "--refs-only", "合作"], ["grep", "--json", "-l", "-c", "条约", *TWO],
                      ["grep", "--json", "shall", *TWO]],
    "`cite --json`": [["cite", "--json", "4.2", "1,4,7"], ["cite", "--json", "en-treaty:2", *TWO]],
    "`summarise --json`": [["summarise", "--json"], ["summarise", "4", "--json"], ["summarise", "--json", *TWO],
                           ["summarise", "en-treaty:2", "--json", *TWO]],
}  # fmt: skip


def _json_values(out: str):
    try:
        return [json.loads(out)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in out.splitlines()]  # JSON Lines


@pytest.mark.parametrize("title", sorted(JSON_RUNS))
def test_every_json_field_is_documented_where_the_readme_describes_it(cli, title):
    section = _section(title)
    for args in JSON_RUNS[title]:
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        for key in set(_keys(_json_values(result.out))):
            assert _documented(key, section), (title, args, key)


def test_every_library_json_field_is_documented(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    section = _section("`library list --json`, `library add --json`")
    runs = [["library", "add", STATUTE, "--json"], ["library", "update", "--json"], ["library", "list", "--json"],
            ["library", "remove", "zh-statute", "--json"]]  # fmt: skip
    for args in runs:
        result = cli(*args)
        assert result.code == 0, (args, result.err)
        for key in set(_keys(result.json)):
            assert _documented(key, section), (args, key)


# -- the examples -----------------------------------------------------------------------------------


def _console_examples():
    """($ treatycli … arguments, the lines the README says it prints), from every console block."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((shlex.split(line[2:])[1:], []))
            else:
                examples[-1][1].append(line)
    return examples


@pytest.mark.parametrize("args, printed", _console_examples())
def test_the_readme_console_examples_print_what_the_readme_says(cli, args, printed):
    result = cli(*args)
    assert (result.code, result.lines) == (0, printed)


# PATH, F, [REF...], x.txt, <TAB>
PLACEHOLDER = re.compile(r"^(?:[A-Z][A-Z_]*|[A-Z]+\|.*|.*\.\.\..*|x\.txt|x\.pdf|<TAB>)$")


def _command_examples():
    """Every `treatycli …` the README shows outside console blocks, in order, as arguments: in
    sh blocks and in inline code. Examples that name a placeholder (PATH, REF..., x.txt) or
    install into the user's shell are left out; a pipe or redirection ends the command."""
    text = re.sub(r"```console\n.*?```", "", README, flags=re.S)
    found = re.findall(
        r"^treatycli [^\n]+$", "\n".join(re.findall(r"```sh\n(.*?)```", text, flags=re.S)), re.M
    )
    found += re.findall(r"`(treatycli [^`]+)`", text)
    examples = []
    for command in found:
        words = shlex.split(re.split(r"\s[|>]\s?", command)[0])[1:]
        if any(PLACEHOLDER.match(word) for word in words) or "--install-completion" in words or not words:
            continue
        if "--show-completion" in words or (words[0].startswith("-") and len(words) == 1):
            continue  # help and version print and exit: the CLI tests cover them
        examples.append(words)
    return list(dict.fromkeys(map(tuple, examples)))


def test_the_readme_has_examples_to_run():
    assert len(_command_examples()) >= 15


def test_every_readme_example_runs_and_prints_something(cli, tmp_path, monkeypatch):
    """In README order, in a scratch folder, with a library of their own: `library add
    tests/fixtures` comes before the examples that read the library."""
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    for words in _command_examples():
        result = cli(*words)
        written = any(arg.endswith((".db", ".json")) for arg in words if "-o" in words)
        assert result.code == 0, (words, result.err)
        assert result.out or written, words
