"""grep: matching with folding, -w by jieba words, output forms, the cache, exit codes."""

import json
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from treatycli import search, segment, words
from treatycli.errors import PatternError
from treatycli.fold import fold
from treatycli.search import Matcher, Options

from .conftest import FIXTURES, kept_files, read_kept, write_kept


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))


def spans(pattern, text, **options):
    return [text[s:e] for s, e in Matcher([pattern], Options(**options)).spans(text)]


@pytest.mark.parametrize(
    "pattern, text, found",
    [
        ("和平解决争端", "和平\n解决争端", ["和平\n解决争端"]),  # across a hard wrap
        ("独立主权", "尊重独立 主权 领土", ["独立 主权"]),  # across a lost-punctuation space
        ("，", "甲,乙", [","]),  # width and compatibility forms fold (NFKC)
        ("條約", "集体安全条约", ["条约"]),  # traditional finds simplified
        ("条约", "集體安全條約", ["條約"]),  # and the other way round
        ("shall be", "they shall  be bound", ["shall  be"]),  # between words, any whitespace is one space
        ("shallbe", "they shall be bound", []),  # but it is not dropped there
        ("ＡＢＣ", "x ABC y", ["ABC"]),
    ],
)
def test_folding(pattern, text, found):
    assert spans(pattern, text) == found


def test_exact_and_fixed_turn_folding_off():
    assert spans("條約", "集体安全条约", exact=True) == []
    assert spans("独立主权", "独立 主权", fixed=True) == []
    assert spans("独立 主权", "独立 主权", fixed=True) == ["独立 主权"]


def test_ignore_case_and_regex():
    assert spans("SHALL", "It shall.", ignore_case=True) == ["shall"]
    assert spans("SHALL", "It shall.") == []
    assert spans(r"条约|宪章", "条约和联合国宪章", regex=True) == ["条约", "宪章"]
    assert spans(r"\d{4}年", "1999年 4月", regex=True) == ["1999年"]


def test_fold_maps_every_character_back():
    folded = fold("甲 乙\n丙  d  e")
    assert folded.text == "甲乙丙d e"
    assert [folded.origin[i] for i in range(len(folded.text))] == [0, 2, 4, 7, 8, 10]


def test_invalid_regex_says_where():
    with pytest.raises(PatternError, match="at position 3"):
        Matcher(["a(b"], Options(regex=True))


def test_pathological_regex_is_stopped():
    matcher = Matcher([r"(x+x+)+y"], Options(regex=True), timeout=0.05)
    with pytest.raises(PatternError, match="stopped"):
        matcher.spans("x" * 5000)


def test_empty_pattern_is_refused():
    with pytest.raises(PatternError):
        Matcher([""], Options())


# -- the command ------------------------------------------------------------------------


def test_grep_piped_finds_across_wraps(cli):
    result = cli("grep", "和平解决争端")
    assert result.code == 0
    assert [line.split("\t")[0] for line in result.lines] == ["1.1"]


def test_grep_scope_by_references(cli):
    assert [line.split("\t")[0] for line in cli("grep", "合作", "7-9").lines] == [
        "7.1",
        "7.2",
        "7.3",
        "8.1",
        "9.1",
    ]
    assert {line.split("\t")[0].split(".")[0] for line in cli("grep", "合作", "preamble").lines} == {
        "preamble"
    }


def test_grep_nothing_found_exits_1_and_errors_exit_2(cli):
    assert cli("grep", "不存在的词").code == 1
    bad = cli("grep", "-E", "a(b")
    assert bad.code == 2 and "position 3" in bad.err and bad.out == ""
    assert cli("grep", "合作", "13").code == 2
    assert cli("grep", "-o", "-l", "合作").code == 2
    assert cli("grep", "-c", "--refs-only", "合作").code == 2


def test_only_count_list_and_max(cli):
    assert cli("grep", "-o", "萨雷兹湖").out == "9.2\t萨雷兹湖\n"
    assert cli("grep", "-c", "合作", "7-9").lines == ["7\t3", "8\t1", "9\t1"]
    assert cli("grep", "--refs-only", "合作", "7-9").lines == ["7.1", "7.2", "7.3", "8.1", "9.1"]
    assert cli("grep", "-m", "2", "合作").lines[-1].startswith(cli("grep", "--refs-only", "合作").lines[1])
    assert len(cli("grep", "-m", "2", "合作").lines) == 2


def test_context_units(cli):
    lines = cli("grep", "-C", "1", "萨雷兹湖").lines
    assert [line.split("\t")[0] for line in lines] == ["9.1", "9.2", "10.1"]
    assert [line.split("\t")[0] for line in cli("grep", "-B1", "萨雷兹湖").lines] == ["9.1", "9.2"]
    assert [line.split("\t")[0] for line in cli("grep", "-A", "1", "萨雷兹湖").lines] == ["9.2", "10.1"]


def test_context_groups_are_separated(cli):
    lines = cli("grep", "-A", "1", "-e", "萨雷兹湖", "-e", "和平解决争端").lines
    assert lines[2] == "--"
    assert [line.split("\t")[0] for line in lines if line != "--"] == ["1.1", "1.2", "9.2", "10.1"]


def test_several_patterns_combine_with_or(cli):
    assert cli("grep", "-o", "-e", "萨雷兹湖", "-e", "集体安全条约").lines == [
        "4.1\t集体安全条约",
        "9.2\t萨雷兹湖",
    ]


