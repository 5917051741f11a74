"""Output that cannot lie: closed and full streams, escape sequences in messages, any locale,
narrow terminals. These run the real entry point in a child process, where file descriptors
can be closed and redirected as a shell does."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli import output

from .conftest import FIXTURES

ENV = {k: v for k, v in os.environ.items() if not k.startswith(("TREATYCLI", "NO_COLOR", "COLUMNS"))}


def sh(command: str, **env) -> subprocess.CompletedProcess:
    """Run `treatycli` through a shell, so that `>&-` and `2>/dev/full` mean what they say."""
    return subprocess.run(
        command.replace("treatycli", f"{sys.executable} -m treatycli", 1),
        shell=True, capture_output=True, env={**ENV, **env},
    )  # fmt: skip


@pytest.mark.parametrize("command", ["list", "--version", "--help", "show --help", "library --help", ""])
def test_closed_stdout_is_one_line_and_exit_2(command):
    """On the fast path and on Typer's (help, version): a script must not read success."""
    done = sh(f"treatycli {command} >&-")
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1
    assert "standard output is closed" in done.stderr.decode()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", ["export", "show all", "grep 合作", "list --json"])
def test_a_full_disk_is_one_line_and_exit_2(command):
    done = sh(f"treatycli {command} > /dev/full")
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "treatycli: cannot write the output: No space left on device (check the disk, or where stdout goes)"
    ]


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_a_closed_or_full_stderr_changes_nothing(stderr):
    if stderr.endswith("full") and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    assert sh(f"treatycli show 99 {stderr}").returncode == 2  # the error could not be shown: still 2
    shown = sh(f"treatycli show all {stderr}")
    assert shown.returncode == 0
    assert shown.stdout.decode().splitlines()[0].startswith("agenda.20\t")
    notes = sh(f"treatycli --doc {FIXTURES / 'plain-notes.txt'} show 2 {stderr}")  # prints a notice
    assert (notes.returncode, notes.stdout.decode()) == (0, "2.1\tWe talked about lighthouses for an hour.\n")


