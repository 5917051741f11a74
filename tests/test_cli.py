"""One test per command and output form: piped lines, --json, and the terminal."""

import json
import os
import subprocess
import sys

import pytest

from treatycli import fastpath
from treatycli.cli import run_typer

from .conftest import FIXTURES


def test_list_piped(cli):
    result = cli("list")
    assert result.code == 0
    assert len(result.lines) == 12
    assert result.lines[0] == "1\t2\t210\t在即将跨入二十一世纪之际"
    assert [line.split("\t")[1] for line in result.lines] == "2 2 3 2 1 1 3 1 2 1 3 1".split()
    assert "\x1b" not in result.out


def test_list_json(cli):
    records = cli("list", "--json").json
    assert [r["ref"] for r in records] == [str(n) for n in range(1, 13)]
    # article 4 opens "4. 双方将在基于 1992年 5月 15日 集体安全条约 的…" with no comma in reach: the
    # headline is its first 24 characters; article 1's first clause ends at its first comma
    assert {key: value for key, value in records[3].items() if key != "chars"} == {
        "ref": "4", "number": 4, "division": None, "label": "4.", "title": None, "paragraphs": 2,
        "headline": "双方将在基于 1992年 5月 15日 集体安全…",
    }  # fmt: skip
    assert records[0]["headline"] == "在即将跨入二十一世纪之际"
    shown = cli("show", "1-12", "--json").json
    assert [r["chars"] for r in records] == [sum(len(p["text"]) for p in a["paragraphs"]) for a in shown]


def test_list_terminal(cli):
    result = cli("list", terminal=True)
    assert result.code == 0
    assert "在即将跨入二十一世纪之际" in result.out
    assert "Headline" in result.out and "┃" in result.out
    assert "第12条" in result.out


def test_show_piped(cli):
    result = cli("show", "4.2")
    assert result.out == "4.2\t俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上发展军事和技术领域的合作\n"
    assert [line.split("\t")[0] for line in cli("show", "4", "preamble.3").lines] == [
        "4.1",
        "4.2",
        "preamble.3",
    ]


def test_show_json_article_and_paragraph(cli):
    article, paragraph = cli("show", "4", "4.2", "--json").json
    assert article["kind"] == "article" and article["number"] == 4 and article["ref"] == "4"
    assert [p["ref"] for p in article["paragraphs"]] == ["4.1", "4.2"]
    assert paragraph == {
        "ref": "4.2", "kind": "paragraph", "label": "第2款", "article": 4, "number": 2,
        "text": "俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上发展军事和技术领域的合作",
        "items": [],
    }  # fmt: skip


def test_show_json_named_parts(cli):
    preamble, signing, letter = cli("show", "preamble", "signing", "letter", "--json").json
    assert preamble["kind"] == "preamble" and len(preamble["recitals"]) == 6
    assert preamble["formula"] == "兹协议如下"
    assert signing == {"ref": "signing", "kind": "signing", "label": "签署", "date": "1999-04-16",
                       "place": "莫斯科", "text": "1999年 4月 16日在莫斯科签署"}  # fmt: skip
    assert letter["date"] == "1999-04-16" and len(letter["signatories"]) == 2


def test_show_terminal_uses_chinese_headings(cli):
    result = cli("show", "4", terminal=True)
    assert "第4条" in result.out and "第2款" in result.out
    assert "俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上" in result.out.replace("\n", "").replace(
        "│", ""
    ).replace(" ", "")


def test_info_piped_and_json(cli):
    lines = dict(
        line.split("\t", 1)
        for line in cli("info").lines
        if not line.startswith(("letter.signatory", "signatory"))
    )
    assert lines["session"] == "53" and lines["signing.place"] == "莫斯科"
    assert lines["count.articles"] == "12" and lines["count.paragraphs"] == "22"
    record = cli("info", "--json").json
    assert record["session"] == 53
    assert [a["item"] for a in record["agenda"]] == [20, 33, 64, 93, 94, 101, 102, 155]
    assert record["letter"]["date"] == "1999-04-16"
    assert [p["name"] for p in record["signatories"]] == ["叶利钦", "拉赫莫诺夫"]


def test_info_terminal(cli):
    result = cli("info", terminal=True)
    assert "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约" in result.out
    assert "莫斯科" in result.out


def test_export_json_has_every_key(cli):
    model = cli("export", "--json").json
    assert model["format"] == "treatycli/1"
    assert len(model["source"]["sha256"]) == 64
    assert set(model) >= {"source", "title", "session", "agenda", "letter", "preamble", "articles",
                          "signing", "signatories", "unassigned"}  # fmt: skip
    assert [len(a["paragraphs"]) for a in model["articles"]] == [2, 2, 3, 2, 1, 1, 3, 1, 2, 1, 3, 1]
    assert model["signing"]["date"] == "1999-04-16"
    assert model["unassigned"] == []


def test_export_absent_parts_are_null_not_missing(cli):
    model = cli("--doc", str(FIXTURES / "zh-statute.txt"), "export", "--json").json
    assert model["letter"] is None and model["session"] is None and model["agenda"] == []
    assert model["signing"] is None


def test_doc_option_and_environment(cli, monkeypatch):
    assert cli("--doc", str(FIXTURES / "en-treaty.txt"), "show", "2.2").out.startswith("2.2\tThey shall")
    monkeypatch.setenv("TREATYCLI_DOC", str(FIXTURES / "en-treaty.txt"))
    assert cli("show", "article 2(2)").out.startswith("2.2\tThey shall")