def test_json_lines_events_with_character_and_byte_offsets(cli):
    events = [json.loads(line) for line in cli("grep", "--json", "-C", "1", "萨雷兹湖").lines]
    assert [e["type"] for e in events] == ["begin", "context", "match", "context", "end", "summary"]
    match = events[2]["data"]
    (sub,) = match["submatches"]
    assert match["ref"] == "9.2" and match["text"][sub["start"] : sub["end"]] == sub["match"] == "萨雷兹湖"
    assert match["text"].encode()[sub["byte_start"] : sub["byte_end"]].decode() == "萨雷兹湖"
    summary = events[-1]["data"]
    assert summary["hits"] == 1 and summary["units_searched"] == 47 and summary["elapsed_ms"] >= 0


def test_terminal_output_highlights(cli):
    out = cli("--color", "always", "grep", "萨雷兹湖").out
    assert "\x1b[1;31m萨雷兹湖\x1b[0m" in out  # bold red, the match only
    assert "9.2" in out


def test_document_text_in_grep_output_is_data(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("第一条 [bold]合作[/bold] \x1b[2J 文本。\n", encoding="utf-8")
    for terminal in (False, True):
        out = cli("--doc", str(path), "grep", "合作", terminal=terminal).out
        assert "[bold]" in out and "\x1b[2J" not in out


# -- whole words --------------------------------------------------------------------------


def test_word_match_respects_the_documents_names(cli):
    hits = [json.loads(line) for line in cli("grep", "--json", "-w", "条约", "4").lines]
    (match,) = [e["data"] for e in hits if e["type"] == "match"]
    # 集体安全条约 is one word, so only 该条约 matches as a whole word
    assert [s["match"] for s in match["submatches"]] == ["条约"]
    assert match["text"][match["submatches"][0]["start"] - 1] == "该"
    assert cli("grep", "-w", "-o", "集体安全条约").lines == ["4.1\t集体安全条约"]
    assert cli("grep", "-w", "安全条").code == 1


def test_builtin_segmentation_ships_with_the_package(monkeypatch):
    monkeypatch.setattr(segment, "segment", lambda *a, **k: pytest.fail("jieba ran for the built-in treaty"))
    from treatycli.loader import load_document
    from treatycli.units import build_units

    root = build_units(load_document())
    edges = words.boundaries(search.leaves_in_scope(root, [root]))
    assert len(edges) == 47


def test_shipped_segmentation_is_current():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    from make_builtin_words import builtin_record

    assert json.loads(Path(words.BUILTIN_WORDS).read_text(encoding="utf-8")) == builtin_record()


def test_other_documents_are_segmented_once_and_cached(cli, tmp_path, monkeypatch):
    doc = str(FIXTURES / "zh-statute.txt")
    assert cli("--doc", doc, "grep", "-w", "条约").code == 0
    (cached,) = kept_files(tmp_path / "cache", "words-")
    record = read_kept(cached)
    assert record["format"] == words.FORMAT and set(record["units"]) >= {"1.1", "2.1"}
    monkeypatch.setattr(
        segment, "segment", lambda *a, **k: pytest.fail("jieba ran although the cache was warm")
    )
    assert cli("--doc", doc, "grep", "-w", "-o", "条约").lines == ["1.1\t条约", "2.1\t条约", "3.1\t条约"]


def test_a_damaged_cache_is_rebuilt(cli, tmp_path):
    doc = str(FIXTURES / "zh-statute.txt")
    cli("--doc", doc, "grep", "-w", "条约")
    (cached,) = kept_files(tmp_path / "cache", "words-")
    cached.write_bytes(cached.read_bytes()[:-1])  # torn: its checksum no longer holds
    assert cli("--doc", doc, "grep", "-w", "-o", "条约").lines == ["1.1\t条约", "2.1\t条约", "3.1\t条约"]
    assert read_kept(cached)["format"] == words.FORMAT


@pytest.mark.parametrize(
    "args",
    [
        ["grep", "合作"], ["grep", "合作", "7-9"], ["grep", "-c", "合作"], ["grep", "-ol", "合作"],
        ["grep", "-C2", "萨雷兹湖"], ["grep", "-A", "1", "-B", "1", "萨雷兹湖"], ["grep", "--json", "和平"],
        ["grep", "-e", "条约", "-e", "宪章", "4"], ["grep", "-m", "1", "合作"], ["grep", "-wo", "条约"],
        ["grep", "--exact", "独立 主权"], ["grep", "-F", "独立主权"], ["grep", "-iE", "x|y"],
        ["grep", "--", "-1"], ["grep", "--regexp=合作", "--max-count=1", "--context", "1"], ["grep", "-E", "a("],
    ],
)  # fmt: skip
def test_grep_fast_path_and_typer_agree(args, both_paths):
    fast, slow = both_paths(args)
    assert fast == slow


class _FakeStatus:
    def __init__(self, log):
        self.log = log

    def start(self):
        self.log.append("start")

    def stop(self):
        self.log.append("stop")


def _fake_console(log):
    class Console:
        def __init__(self, **kwargs):
            log.append(("console", kwargs.get("stderr")))

        def status(self, message):
            log.append(message)
            return _FakeStatus(log)

    return Console


def test_spinner_appears_on_stderr_only_after_half_a_second(monkeypatch):
    import time

    import rich.console

    from treatycli import output
    from treatycli.commands import presentation

    log = []
    monkeypatch.setattr(rich.console, "Console", _fake_console(log))
    monkeypatch.setattr(output, "is_terminal", lambda stream=None: True)
    quick = presentation.spinner("auto")
    quick(True)
    quick(False)
    time.sleep(0.6)
    assert log == []
    slow = presentation.spinner("auto")
    slow(True)
    time.sleep(0.7)
    slow(False)
    assert log[0] == ("console", True) and log[-2:] == ["start", "stop"]


def test_no_spinner_when_stderr_is_not_a_terminal(monkeypatch):
    from treatycli import output
    from treatycli.commands import presentation

    monkeypatch.setattr(output, "is_terminal", lambda stream=None: False)
    assert presentation.spinner("auto") is None


_SEED_LEAVES = None


def _seed_leaves():
    global _SEED_LEAVES
    if _SEED_LEAVES is None:
        from treatycli.loader import load_document
        from treatycli.units import build_units

        root = build_units(load_document(FIXTURES / "en-un-resolution-annex.pdftext.txt"))
        english = search.leaves_in_scope(root, [root])
        root = build_units(load_document())
        _SEED_LEAVES = search.leaves_in_scope(root, [root]) + english
    return _SEED_LEAVES


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_piece_of_a_unit_is_found_in_it(data):
    leaves = _seed_leaves()
    unit = leaves[data.draw(st.integers(0, len(leaves) - 1))]
    start = data.draw(st.integers(0, len(unit.text) - 1))
    end = data.draw(st.integers(start + 1, len(unit.text)))
    piece = unit.text[start:end]
    if not piece.strip():
        return
    for options in (Options(), Options(exact=True), Options(fixed=True), Options(ignore_case=True)):
        found = Matcher([piece], options).spans(unit.text)
        assert found, (options, piece)
        # each span, folded, is the piece folded
        for s, e in found:
            assert (
                fold(unit.text[s:e], options.ignore_case, options.exact or options.fixed).text
                == fold(piece, options.ignore_case, options.exact or options.fixed).text
            )


# -- bounded work and exact folding (issue 9) ---------------------------------------------


def test_the_regex_time_limit_bounds_the_whole_run_not_each_unit(monkeypatch):
    """The searches of a run share one budget of matching time; time between them (folding
    the next unit, reading the document) is not the pattern's and does not count."""
    clock = [0.0]

    def monotonic():
        clock[0] += 0.15  # each reading of the clock: as if the search around it took time
        return clock[0]

    monkeypatch.setattr(search, "monotonic", monotonic)  # the clock the matcher reads
    matcher = Matcher(["合作"], Options(regex=True), timeout=1.0)
    for _ in range(6):  # six searches of 0.15 s each: 0.9 s of the 1 s
        assert matcher.spans("合作") == [(0, 2)]
        clock[0] += 100.0  # a long pause between searches costs nothing
    assert matcher.spans("合作") == [(0, 2)]  # the seventh starts with 0.1 s left and spends it
    with pytest.raises(PatternError, match=r"over 1s in all"):
        matcher.spans("合作")


def test_regex_timeout_option_and_its_bounds(cli):
    assert cli("grep", "-E", "--regex-timeout", "5", "萨雷兹湖").code == 0
    for bad in ("0", "-1", "inf", "nan"):
        result = cli("grep", "-E", "--regex-timeout", bad, "合作")
        assert result.code == 2 and "--regex-timeout" in result.err and result.out == ""


@pytest.mark.parametrize(
    "pattern", ["(?R)", "a(?1)b", "(a|(?0))", "(?&name)(?P<name>x)", "(?P>n)(?P<n>x)", "(?+1)(x)"]
)
def test_recursive_patterns_are_refused(pattern):
    with pytest.raises(PatternError, match="recursive"):
        Matcher([pattern], Options(regex=True))


@pytest.mark.parametrize("pattern", [r"[(?R)]", r"\(?R\)", r"[]?(]R\)"])
def test_look_alikes_of_recursion_are_ordinary_patterns(pattern):
    """A set holding (?R), or escaped brackets: they match as Python's own engine reads them."""
    import re

    text = "a (R) b ?R) c"
    expected = [match.span() for match in re.finditer(pattern, text)]
    assert expected and Matcher([pattern], Options(regex=True)).spans(text) == expected


@pytest.mark.parametrize(
    "pattern, text, found",
    [
        ("（", "甲（乙", ["（"]),  # full-width parenthesis: a literal, not the start of a group
        ("合＊", "合合作", []),  # ＊ is a literal star, not "any number of 合"
        ("合＊", "合*作", ["合*"]),
        ("[Ａ－Ｃ]", "B", []),  # － is a literal hyphen in a set, not a range
        ("[Ａ－Ｃ]", "-", ["-"]),
        ("条约|宪章", "联合国宪章", ["宪章"]),  # ASCII syntax keeps its meaning
        ("第．条", "第.条 第四条", ["第.条"]),
    ],
)
def test_full_width_punctuation_in_a_regex_stays_literal(pattern, text, found):
    assert spans(pattern, text, regex=True) == found


def test_fixed_and_ignore_case_find_text_beside_characters_that_lower_to_two():
    text = "İstanbul Treaty of the SEA"
    assert spans("treaty", text, fixed=True, ignore_case=True) == ["Treaty"]
    assert spans("sea", text, exact=True, ignore_case=True) == ["SEA"]
    assert spans("i̇stanbul", text, fixed=True, ignore_case=True) == ["İstanbul"]


def test_context_costs_what_it_prints():
    from treatycli.loader import load_document
    from treatycli.units import build_units

    root = build_units(load_document())
    leaves = search.leaves_in_scope(root, [root])
    hits = search.search(leaves, Matcher(["合作"], Options()))
    (group,) = search.with_context(leaves, hits, 10**15, 10**15)  # no list of 10**15 indices is made
    assert [unit for unit, _ in group] == leaves


def test_json_events_for_count_and_refs_only(cli):
    counted = [json.loads(line) for line in cli("grep", "--json", "-c", "合作", "7-9").lines]
    assert [e["data"] for e in counted if e["type"] == "count"] == [
        {"ref": "7", "count": 3}, {"ref": "8", "count": 1}, {"ref": "9", "count": 1},
    ]  # fmt: skip
    listed = [json.loads(line) for line in cli("grep", "--json", "--refs-only", "萨雷兹湖").lines]
    assert [e["type"] for e in listed] == ["begin", "ref", "end", "summary"]
    assert listed[1]["data"] == {"ref": "9.2", "kind": "paragraph", "label": "第2款"}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60), st.booleans())
