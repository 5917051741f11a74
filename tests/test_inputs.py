"""Any file a user points --doc at: encodings, line ends, and bad input that must fail cleanly."""

import codecs
import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli.errors import DocumentError, TreatyError
from treatycli.grammar.references import parse_references, resolve_all
from treatycli.loader import BUILTIN_PATH, load_document
from treatycli.loader.decode import decode_bytes
from treatycli.loader.parse import parse_text
from treatycli.model import Source
from treatycli.units import build_units

from .conftest import FIXTURES

STATUTE = (FIXTURES / "zh-statute.txt").read_text(encoding="utf-8")
SEED_UNITS = build_units(load_document())
TRADITIONAL = "第一條 為了規範條約的締結，制定本法。\n\n第二條 本法適用於國際協定。\n"


def non_whitespace(text):
    return Counter(ch for ch in text if not ch.isspace())


# The statute fixture's articles have 1, 1, 2 and 1 paragraphs; the traditional text's two, one each.
@pytest.mark.parametrize(
    "data, encoding, paragraphs",
    [
        (STATUTE.encode("utf-8"), "utf-8", [1, 1, 2, 1]),
        (b"\xef\xbb\xbf" + STATUTE.encode("utf-8"), "utf-8-sig", [1, 1, 2, 1]),
        (STATUTE.encode("utf-16"), "utf-16", [1, 1, 2, 1]),
        (STATUTE.encode("gb18030"), "gb18030", [1, 1, 2, 1]),
        (STATUTE.encode("gbk"), "gb18030", [1, 1, 2, 1]),
        (TRADITIONAL.encode("big5"), "big5", [1, 1]),
        (STATUTE.replace("\n", "\r\n").encode("utf-8"), "utf-8", [1, 1, 2, 1]),
        (STATUTE.replace("\n", "\r").encode("utf-8"), "utf-8", [1, 1, 2, 1]),
    ],
)
def test_encodings_and_line_ends_are_detected(tmp_path, data, encoding, paragraphs):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.source.encoding == encoding
    assert [len(a.paragraphs) for a in doc.articles] == paragraphs