@pytest.mark.parametrize(
    "args, needle",
    [
        (["show", "13"], "no article 13: articles are 1-12"),
        (["show", "foo"], "cannot read reference 'foo'"),
        (["--doc", "/nonexistent/t.txt", "list"], "no such file"),
        (["--doc", str(FIXTURES), "list"], "list reads one document, and this run names"),
        (["--color", "purple", "list"], "--color"),
        (["bogus"], "No such command"),
        (["show", "--nope"], "No such option"),
    ],
)
def test_errors_are_one_line_exit_2(cli, args, needle):
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    assert needle in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_document_text_is_never_markup_or_control_codes(cli, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("第一条 [bold]粗体[/bold] \x1b[31m红\x1b[0m 文本。\n", encoding="utf-8")
    for terminal in (False, True):
        out = cli("--doc", str(path), "show", "1", terminal=terminal).out
        assert "[bold]粗体[/bold]" in out
        assert "\x1b[31m" not in out
    raw_json = cli("--doc", str(path), "show", "1", "--json")
    assert "\x1b" not in raw_json.out  # escaped as \u001b, and the data survives the round trip
    assert "\x1b[31m" in raw_json.json[0]["paragraphs"][0]["text"]


def test_color_always_emits_ansi_when_piped(cli):
    assert "\x1b[" in cli("--color", "always", "show", "4").out
    assert "\x1b[" not in cli("--color", "never", "show", "4").out


@pytest.mark.parametrize(
    "args",
    [
        ["list"], ["list", "--json"], ["show", "4"], ["show", "4.2", "preamble", "--json"],
        ["info"], ["info", "--json"], ["export"], ["--doc", str(FIXTURES / "en-treaty.txt"), "show", "2"],
        ["--color=never", "show", "1,4,7"], ["show", "13"],
    ],
)  # fmt: skip
def test_fast_path_and_typer_agree(args, both_paths):
    fast, slow = both_paths(args)
    assert fast == slow


@pytest.mark.parametrize(
    "args", [["--help"], ["show", "--help"], ["show", "-x"], [], ["--doc"], ["list", "extra"]]
)
def test_fast_path_leaves_the_rest_to_typer(args):
    assert fastpath.parse(args) is None


def test_help_lists_every_command_with_an_example():
    from treatycli.cli import cli as app

    for command in app.registered_commands:
        assert "Example: treatycli" in (command.callback.__doc__ or ""), command.name


def test_bare_command_prints_help(capsys):
    assert run_typer([]) == 0
    assert "Commands:" in capsys.readouterr().out


def test_top_level_help_names_every_command(cli):
    from treatycli.cli import cli as app

    help_text = cli("--help").out
    summary = help_text.split("Options:")[0]  # the description, before the tables
    for command in app.registered_commands:
        assert command.name in summary, command.name
    for group in app.registered_groups:
        assert group.name in summary, group.name


EN_TREATY = str(FIXTURES / "en-treaty.txt")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "2.2", "--doc", EN_TREATY],
        ["show", "--doc=" + EN_TREATY, "2.2"],
        ["grep", "--doc", EN_TREATY, "exchange information", "--color", "never"],
    ],
)
def test_global_options_after_the_command(cli, args):
    # en-treaty.txt: Article 2's second paragraph, as the fixture writes it
    assert cli(*args).out == "2.2\tThey shall exchange information on matters of common interest.\n"


def test_closed_pipe_ends_quietly():
    env = {k: v for k, v in os.environ.items() if not k.startswith("TREATYCLI")}
    done = subprocess.run(
        f"{sys.executable} -m treatycli show all | head -1",
        shell=True, capture_output=True, env=env, text=True,
    )  # fmt: skip
    assert done.stdout.startswith("agenda.20\t")
    assert done.stderr == ""


def test_module_entry_point_json_is_utf8():
    env = {k: v for k, v in os.environ.items() if not k.startswith("TREATYCLI")}
    env["PYTHONIOENCODING"] = "ascii"
    done = subprocess.run(
        [sys.executable, "-m", "treatycli", "show", "5", "--json"], capture_output=True, env=env
    )
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8"))[0]["number"] == 5


def test_colour_follows_ripgrep_rules(monkeypatch):
    from treatycli import output

    monkeypatch.setattr(output, "is_terminal", lambda stream=None: True)
    assert output.colour_enabled("auto")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.colour_enabled("auto")
    assert output.colour_enabled("always")  # an explicit request wins, as in ripgrep
    assert not output.colour_enabled("never")
    monkeypatch.setattr(output, "is_terminal", lambda stream=None: False)
    monkeypatch.delenv("NO_COLOR")
    assert not output.colour_enabled("auto") and not output.use_rich("auto") and output.use_rich("always")


def test_labels_from_the_document_are_cleaned_on_a_terminal(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("第一章 \x1b[5m总则\n\n第一条 文本。\n", encoding="utf-8")
    out = cli("--doc", str(path), "show", "chapter1", "1", terminal=True).out
    assert "\x1b[5m" not in out and "总则" in out


def test_what_the_loader_noticed_is_one_line_on_stderr(cli):
    # the fixture has no 第十条 and no 第十三条, repeats 第十二条 and misspells 笫五条
    result = cli("--doc", str(FIXTURES / "zh-damaged-numbering.txt"), "list")
    assert result.code == 0 and result.err.count("\n") == 1
    assert result.err.startswith("treatycli: note: ")
    for fact in ("heading 10 missing", "heading 13 missing", "第十二条", "笫五条"):
        assert fact in result.err, fact