def test_fold_text_is_fold_without_the_map(text, ignore_case):
    from treatycli.fold import fold_text, lower_text

    folded = fold_text(text)
    assert (lower_text(folded) if ignore_case else folded) == fold(text, ignore_case).text


@pytest.mark.parametrize(
    "text",
    [
        "甲 乙\n丙  d  e ",
        "  a \u3000 b ",
        "ΣΑΣ σ ς İi",
        "¨ a\u00a0b",
        "第 1 条 Article 2",
        "a\tb\x00c",
        "条約 ＡＢＣ　天",
        "الأطراف \u064b في",  # -i drops the vowel mark: the spaces on each side are one
        " \u064b a",
        "中 \u064b a \u064c",
    ],
)
def test_fold_text_on_the_cases_fold_works_hardest_at(text):
    from treatycli.fold import fold_text, lower_text

    assert fold_text(text) == fold(text).text
    assert lower_text(fold_text(text)) == fold(text, ignore_case=True).text


def test_matches_of_a_literal_do_not_overlap_as_in_grep(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("Article 1\n\naaaa banana\n", encoding="utf-8")
    assert cli("--doc", str(path), "grep", "-o", "ana").lines == ["1.1\tana"]  # b[ana]na, not "anana"
    assert cli("--doc", str(path), "grep", "-c", "aa").lines == ["1\t2"]  # [aa][aa] banana


def test_whole_words_in_traditional_text(cli):
    # zh-hant-treaty.txt: 第二條 … 雙方應當交換下列資訊：  (the words 雙方, 應當, 交換)
    doc = str(FIXTURES / "zh-hant-treaty.txt")
    assert [line.split("\t")[0] for line in cli("--doc", doc, "grep", "-w", "交換").lines] == ["2.2"]
    assert cli("--doc", doc, "grep", "-w", "雙方應").code == 1  # not a word: it spans two


_TEXT = st.characters(codec="utf-8", exclude_categories=("Cs",))
# what treaties hold, with the characters whose folding is hardest: several from one, none, spaces
_TREATY = st.sampled_from(list("条約條合作 Aa\tÉéßİ\u3000\u00a0¨ﬁ①，,ΣςЙ\u064bم1\n"))


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(_TEXT, _TREATY), max_size=40), st.booleans())
def test_the_fold_worked_out_in_c_is_the_fold_character_by_character(text, ignore_case):
    """fold() takes a table and a pass over whitespace runs where each character folds to
    one; the text and every offset of its map must be what the loop over characters gives."""
    from treatycli import fold as folding

    quick = folding._fold_one_to_one(text, ignore_case)
    slow = _fold_each(text, ignore_case)
    if quick is not None:
        assert (quick.text, list(quick.origin)) == (slow.text, list(slow.origin))
    assert (fold(text, ignore_case).text, list(fold(text, ignore_case).origin)) == (
        slow.text,
        list(slow.origin),
    )


