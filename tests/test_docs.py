"""The README documents what the tool does: every command, and the JSON fields it prints."""

import json
import re

from treatycli.cli import cli as app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands_ci_runs():
    commands = re.findall(r"^python3 -m venv .*$", README, flags=re.M)
    assert len(commands) >= 2
    assert commands[0].endswith("treatycli list")
    assert "pytest" in commands[1]
    assert README.index(commands[0]) < README.index("## Commands")


def test_every_command_is_in_the_readme_table():
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"| `{name}" in README, name


def test_every_export_field_is_documented(cli):
    model = cli("export", "--json").json
    for key in model:
        assert f'"{key}"' in README, key


def test_every_grep_event_field_is_documented(cli):
    events = [json.loads(line) for line in cli("grep", "--json", "-C", "1", "萨雷兹湖").lines]
    for event in events:
        assert f'"type": "{event["type"]}"' in README
        for key in event["data"]:
            assert f'"{key}"' in README, (event["type"], key)


def test_every_cite_field_is_documented(cli):
    """Each field of `cite --json`, in the README's paragraph on it."""
    documented = README.split("`cite --json`", 1)[1].split("\n\n", 1)[0]
    for record in cli("cite", "--json", "4.2").json:
        for key, value in record.items():
            assert f'"{key}"' in documented, key
            for inner in value if isinstance(value, dict) else ():
                assert f'"{inner}"' in documented, (key, inner)


def _keys(value):
    """Every field name in a JSON value, however deep."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def test_every_summarise_field_is_documented(cli):
    section = README[README.index("## summarise") : README.index("## Cache")]
    for args in (["summarise", "--json"], ["summarise", "4", "--json"]):
        record = cli(*args).json
        assert record["units"]
        for key in set(_keys(record)):
            assert f'"{key}"' in section, key