def test_big5_reads_as_traditional_chinese(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    doc = load_document(path)
    assert doc.articles[1].paragraphs[0].text == "本法適用於國際協定。"


def test_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(STATUTE.encode("gb18030"))
    assert (
        load_document(path, encoding="gbk").articles[0].paragraphs[0].text == "为了规范条约的缔结，制定本法。"
    )
    with pytest.raises(DocumentError, match="not valid utf-8"):
        load_document(path, encoding="utf-8")
    with pytest.raises(DocumentError, match="unknown text encoding"):
        load_document(path, encoding="klingon")


def test_a_byte_order_mark_is_not_text_when_the_encoding_is_named(cli, tmp_path):
    """`--encoding utf-8` on a file saved with a BOM: Python's utf-8 keeps U+FEFF, which would
    stand before the first heading and hide article 1."""
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "第一条 双方合作。\n第二条 本条约生效。\n".encode())
    for encoding in ("utf-8", "utf-8-sig"):
        shown = cli("--doc", str(path), "--encoding", encoding, "show", "1")
        assert (shown.code, shown.out, shown.err) == (0, "1.1\t双方合作。\n", "")


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib_codec", "bz2", "uu"])
def test_only_text_encodings_are_accepted(cli, codec):
    result = cli("--encoding", codec, "list")
    assert result.code == 2 and result.out == ""
    assert (
        result.err
        == f"treatycli: unknown text encoding {codec!r}: try utf-8, utf-16, gb18030, big5 or cp1252\n"
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (bytes(range(128, 256)) * 8, "cannot tell its encoding"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message) as caught:
        load_document(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_directory_and_unreadable_paths(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "absent.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        load_document(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text("第一条 文本。", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(DocumentError, match="permission denied"):
            load_document(locked)
    finally:
        locked.chmod(0o644)


def test_cli_bad_file_exits_2_with_one_line(cli, tmp_path):
    path = tmp_path / "bad.bin"
    path.write_bytes(b"\x00" * 100)
    result = cli("--doc", str(path), "list")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and str(path) in result.err


def test_input_file_is_never_changed(tmp_path, cli):
    path = tmp_path / "doc.txt"
    path.write_bytes(STATUTE.encode("gb18030"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    cli("--doc", str(path), "export")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# -- properties ---------------------------------------------------------------------------

_TREATY_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["第一条", "第二条 ", "第3条", "1.", " 2. ", "Article 1", "ARTICLE 2", "附 件", "序言",
                         "兹协议如下", "1999年 4月 16日在莫斯科签署", "(签名)", "  ", "", "\t", "–––",
                         "The General Assembly,", "Recalling the past,", "ANNEX", "Annex", "SECTION 1. COSTS",
                         "PART I", "第一章 总则", "附件一", "（一）甲；", "(a) one;", "1/", "word 1/ more",
                         "Action,1 and", "____________", "/...", "Page 2", "A/RES/1/2", "inter-", "non-",
                         "lower case", "DONE AT GENEVA, this day", "IN WITNESS WHEREOF,", "Agenda item 7",
                         "Fifty-sixth session", "大使      大使", "A (签名)    B (签名)", "第三条之二", "Article 2 bis",
                         "Article 2 -5% of GDP", "第 15-1 條", "第十七条之一", "物权编", "一、管辖", "— 2 —",
                         "笫五十四条", "第一百二十八 条", "第 9 條（刪除）", "第一分编 通则", "Page 2 of 35"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    ),
    max_size=40,
).map("\n".join)  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TREATY_TEXT)
def test_parsing_any_text_loses_no_character(text):
    doc = parse_text(text, Source("t", b"", "utf-8"))
    assert non_whitespace("".join(doc.strings())) == non_whitespace(text.replace("\r", "\n"))
    root = build_units(doc)
    for unit in root.walk():
        if unit is not root:
            (found,) = resolve_all(root, parse_references([unit.ref]))
            assert found is unit


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_to_a_model_or_a_clean_error(data):
    try:
        text, encoding, _ = decode_bytes(data, "x")
    except DocumentError as error:
        assert "\n" not in str(error)
        return
    doc = parse_text(text, Source("x", data, encoding))
    assert non_whitespace("".join(doc.strings())) == non_whitespace(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_reference_parser_accepts_or_refuses_cleanly(text):
    try:
        resolve_all(SEED_UNITS, parse_references([text]))
    except TreatyError as error:
        assert "\n" not in str(error)


def test_builtin_path_is_a_file():
    assert Path(BUILTIN_PATH).is_file()


# -- reading is bounded (issue 9) and a guessed encoding is said (issue 10) -------------------


def test_an_english_windows_1252_treaty_reads_right_and_says_it_was_a_guess(cli, tmp_path):
    text = "Article 1\n\nThe Parties shall cooperate in good faith, naïve or not, at the café “Genève”.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    result = cli("--doc", str(path), "show", "1.1")
    assert (
        result.out == "1.1\tThe Parties shall cooperate in good faith, naïve or not, at the café “Genève”.\n"
    )
    assert result.err == f"treatycli: {path}: read as cp1252, a guess (pass --encoding to choose)\n"
    assert cli("--doc", str(path), "--encoding", "cp1252", "show", "1.1").err == ""


@pytest.mark.parametrize("missing", [1, 2])  # of the three bytes of the seed's last Chinese character
def test_utf8_cut_mid_character_is_said_to_be_cut_short(cli, tmp_path, missing):
    data = Path(BUILTIN_PATH).read_bytes().rstrip()
    assert data[-3:].decode("utf-8") and not data[-3:].isascii()
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-missing])
    result = cli("--doc", str(path), "show", "4")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"treatycli: {path}: UTF-8 that ends in the middle of a character")
    assert result.err.count("\n") == 1 and "cut short" in result.err


def test_ascii_ending_in_one_windows_1252_letter_is_still_guessed(cli, tmp_path):
    """é as the last byte (0xE9) begins a UTF-8 character too: with nothing but ASCII before
    it, the file is no UTF-8 cut short."""
    path = tmp_path / "cafe.txt"
    path.write_bytes("Article 1\n\nThe Parties shall meet at the café".encode("cp1252"))
    result = cli("--doc", str(path), "show", "1.1")
    assert (result.code, result.out) == (0, "1.1\tThe Parties shall meet at the café\n")


def test_bytes_that_read_as_nothing_name_the_way_out(cli, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    result = cli("--doc", str(path), "list")
    assert result.code == 2 and "--encoding" in result.err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_without_reading(cli, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = cli("--doc", device, "list")
    assert result.code == 2
    assert result.err == (
        f"treatycli: {device} is not a regular file (a device, pipe or socket): save the text to a file "
        "(--doc also reads it piped in: --doc -)\n"
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(cli, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = cli("--doc", str(fifo), "list")  # would block forever if it were opened for reading
    assert result.code == 2 and "not a regular file" in result.err


def test_standard_input_is_read_with_a_dash():
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TREATYCLI")}
    done = subprocess.run(
        [sys.executable, "-m", "treatycli", "--doc", "-", "show", "2.1"],
        input=STATUTE.encode("utf-8"), capture_output=True, env=env,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout.decode() == "2.1\t本法适用于以中华人民共和国名义缔结的条约和协定。\n"
    binary = subprocess.run(
        [sys.executable, "-m", "treatycli", "--doc", "-", "list"],
        input=b"\x00" * 10**6,
        capture_output=True,
        env=env,
    )
    assert binary.returncode == 2 and b"standard input: looks like a binary file" in binary.stderr


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "2"], ["cite", "2.1"], ["grep", "条约"], ["grep", "-c", "条约"], ["grep", "-l", "条约"],
     ["grep", "-w", "条约"], ["grep", "条约", "1-2"], ["info"]],
    ids=" ".join,
)  # fmt: skip
def test_standard_input_answers_as_the_file_does(cli, tmp_path, monkeypatch, args):
    """Every command reads a text piped in as it reads the same text from a file (grep of a
    whole file finds its kept records by the file's hash, which standard input has not)."""
    import io

    path = tmp_path / "statute.txt"
    path.write_text(STATUTE, encoding="utf-8")
    from_file = cli("--doc", str(path), *args)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(STATUTE.encode("utf-8"))))
    piped = cli("--doc", "-", *args)
    shown = [line.replace(str(path), "standard input") for line in from_file.lines]
    assert (piped.code, piped.lines) == (from_file.code, shown) and from_file.code == 0


def test_files_over_the_size_limit_are_refused(cli, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(STATUTE * 20, encoding="utf-8")  # about 6 KB
    result = cli("--doc", str(path), "--max-size", "2K", "list")
    size = path.stat().st_size
    assert result.code == 2
    assert result.err == (
        f"treatycli: {path}: {size:,} bytes, over the 2,048-byte limit (pass --max-size, e.g. --max-size 200M)\n"
    )
    assert cli("--doc", str(path), "--max-size", "1M", "list").code == 0
    assert cli("list", "--max-size", "lots").err == (
        "treatycli: --max-size takes a size such as 500K, 64M or 1G, not 'lots'\n"
    )


def test_binary_is_refused_from_the_first_block_before_the_rest_is_read():
    from treatycli.loader import _read_blocks

    blocks = [b"\x00\x01" * 32768] + [b"text " * 13107] * 1000
    asked = []

    def read(size):
        asked.append(size)
        return blocks.pop(0) if blocks else b""

    with pytest.raises(DocumentError, match="binary"):
        _read_blocks(read, "x", 10**9)
    assert len(asked) == 1


def test_a_stream_that_grows_past_the_limit_is_refused_as_it_is_read():
    from treatycli.loader import _read_blocks

    endless = iter(lambda: b"text " * 1000, None)
    with pytest.raises(DocumentError, match="standard input: more than the 100,000-byte limit"):
        _read_blocks(lambda size: next(endless), "standard input", 100_000)


def test_a_named_encoding_reads_utf16_without_a_byte_order_mark(cli, tmp_path):
    path = tmp_path / "utf16le.txt"
    path.write_bytes(
        STATUTE.encode("utf-16-le")
    )  # NUL bytes everywhere: binary, unless the encoding is named
    assert cli("--doc", str(path), "list").code == 2
    assert cli("--doc", str(path), "--encoding", "utf-16-le", "show", "2.1").out == (
        "2.1\t本法适用于以中华人民共和国名义缔结的条约和协定。\n"
    )


def test_standard_input_is_read_once(cli):
    result = cli("--doc", "-", "--doc", "-", "list")
    assert (
        result.code == 2
        and result.err == "treatycli: standard input can be read once: give --doc - only once\n"
    )


@pytest.mark.parametrize(
    "text, codec, expected",
    [
        ("DONE at Genève on 3 March 2001, in two originals.\n\nArticle 1\n\nThe Parties shall cooperate.\n",
         "latin-1", "Genève"),
        ("Sporządzono w Warszawie dnia 3 marca 2001 r. Strony zobowiązują się współpracować.",
         "cp1250", "zobowiązują"),  # many letters beyond ASCII: left to charset-normalizer
    ],
)  # fmt: skip
def test_a_western_name_in_english_is_not_read_as_central_european(tmp_path, text, codec, expected):
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(codec))
    assert expected in "".join(load_document(path).strings())


@pytest.mark.parametrize("empty", ["", " "])
def test_an_empty_doc_says_so(cli, empty):
    result = cli("--doc", empty, "list")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "--doc is empty" in result.err


@given(st.binary(max_size=40) | st.text(max_size=20).map(str.encode), st.integers(1, 7))
def test_utf8_decoded_a_block_at_a_time_is_decoded_whole(data, block):
    """A large text is decoded DECODED_AT_ONCE bytes at a time: the text is the one decoding
    it whole gives, wherever a character is cut between blocks; bytes that are not UTF-8 are
    refused (with the whole decoding's error, which _utf8 raises by decoding it whole)."""
    from treatycli.loader import decode

    saved = decode.DECODED_AT_ONCE
    decode.DECODED_AT_ONCE = block
    try:
        try:
            expected = data.decode("utf-8")
        except UnicodeDecodeError:
            with pytest.raises(UnicodeDecodeError):
                decode._utf8(data)
        else:
            assert decode._utf8(data) == expected
    finally:
        decode.DECODED_AT_ONCE = saved