def test_the_fold_in_c_takes_texts_of_one_to_one_characters_only():
    from treatycli import fold as folding

    assert folding._fold_one_to_one("第 1 条  Article  2", False) is not None
    assert folding._fold_one_to_one("ﬁnal", False) is None  # ﬁ folds to two
    assert folding._fold_one_to_one("كتب\u064b", True) is None  # -i drops an Arabic vowel mark
    assert folding._fold_one_to_one("كتب\u064b", False) is not None


def _fold_each(text, ignore_case=False):
    """fold() one character at a time, as it folds a text with a character that folds to
    several."""
    from treatycli import fold as folding

    real = folding._fold_one_to_one
    folding._fold_one_to_one = lambda text, ignore_case: None
    try:
        return folding.fold(text, ignore_case)
    finally:
        folding._fold_one_to_one = real


def test_a_text_longer_than_a_fold_chunk_folds_whole():
    """fold() joins its output in chunks (memory on a huge one-line text): a space or a
    character at a chunk's edge folds as anywhere else, and every offset maps back."""
    from treatycli.fold import _CHUNK, fold_text

    fold = _fold_each
    words = ["条約", " ", "Treaty", " ", "ＡＢ", "\n", "合作", " ", "x"]
    text = "".join(words[i % len(words)] for i in range(_CHUNK))
    folded = fold(text)
    assert len(folded.text) > _CHUNK and folded.text == fold_text(text)
    # offsets held 4 bytes each, not as an int object per character (a 10 MB line took 1.4 GB)
    assert folded.origin.itemsize == 4 and len(folded.origin) == len(folded.text)
    for i, ch in enumerate(folded.text):
        source = text[folded.origin[i]]
        assert ch == " " if source.isspace() else ch in fold(source).text


# -- several -E patterns: one scan (issue 21) ----------------------------------------------

SEVERAL = ["萨雷兹湖", "集体安全条约", r"\d{4}年", "BOREALIA", "联合国宪章", "无此之文"]


@pytest.mark.parametrize("need_spans", [True, False])
def test_several_regex_patterns_scan_a_unit_none_of_them_matches_once(regex_scans, need_spans):
    # every -e pattern scanned every unit: 6 patterns, 6 scans of each unit
    leaves = _seed_leaves()
    matcher = Matcher(SEVERAL, Options(regex=True))
    regex_scans.clear()
    hits = search.search(leaves, matcher, need_spans=need_spans)
    assert 0 < len(hits) < len(leaves) / 4
    assert len(regex_scans) <= len(leaves) + len(SEVERAL) * len(hits)