@pytest.mark.parametrize(
    "argument",
    ["x\x1b]0;PWNED\x07", "x\x1b[2J", "x\u202eevil", "x\u200dzwj", "x\u200elrm", "x\U000e0041tag"],
)
def test_escape_sequences_in_messages_are_shown_as_symbols(argument):
    for command in ([sys.executable, "-m", "treatycli", "--doc", argument, "list"],
                    [sys.executable, "-m", "treatycli", "show", argument]):  # fmt: skip
        done = subprocess.run(command, capture_output=True, env=ENV)
        err = done.stderr.decode("utf-8")
        assert done.returncode == 2 and err.count("\n") == 1
        assert not any(ch in err for ch in "\x1b\x07\u202e\u200d\u200e\U000e0041"), err
    done = subprocess.run(
        [sys.executable, "-m", "treatycli", "list"],
        capture_output=True,
        env={**ENV, "TREATYCLI_DOC": argument},
    )
    assert (
        done.returncode == 2 and "\x1b" not in done.stderr.decode() and "\u202e" not in done.stderr.decode()
    )


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["show", "4"], ["grep", "-o", "萨雷兹湖"]])
def test_output_is_utf8_whatever_the_locale_says(args):
    done = subprocess.run(
        [sys.executable, "-m", "treatycli", *args],
        capture_output=True, env={**ENV, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert "Traceback" not in done.stderr.decode()
    assert any(ord(ch) > 127 for ch in text)


def test_json_escapes_invisible_and_bidi_characters(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("第一条 甲\u202e乙\u200d丙\U000e0041丁。\n", encoding="utf-8")
    result = cli("--doc", str(path), "show", "1.1", "--json")
    assert "\\u202e" in result.out and "\\u200d" in result.out and "\\udb40\\udc41" in result.out
    assert not any(ch in result.out for ch in "\u202e\u200d\U000e0041")
    assert json.loads(result.out)[0]["text"] == "甲\u202e乙\u200d丙\U000e0041丁。"


def test_clean_shows_every_invisible_character_as_a_symbol():
    assert output.clean("a\x1bb") == "a\u241bb"
    assert output.clean("a\u200b\u200f\u2066\ufeff\U000e0020b") == "a" + "\ufffd" * 5 + "b"
    assert output.clean("条约 treaty\t") == "条约 treaty\t"


def test_a_narrow_terminal_gets_plain_lines_not_empty_panels(cli, monkeypatch):
    """Below the width the README names, plain lines; from it on, Rich."""
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    width = int(re.search(r"A terminal narrower than (\d+) columns gets the plain lines", readme).group(1))
    for narrow in (12, width - 1):
        monkeypatch.setenv("COLUMNS", str(narrow))
        result = cli("show", "4.2", terminal=True)
        assert (
            result.out
            == "4.2\t俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上发展军事和技术领域的合作\n"
        )
    monkeypatch.setenv("COLUMNS", str(width))
    assert "╭" in cli("show", "4.2", terminal=True).out


@pytest.mark.parametrize("command", ["--help", "--version", "library --help", "list"])
def test_a_reader_that_goes_away_at_once_is_no_error(command):
    """`| true` closes the pipe before anything is read: exit 0 (grep's 1 would mean "not
    found"), on Typer's paths as on the fast path."""
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m treatycli {command} | true"],
        capture_output=True, env=ENV,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == b""


def test_a_reader_that_goes_away_from_rich_output_is_no_error():
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{sys.executable} -m treatycli --color always show all | head -c1"],
        capture_output=True, env=ENV,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == b""  # pipefail: the status is treatycli's


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_help_to_a_full_disk_is_one_line_and_exit_2():
    done = sh("treatycli --help > /dev/full")
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1
    assert "cannot write the output" in done.stderr.decode()


def test_debug_zero_is_no_debug():
    done = sh("treatycli show 13", TREATYCLI_DEBUG="0")
    assert done.returncode == 2 and done.stderr.decode() == "treatycli: no article 13: articles are 1-12\n"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=12,
)


@given(st.lists(_JSON_VALUES, max_size=5))
def test_a_json_array_written_a_record_at_a_time_is_the_array_written_at_once(values):
    """show --json writes its records as they are made (output.json_chunks): the same text as
    to_json of the whole list, line breaks, control characters and all; and so for records
    made as they are written inside a dict (export's articles), at any depth."""
    from treatycli.output import json_chunks, to_json

    assert "".join(json_chunks(iter(values))) == to_json(values) == "".join(json_chunks(values))
    nested = {"format": "f", "inner": {"articles": iter(values), "after": values}, "last": values}
    assert "".join(json_chunks(nested)) == to_json(
        {"format": "f", "inner": {"articles": values, "after": values}, "last": values}
    )


def test_show_json_written_in_pieces_is_written_whole(cli, monkeypatch):
    whole = cli("show", "all", "--json")
    monkeypatch.setattr(output, "_WRITTEN_AT_ONCE", 2000)  # a write every few records
    pieces = cli("show", "all", "--json")
    assert (pieces.code, pieces.out) == (whole.code, whole.out)
    assert [record["ref"] for record in json.loads(pieces.out)][4:7] == ["1", "2", "3"]


def test_records_written_one_by_one_leave_no_encoder_behind_with_the_collector_off():
    """json.dumps with an indent makes functions that refer to each other; with the cyclic
    collector off, as for a run, each record's were left (32 MiB for a 5 MB document)."""
    import gc

    from treatycli.output import json_chunks

    def encoders() -> int:
        return sum(1 for o in gc.get_objects() if getattr(o, "__name__", None) == "_iterencode_dict")

    collecting = gc.isenabled()
    gc.disable()
    try:
        before = encoders()
        written = "".join(json_chunks({"article": [n]} for n in range(1000)))
        left = encoders() - before
    finally:
        if collecting:
            gc.enable()
    assert written.count('"article"') == 1000 and left < 300


class _Captured:
    """A stdout whose buffer keeps what is written."""

    def __init__(self):
        import io

        self.buffer = io.BytesIO()

    def flush(self):
        pass


@given(st.lists(st.text(alphabet="ab\n条 ", max_size=4), max_size=6), st.integers(min_value=1, max_value=5))
def test_lines_written_a_piece_at_a_time_are_the_lines_written_at_once(lines, at_once):
    """emit writes lines as they come (write_chunks of joined_lines): the bytes of writing the
    joined text once, whatever falls at a piece's end."""
    import sys

    real_stdout, real_size = sys.stdout, output._WRITTEN_AT_ONCE
    try:
        sys.stdout = whole = _Captured()
        text = "\n".join(lines)
        if text:
            output.write(text)
        sys.stdout, output._WRITTEN_AT_ONCE = (pieces := _Captured()), at_once
        output.write_chunks(output.joined_lines(iter(lines)))
    finally:
        sys.stdout, output._WRITTEN_AT_ONCE = real_stdout, real_size
    assert pieces.buffer.getvalue() == whole.buffer.getvalue()


@given(st.lists(st.text(alphabet="ab条 ", max_size=4), max_size=6), st.integers(min_value=1, max_value=5))
def test_lines_made_before_an_error_are_written_whole_and_the_error_goes_on(lines, at_once):
    """A grep whose regular expression is stopped finds its hits as they are printed: what
    was made before the error is written (none of it kept back in a piece not yet full),
    each line ended, and the error reaches the caller (exit 2)."""
    from treatycli.errors import PatternError

    def made():
        yield from lines
        raise PatternError("stopped")

    real_stdout, real_size = sys.stdout, output._WRITTEN_AT_ONCE
    try:
        sys.stdout, output._WRITTEN_AT_ONCE = (written := _Captured()), at_once
        with pytest.raises(PatternError):
            output.write_chunks(output.joined_lines(made()))
    finally:
        sys.stdout, output._WRITTEN_AT_ONCE = real_stdout, real_size
    text = "\n".join(lines)  # as printed had there been no error, each line ended
    assert written.buffer.getvalue().decode("utf-8") == (
        text if not text or text.endswith("\n") else text + "\n"
    )


def test_an_output_that_fails_is_not_written_to_again():
    """A write that fails (a full disk) ends the output: what was not written is not
    written again after the error (it was, once, as what was made before an error)."""
    from treatycli.errors import OutputError

    class Full:
        def __init__(self):
            self.calls = 0

        def write(self, data):
            self.calls += 1
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

    class Stdout:
        def __init__(self):
            self.buffer = Full()

        def flush(self):
            pass

    real_stdout, real_size = sys.stdout, output._WRITTEN_AT_ONCE
    try:
        sys.stdout, output._WRITTEN_AT_ONCE = (full := Stdout()), 4
        with pytest.raises(OutputError, match="No space left"):
            output.write_chunks(output.joined_lines(iter(["line one", "line two", "line three"])))
    finally:
        sys.stdout, output._WRITTEN_AT_ONCE = real_stdout, real_size
    assert full.buffer.calls == 1