def _one_by_one(patterns, text, options):
    found = [span for pattern in patterns for span in Matcher([pattern], options).spans(text)]
    return search._disjoint(found)


def test_several_regex_patterns_find_what_each_finds_alone():
    leaves = _seed_leaves()
    for options in (Options(regex=True), Options(regex=True, ignore_case=True)):
        matcher = Matcher(SEVERAL, options)
        for unit in leaves:
            alone = _one_by_one(SEVERAL, unit.text, options)
            assert (matcher.spans(unit.text), matcher.matches(unit.text)) == (alone, bool(alone)), unit.ref


# pieces of patterns, some of which mean something else beside other patterns: a
# backreference counts the groups before it, an inline flag reaches past its pattern
_PIECES = ["a", "b", "ab", "abc", "cde", "a*", "x?", "(a)\\1", "(?i)B", "b|c", "^a", "e$", "(?=b)", "[ab]+",
           "\\bab", ".", "(?x) a b", "(?P<n>c)(?P=n)", "(?i:A)b", "(?:)", "\\G.", "(?<=a)b"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=2, max_size=4),
    st.text(alphabet="abcdeAB x", max_size=12),
    st.booleans(),
)
def test_regex_patterns_joined_match_as_each_alone(patterns, text, ignore_case):
    options = Options(regex=True, ignore_case=ignore_case)
    matcher = Matcher(patterns, options)
    alone = _one_by_one(patterns, text, options)
    assert matcher.spans(text) == alone
    assert matcher.matches(text) == bool(alone)


# -- grep -l: the documents that match, as rg -l lists files (issue 21) ----------------------

STATUTE, CHAPTERS = str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "zh-chapters.txt")


def test_files_with_matches_names_each_document_that_matches_once(cli):
    # -l printed a reference per matching unit; rg -l prints each file with a match
    assert cli("grep", "-l", "合作").lines == ["ru-tj-allied-cooperation-1999.zh.txt"]  # the seed's file
    assert cli("--doc", STATUTE, "grep", "-l", "国务院").lines == [STATUTE]  # the file as given
    several = ["--doc", STATUTE, "--doc", CHAPTERS]
    assert cli(*several, "grep", "-l", "国务院").lines == ["zh-statute"]  # the names NAME:REF qualifies with
    assert cli(*several, "grep", "-l", "施行").lines == ["zh-statute", "zh-chapters"]
    nothing = cli(*several, "grep", "-l", "不存在的词")
    assert (nothing.code, nothing.out) == (1, "")


def test_files_with_matches_and_count_give_the_matches_of_each_document(cli):
    # zh-statute.txt holds 国务院 twice (article 3); zh-chapters.txt 合作 eight times (its title,
    # articles 1, 2 and 4, and its annex's heading)
    several = ["--doc", STATUTE, "--doc", CHAPTERS]
    assert cli(*several, "grep", "-l", "-c", "国务院").lines == ["zh-statute\t2"]
    assert cli(*several, "grep", "-l", "-c", "-e", "国务院", "-e", "合作").lines == [
        "zh-statute\t2",
        "zh-chapters\t8",
    ]
    per_article = cli("grep", "-c", "合作").lines
    assert cli("grep", "-l", "-c", "合作").lines == [
        f"ru-tj-allied-cooperation-1999.zh.txt\t{sum(int(line.split(chr(9))[1]) for line in per_article)}"
    ]


def test_files_with_matches_as_json_has_a_document_event_per_document(cli):
    events = [
        json.loads(line)
        for line in cli("--doc", STATUTE, "--doc", CHAPTERS, "grep", "--json", "-l", "施行").lines
    ]
    assert [e["type"] for e in events] == ["begin", "document", "end", "begin", "document", "end", "summary"]
    assert events[1]["data"] == {"doc": "zh-statute", "source": STATUTE, "title": "中华人民共和国示例条约法"}
    assert events[4]["data"] == {"doc": "zh-chapters", "source": CHAPTERS, "title": "示例合作条例"}
    assert (events[2]["data"]["hits"], events[5]["data"]["matches"]) == (1, 1)


# -- a large document's folded text, kept (issue 21) ----------------------------------------

FISH_STOCKS = ["--doc", str(FIXTURES / "en-un-fish-stocks.pdftext.txt")]
PATTERNS = ["molluscs", "mutatis mutandis", "无此之文"]


@pytest.fixture
def folds(monkeypatch):
    """The unit texts grep folds, with the map (fold) or without (fold_text): (how, text)."""
    from treatycli import fold as fold_module
    from treatycli import folded, searchable

    monkeypatch.setattr(folded, "KEPT_FROM", 1000)  # the fixture has about 2,700 characters
    # the kept folded text alone: the record of the whole text would answer before it (searchable.py)
    monkeypatch.setattr(searchable, "read", lambda *args: None)
    calls = []
    for name in ("fold", "fold_text"):
        real = getattr(fold_module, name)

        def counted(text, *args, real=real, name=name, **kwargs):
            if text not in PATTERNS:
                calls.append(name)
            return real(text, *args, **kwargs)

        monkeypatch.setattr(fold_module, name, counted)
        if hasattr(search, name):
            monkeypatch.setattr(search, name, counted)
    return calls


def test_a_large_documents_units_are_folded_once_for_every_run(cli, folds):
    # grep folded every unit on every run (9 s on 50 MB to find nothing); a large document's
    # folded text is kept, and a unit is folded again only where a pattern matches in it
    for _ in range(2):
        folds.clear()
        assert cli(*FISH_STOCKS, "grep", "无此之文").code == 1
        assert "fold" not in folds  # nothing matched: nothing folded with the map
        folds.clear()
        found = cli(*FISH_STOCKS, "grep", "-o", "-e", PATTERNS[0], "-e", PATTERNS[1])
        # the fixture's molluscs (line 31) and mutatis mutandis (lines 37, 42 and 68), in four units
        assert len(found.lines) == len({line.split("\t")[0] for line in found.lines}) == 4
        assert folds.count("fold") == 4
    assert "fold_text" not in folds  # the second run read the folded text the first kept


def test_the_whole_folded_text_is_not_made_for_a_search_that_cannot_use_it(cli, folds, tmp_path):
    """-F and --exact match unfolded text, and one article's few units cost less to fold than
    the whole document's kept text costs to read: neither makes (or reads) it."""
    for args in (["-F", "molluscs"], ["--exact", "molluscs"], ["molluscs", "1"]):
        cli(*FISH_STOCKS, "grep", *args)
        assert not kept_files(tmp_path / "cache", "folded-"), args
    assert cli(*FISH_STOCKS, "grep", "molluscs").code == 0
    assert len(kept_files(tmp_path / "cache", "folded-")) == 1


def test_a_kept_folded_text_that_does_not_fit_is_folded_again(cli, folds, tmp_path):
    first = cli(*FISH_STOCKS, "grep", "-c", "molluscs").lines
    (kept,) = kept_files(tmp_path / "cache", "folded-")
    assert None in read_kept(kept)["texts"]  # a text folding leaves alone is not kept twice
    data = kept.read_bytes()
    kept.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # a byte changed on disk, not its checksum
    folds.clear()
    assert cli(*FISH_STOCKS, "grep", "-c", "molluscs").lines == first == ["1\t1"]
    assert "fold_text" in folds
    record = read_kept(kept)  # written again
    record["texts"] = record["texts"][:-1]  # a text short, in a record whose checksum holds
    write_kept(kept, record)
    folds.clear()
    assert cli(*FISH_STOCKS, "grep", "-c", "molluscs").lines == first
    assert "fold_text" in folds


# -- what -i and folding find in the UN's other languages (review of issue 20) ---------------


@pytest.fixture
def european(tmp_path):
    path = tmp_path / "mix.txt"
    path.write_text(
        "TRAITÉ D'AMITIÉ\n\nArticle premier\nLa sécurité des Parties est assurée. L'ŒUVRE commune.\n\n"
        "Article 2\nDie Straße ist GROSS.\n\n"
        "Article 3\nLa se\u0301curite\u0301 collective.\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(
    "args, refs",
    [
        (["-E", "-i", "SÉCURITÉ"], ["1.1", "3.1"]),  # the pattern loses its accents as the text does
        (["-E", "-i", "s[eé]curit"], ["1.1", "3.1"]),
        (["-i", "securite"], ["1.1", "3.1"]),
        (["sécurité"], ["1.1", "3.1"]),  # e and U+0301 (article 3) is é
        (["-E", "sécurité"], ["1.1", "3.1"]),
        (["-i", "strasse"], ["2.1"]),  # ß is ss
        (["-i", "groß"], ["2.1"]),
        (["-i", "oeuvre"], ["1.1"]),  # Œ is oe
        (["-F", "sécurité"], ["1.1"]),  # -F matches as written, code point by code point
    ],
)
def test_case_accents_ligatures_and_decomposed_letters_fold_alike(cli, european, args, refs):
    done = cli("--doc", european, "grep", *args)
    assert (done.code, [line.split("\t")[0] for line in done.lines]) == (0, refs)


def test_a_match_ends_after_the_marks_composed_with_its_last_letter(cli, european):
    assert cli("--doc", european, "grep", "-o", "-i", "securite").lines == [
        "1.1\tsécurité",
        "3.1\tse\u0301curite\u0301",
    ]


def test_whole_words_of_other_scripts_stay_whole_beside_chinese(cli, tmp_path):
    """jieba, used for a text with Chinese in it, cuts Cyrillic and Arabic words to letters."""
    path = tmp_path / "mixed.txt"
    path.write_text(
        "TREATY\n\nArticle 1\nThe Parties shall meet in Beijing (北京).\n\n"
        "Article 2\nСторонами and Стороны; سلام عليكم\n",
        encoding="utf-8",
    )
    doc = str(path)
    for part in ("Сто", "ами", "عليك"):
        assert cli("--doc", doc, "grep", "-w", part).code == 1, part
    assert cli("--doc", doc, "grep", "-w", "-o", "Стороны").lines == ["2.1\tСтороны"]
    assert cli("--doc", doc, "grep", "-w", "-o", "عليكم").lines == ["2.1\tعليكم"]
    assert cli("--doc", doc, "grep", "-w", "-o", "北京").lines == ["1.1\t北京"]


def test_hangul_written_as_jamo_is_found_as_typed(cli, tmp_path):
    path = tmp_path / "ko.txt"
    path.write_text(
        "TREATY\n\nArticle 1\nThe \u1112\u1161\u11ab\u1100\u116e\u11a8 Parties.\n", encoding="utf-8"
    )
    assert cli("--doc", str(path), "grep", "-o", "한국").lines == [
        "1.1\t\u1112\u1161\u11ab\u1100\u116e\u11a8"
    ]


def test_whole_words_in_full_width_letters_stay_whole_beside_chinese(cli, tmp_path):
    path = tmp_path / "fw.txt"
    path.write_text("第一条\n缔约方Ｐａｒｔｉｅｓ同意合作。\n", encoding="utf-8")
    assert cli("--doc", str(path), "grep", "-w", "Part").code == 1
    assert cli("--doc", str(path), "grep", "-w", "-o", "Parties").lines == ["1.1\tＰａｒｔｉｅｓ"]


@pytest.mark.parametrize(
    "args",
    [
        ["-E", "-i", "[ß]"],
        ["-E", "-i", "Stra[ß]e"],
        ["-E", "[ﬁ]"],
        ["-E", "-i", "[À-Ö]"],
        ["-E", "-i", "[æ]"],
        ["-E", "-i", "[[:digit:]ß]"],  # the ] of [:digit:] closes nothing
        ["-E", "-i", "[[:digit:]À-Ö]"],
        ["-E", "-i", "(?V1)[[0-9]ß]"],  # nor does a set's within the set
    ],
)
def test_a_class_whose_letters_fold_to_several_or_others_is_refused_not_widened(cli, european, args):
    """[ß] under -i became [ss], which matched the s of Parties; [À-Ö] became [a-o]."""
    done = cli("--doc", european, "grep", *args)
    assert (done.code, done.out) == (2, "") and len(done.err.splitlines()) == 1 and "class" in done.err


@pytest.mark.parametrize(
    "args, found",
    [
        (["-E", "-i", "-o", r"caf\u00e9"], ["1.1\tcafé"]),  # a letter written as its code folds too
        (["-E", "-i", "-o", r"caf\N{LATIN SMALL LETTER E WITH ACUTE}"], ["1.1\tcafé"]),
        (["-E", "-i", "-o", "stra(?:ss)e"], ["2.1\tStraße"]),
        (["-E", "-o", "[é]t"], ["1.1\tét"]),
        (["-E", "-i", "-o", "caf[^é]"], []),
    ],
)
def test_classes_and_codes_fold_as_literals_do(cli, tmp_path, args, found):
    path = tmp_path / "t.txt"
    path.write_text("TREATY\n\nArticle 1\nUn café. L'été.\n\nArticle 2\nDie Straße.\n", encoding="utf-8")
    done = cli("--doc", str(path), "grep", *args)
    assert (done.code, done.lines) == (0 if found else 1, found)


@pytest.mark.parametrize(
    "pattern, found",
    [
        # full-width letters fold to A-Z one for one: the range folds with them (and with -i
        # finds any Latin letter: Été is folded as ete)
        ("[Ａ-Ｚ]+", ["title\tTREATY", "1.1\tÉté", "1.1\tＡＢＣ"]),
        ("[０-９]+", ["1.1\t１２"]),
        ("[é-]t", ["1.1\tÉt"]),  # a - last in a class is itself, not a range
    ],
)
def test_a_range_whose_letters_fold_one_for_one_folds_with_them(cli, tmp_path, pattern, found):
    path = tmp_path / "t.txt"
    path.write_text("TREATY\n\nArticle 1\nÉté ＡＢＣ １２.\n", encoding="utf-8")
    done = cli("--doc", str(path), "grep", "-E", "-o", "-i", pattern)
    assert (done.code, done.lines) == (0, found)


def test_a_code_past_unicode_is_the_engines_error_in_one_line(cli):
    done = cli("grep", "-E", r"\U00110000")
    assert (done.code, done.out, done.err.count("\n")) == (
        2,
        "",
        1,
    ) and "invalid regular expression" in done.err


@settings(max_examples=400, deadline=None)
@given(
    st.text(st.one_of(_TEXT, _TREATY), max_size=40),
    st.sampled_from(["a", "s", "合作", "条約", "é", "ss", "fi", "a b", "e", "Σ"]),
    st.sampled_from(
        [Options(), Options(ignore_case=True), Options(fixed=True), Options(exact=True, ignore_case=True)]
    ),
)
@example("sß", "s", Options(ignore_case=True))  # ß is ss: two matches in the folded text share it
@example("ﬁﬁ", "i", Options())
@example("se\u0301e", "e", Options())
def test_a_count_without_the_spans_is_the_number_of_spans(text, literal, options):
    """grep -c counts a literal in the folded text where every character folds to one: the
    count must be what working out the spans gives, or not be given."""
    matcher = Matcher([literal], options)
    if matcher.counts_sure([text]):
        assert matcher.count_in(text) == len(matcher.spans(text))


@given(st.lists(st.text(st.one_of(_TEXT, _TREATY), max_size=8), max_size=8), st.booleans(), st.integers(1, 9))
def test_texts_are_looked_at_in_batches_as_if_joined(texts, ignore_case, chunk):
    """folds_one_to_one reads a document's texts a batch at a time (not joined whole): the
    answer is the joined text's, wherever the batches end."""
    from treatycli import fold

    joined = fold.folds_one_to_one(["".join(texts)], ignore_case)
    saved = fold._CHUNK
    fold._CHUNK = chunk
    try:
        assert fold.folds_one_to_one(texts, ignore_case) == joined
    finally:
        fold._CHUNK = saved


def test_grep_c_counts_as_it_did_with_the_spans(cli, monkeypatch):
    args = [*FISH_STOCKS, "grep", "-c", "-i", "the"]
    counted, real = [], Matcher.count_in
    monkeypatch.setattr(Matcher, "count_in", lambda self, *a: counted.append(a) or real(self, *a))
    quick = cli(*args)
    assert counted, "the count was not taken from the folded text"
    monkeypatch.setattr(Matcher, "counts_sure", lambda self, texts: False)
    assert quick.lines == cli(*args).lines and quick.lines


def test_a_text_that_folding_leaves_alone_is_held_once(monkeypatch):
    """folded_texts gives a unit's own text where folding changes nothing, whether it folds
    now or reads what it kept: an equal copy of a large document's text would be held too."""
    from treatycli import folded
    from treatycli.loader import load_document
    from treatycli.units import build_units

    monkeypatch.setattr(folded, "KEPT_FROM", 0)
    leaves = search.leaves_in_scope(root := build_units(load_document()), [root])
    for _ in ("folded now", "read back"):
        texts = folded.folded_texts(leaves)
        alone = [leaf.text for leaf, text in zip(leaves, texts, strict=True) if text == leaf.text]
        assert alone and all(
            text is leaf.text for leaf, text in zip(leaves, texts, strict=True) if text == leaf.text
        )


@pytest.mark.parametrize("ignore_case", [False, True])
def test_every_unified_ideograph_folds_to_one_character(ignore_case):
    """What folds_one_to_one takes for granted, so as not to look at each of them in a text."""
    from treatycli.fold import UNIFIED_IDEOGRAPHS, fold_case, fold_char

    first, last = UNIFIED_IDEOGRAPHS
    folded = (fold_char(chr(code)) for code in range(first, last + 1))
    assert all(len(fold_case(f) if ignore_case else f) == 1 for f in folded)


def test_a_count_keeps_each_hits_ref_and_count_not_its_unit():
    """grep -c prints a count an article: a hit keeps its unit's ref (search.Counted) and as
    many spans as the unit has matches, the refs and counts a search for spans finds."""
    from treatycli.loader import load_document
    from treatycli.units import build_units

    root = build_units(load_document())
    leaves = search.leaves_in_scope(root, [root])
    for options in (Options(), Options(ignore_case=True), Options(regex=True)):
        matcher = Matcher(["合作"], options)
        counted = search.search(leaves, matcher, counted=True)
        spans = search.search(leaves, Matcher(["合作"], options))
        assert all(type(hit.unit) is search.Counted for hit in counted) and counted
        assert [(hit.unit.ref, len(hit.spans)) for hit in counted] == [
            (hit.unit.ref, len(hit.spans)) for hit in spans
        ]


def test_hits_whose_spans_are_not_needed_share_one_empty_tuple():
    """Piped grep prints whole units: their hits share one empty tuple for spans, not a list
    each (a grep matching most of a 5 MB document held 12,000 of them)."""
    from treatycli.loader import load_document
    from treatycli.units import build_units

    root = build_units(load_document())
    leaves = search.leaves_in_scope(root, [root])
    hits = search.search(leaves, Matcher(["合作"], Options()), need_spans=False)
    assert len(hits) > 2 and all(hit.spans is hits[0].spans == () for hit in hits)
    assert [hit.unit.ref for hit in hits] == [
        hit.unit.ref for hit in search.search(leaves, Matcher(["合作"], Options()))
    ]


def test_grep_finds_each_hit_as_it_is_shown():
    """The hits are found as the lines and JSON events are written: the first is written
    before the second is looked for (a grep matching most of a 5 MB document held them all
    until it printed), and the counts at the end are those of all of them."""
    from treatycli.loader import load_document
    from treatycli.render import plain, records
    from treatycli.search import DocumentHits, GrepResult, leaves_in_scope
    from treatycli.units import build_units

    root = build_units(load_document(str(FIXTURES / "zh-statute.txt")))
    leaves = leaves_in_scope(root, [root])
    expected = [leaf.ref for leaf in leaves if "条约" in leaf.text]
    assert len(expected) > 3

    def run():
        found = search.found_hits(leaves, Matcher(["条约"], Options()))
        document = DocumentHits(None, "zh-statute.txt", None, leaves, found)
        return document, GrepResult(["条约"], [document])

    document, result = run()
    lines = plain.grep_lines(result)
    assert next(lines).split("\t")[0] == expected[0] and document.hits.count == 1
    assert [line.split("\t")[0] for line in lines] == expected[1:] and result.hit_count == len(expected)
    document, result = run()
    events = records.grep_events(result)
    assert next(events)["type"] == "begin" and next(events)["data"]["ref"] == expected[0]
    assert document.hits.count == 1
    *matches, end, summary = events
    assert [event["data"]["ref"] for event in matches] == expected[1:]
    assert end["data"]["hits"] == summary["data"]["hits"] == len(expected)
    assert summary["data"]["matches"] == sum(leaf.text.count("条约") for leaf in leaves)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_counts_made_as_the_hits_are_found_are_the_matches_per_article(path):
    """grep -c counts an article's (or named part's) matches once the hits after it are found:
    the same counts, in the same order, as a table of every hit by its article's key."""
    from treatycli.loader import load_document
    from treatycli.search import DocumentHits, leaves_in_scope
    from treatycli.units import build_units

    root = build_units(load_document(path))
    leaves = leaves_in_scope(root, [root])
    for pattern in ("的", "the", "第", "a"):
        matcher = Matcher([pattern], Options(ignore_case=True))
        table: dict[str, int] = {}
        for hit in search.search(leaves, matcher):
            key = hit.unit.ref.split(".")[0]
            table[key] = table.get(key, 0) + len(hit.spans)
        found = DocumentHits(None, path.name, None, leaves, search.found_hits(leaves, matcher))
        assert list(found.counts()) == list(table.items())


def test_grep_prints_its_first_hits_before_it_finds_its_last(cli, monkeypatch):
    """From the command line, grep writes what it found as it finds it: a line is written
    before the last hit is found (it found them all first, and a grep matching most of a
    5 MB document held them all)."""
    from treatycli import output

    events: list[str] = []
    real_hit = search.Hit

    def hit(*args):
        events.append("hit")
        return real_hit(*args)

    real_write = output._write_data
    monkeypatch.setattr(search, "Hit", hit)
    monkeypatch.setattr(output, "_WRITTEN_AT_ONCE", 1)
    monkeypatch.setattr(output, "_write_data", lambda data: events.append("write") or real_write(data))
    found = cli("grep", "合作")
    assert found.code == 0 and events.count("hit") == len(found.lines) > 3
    assert events.index("write") < len(events) - 1 - events[::-1].index("hit")
