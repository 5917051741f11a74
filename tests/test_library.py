"""The library: documents stored once, found through the indexes exactly as grep finds them."""

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli import __version__, search, snapshot, words
from treatycli.errors import LibraryError
from treatycli.library import index, ingest, migrations, names, store
from treatycli.loader import BUILTIN_PATH, load_document
from treatycli.paths import library_path
from treatycli.search import Matcher, Options, leaves_in_scope
from treatycli.units import build_units

from .conftest import FIXTURES

DOCUMENTS = {
    "seed": BUILTIN_PATH,
    "en-treaty": FIXTURES / "en-treaty.txt",
    "zh-chapters": FIXTURES / "zh-chapters.txt",
    "zh-statute": FIXTURES / "zh-statute.txt",
    "en-un-resolution-annex": FIXTURES / "en-un-resolution-annex.pdftext.txt",
}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library")
    opened = store.Library(str(folder / "library.db"), create=True)
    for name, path in DOCUMENTS.items():
        ingest.add_file(opened, str(path), name)
    ingest.add_file(opened, BUILTIN_PATH, "seed-copy")  # the same text twice: stored once
    return opened


_LOADED: dict = {}


def per_document(matcher, name, boundaries_for):
    """What grep finds in one document, loaded from its file: the reference answer."""
    path = DOCUMENTS.get(name, BUILTIN_PATH)
    if path not in _LOADED:
        root = build_units(load_document(path))
        _LOADED[path] = leaves_in_scope(root, [root])
    leaves = _LOADED[path]
    edges = boundaries_for(leaves) if matcher.options.words else None
    return [hit.unit.ref for hit in search.search(leaves, matcher, edges)]


def through_library(shelf, matcher, boundaries_for, need_spans=True):
    """What the library finds: by its per-text search, or per document for -w."""
    if not matcher.options.words:
        found = index.search_library(shelf, matcher, need_spans)
        return {name: [hit.unit.ref for hit in hits] for name, hits in found.items()}
    found = {}
    for name, units in index.candidates_by_document(shelf, matcher).items():
        hits = search.search(units, matcher, boundaries_for(index.stored_units(shelf, name)))
        if hits:
            found[name] = [hit.unit.ref for hit in hits]
    return found


def _all_leaves():
    out = []
    for name, path in DOCUMENTS.items():
        root = build_units(load_document(path))
        out += [(name, leaf) for leaf in leaves_in_scope(root, [root])]
    return out


LEAVES = _all_leaves()
MODES = {
    "literal": Options(), "-i": Options(ignore_case=True), "--exact": Options(exact=True), "-F": Options(fixed=True),
    "-E": Options(regex=True), "-w": Options(words=True), "-iF": Options(ignore_case=True, fixed=True),
}  # fmt: skip


@pytest.fixture(scope="module")
def boundaries_for(tmp_path_factory):
    """words.boundaries with one segmentation cache for the whole module: jieba runs once per
    document, not once per example."""
    folder = str(tmp_path_factory.mktemp("words"))

    def boundaries(leaves):
        with pytest.MonkeyPatch.context() as patched:
            patched.setenv("TREATYCLI_CACHE_DIR", folder)
            return words.boundaries(leaves)

    return boundaries


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_library_finds_what_grep_finds_in_each_document(shelf, boundaries_for, data):
    name, unit = data.draw(st.sampled_from(LEAVES))
    start = data.draw(st.integers(0, len(unit.text) - 1))
    length = data.draw(st.sampled_from([1, 2, 3, 4, 6, 10]))
    piece = unit.text[start : start + length]
    if not piece.strip():
        return
    mode = data.draw(st.sampled_from(sorted(MODES)))
    if mode in ("-i", "-iF"):
        piece = data.draw(st.sampled_from([piece.upper(), piece.lower(), piece]))
    pattern = __import__("regex").escape(piece) if mode == "-E" else piece
    matcher = Matcher([pattern], MODES[mode])
    expected = {n: per_document(matcher, n, boundaries_for) for n in [*DOCUMENTS, "seed-copy"]}
    expected = {n: refs for n, refs in expected.items() if refs}
    assert through_library(shelf, matcher, boundaries_for) == expected, (mode, pattern)
    assert through_library(shelf, matcher, boundaries_for, need_spans=False) == expected, (mode, pattern)


@pytest.mark.parametrize("need_spans", [True, False])
def test_several_regex_patterns_scan_each_text_of_the_library_once(shelf, regex_scans, need_spans):
    # -E read every text once per -e pattern; now once for all, and a text that matches once more per pattern
    patterns = ["萨雷兹湖", "BOREALIA", r"\d{4}年", "国务院", "无此之文"]
    matcher = Matcher(patterns, Options(regex=True))
    regex_scans.clear()
    found = index.search_library(shelf, matcher, need_spans)
    texts = shelf.db.execute("SELECT count(*) FROM texts").fetchone()[0]
    matched = {hit.unit.text for hits in found.values() for hit in hits}
    assert {"seed", "en-treaty", "zh-statute"} <= set(found) and len(matched) < texts / 4
    assert len(regex_scans) <= texts + len(patterns) * len(matched)


@pytest.mark.parametrize("pattern", ["合", "合作", "EU", "a", "1", "第1", "–", "(a)"])
def test_patterns_shorter_than_a_trigram_are_found_too(shelf, boundaries_for, pattern):
    matcher = Matcher([pattern], Options())
    expected = {n: per_document(matcher, n, boundaries_for) for n in [*DOCUMENTS, "seed-copy"]}
    assert through_library(shelf, matcher, boundaries_for) == {n: r for n, r in expected.items() if r}


def test_repeated_text_is_stored_once(shelf):
    texts = shelf.db.execute("SELECT count(*) FROM texts").fetchone()[0]
    units = shelf.db.execute("SELECT count(*) FROM units").fetchone()[0]
    seed_units = shelf.db.execute(
        "SELECT count(*) FROM units u JOIN documents d ON d.source_id = u.source_id WHERE d.name = 'seed'"
    ).fetchone()[0]
    assert seed_units == 47  # agenda 8, letter 5, title 1, preamble 8, paragraphs 22, signing 1, signatures 2
    listed = shelf.db.execute("SELECT sum(units) FROM documents").fetchone()[0]
    assert units == listed - seed_units  # the copy's units are the seed's: none stored again
    assert units >= texts  # and no text of its own


def test_removing_a_document_drops_text_only_it_held(tmp_path):
    shelf = store.Library(str(tmp_path / "l.db"), create=True)
    ingest.add_file(shelf, str(DOCUMENTS["zh-statute"]), "statute")
    ingest.add_file(shelf, BUILTIN_PATH, "seed")
    shelf.remove("statute")
    assert shelf.names() == ["seed"]
    # 适用于 stands in the statute only; the index no longer offers it
    matcher = Matcher(["本法适用于"], Options())
    assert index.candidates_by_document(shelf, matcher) == {}
    assert set(index.candidates_by_document(shelf, Matcher(["萨雷兹湖"], Options()))) == {"seed"}
    assert shelf.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with pytest.raises(LibraryError, match="no document 'statute' in the library: it has seed"):
        shelf.remove("statute")


def test_a_missing_library_says_how_to_make_one(tmp_path):
    with pytest.raises(LibraryError, match="treatycli library add PATH"):
        store.Library(str(tmp_path / "none.db"))


def test_a_newer_or_foreign_database_is_never_misread(tmp_path):
    newer = tmp_path / "newer.db"
    store.Library(str(newer), create=True).close()
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    with pytest.raises(LibraryError, match="newer treatycli"):
        store.Library(str(newer))
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(LibraryError, match="not a treatycli library"):
        store.Library(str(foreign))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="is not a treatycli library"):
        store.Library(str(junk))


@pytest.mark.parametrize(
    "path, name", [("/x/bbnj-2023.zh.cleaned.txt", "bbnj-2023"), ("/x/UN Charter (1945).txt", "UN-Charter-1945"),
                   ("/x/中華民國刑法.md", "中華民國刑法"), ("/x/条约.txt", "条约"), ("/x/.hidden", "doc"),
                   ("/x/《条约》.txt", "条约"), ("/x/4.txt", "doc-4"), ("/x/第4条.txt", "doc"),
                   ("/x/N\u0303andu\u0301.txt", "\u00d1and\u00fa")],  # a macOS file name, decomposed
)  # fmt: skip
def test_names_come_from_file_names(path, name):
    assert names.name_for(path) == name


def test_the_library_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TREATYCLI_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert library_path() == str(tmp_path / "treatycli" / "library.db")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert library_path().endswith("/.local/share/treatycli/library.db")
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "mine.db"))
    assert library_path() == str(tmp_path / "mine.db")


# -- the commands -------------------------------------------------------------------------


@pytest.fixture
def shelf_env(tmp_path, monkeypatch):
    path = tmp_path / "data" / "library.db"
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(path))
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    return path


def test_add_list_remove(cli, shelf_env, tmp_path):
    added = cli("library", "add", str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "en-treaty.txt"))
    assert added.code == 0
    assert added.lines == [
        f"added\tzh-statute\t{FIXTURES / 'zh-statute.txt'}",
        f"added\ten-treaty\t{FIXTURES / 'en-treaty.txt'}",
    ]
    listed = cli("library", "list", "--json").json
    assert [(e["name"], e["title"], e["articles"]) for e in listed] == [
        ("en-treaty", "TREATY OF FRIENDSHIP BETWEEN ARCADIA AND BOREALIA", 3),
        ("zh-statute", "中华人民共和国示例条约法", 4),
    ]
    again = cli("library", "add", str(FIXTURES / "zh-statute.txt"))
    assert again.lines == [f"unchanged\tzh-statute\t{FIXTURES / 'zh-statute.txt'}"]
    copy = cli("library", "add", "--name", "statute2", str(FIXTURES / "zh-statute.txt"))
    assert copy.lines == [f"copied\tstatute2\t{FIXTURES / 'zh-statute.txt'}"]
    assert cli("library", "remove", "statute2", "en-treaty").lines == [
        "removed\tstatute2",
        "removed\ten-treaty",
    ]
    assert [line.split("\t")[0] for line in cli("library", "list").lines] == ["zh-statute"]
    missing = cli("library", "remove", "nope")
    assert missing.code == 2 and "no document 'nope' in the library: it has zh-statute" in missing.err


def test_a_file_that_fails_is_reported_and_the_others_are_added(cli, shelf_env, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 100)
    result = cli("library", "add", str(bad), str(FIXTURES / "zh-statute.txt"), str(tmp_path / "absent.txt"))
    assert result.code == 2
    assert result.lines == [f"added\tzh-statute\t{FIXTURES / 'zh-statute.txt'}"]
    errors = result.err.splitlines()
    assert errors[0] == f"treatycli: {bad}: looks like a binary file, not text (give a .txt export)"
    assert errors[1].startswith(f"treatycli: {tmp_path / 'absent.txt'}: no such file")
    assert errors[2] == "treatycli: 2 of 3 files could not be added (each is named above)"


def test_a_name_another_file_holds_is_not_taken_from_it(cli, shelf_env, tmp_path):
    other = tmp_path / "zh-statute.txt"
    other.write_text("第一条 另一部法。\n", encoding="utf-8")
    cli("library", "add", str(FIXTURES / "zh-statute.txt"))
    # the same file name in another folder: the next longer name its file name gives
    assert cli("library", "add", str(other)).lines == [f"added\tzh-statute.txt\t{other}"]
    refused = cli("library", "add", "--name", "zh-statute", str(other))
    assert refused.code == 2
    assert f"the name 'zh-statute' is taken by {FIXTURES / 'zh-statute.txt'}: choose another" in refused.err
    assert [line.split("\t")[0] for line in cli("library", "list").lines] == ["zh-statute", "zh-statute.txt"]


def test_language_versions_get_names_of_their_own(cli, shelf_env, tmp_path):
    for language in ("zh", "en"):
        (tmp_path / f"treaty.{language}.txt").write_text(
            "Article 1\n\nThe Parties agree.\n", encoding="utf-8"
        )
    added = cli("library", "add", str(tmp_path / "treaty.en.txt"), str(tmp_path / "treaty.zh.txt"))
    assert [line.split("\t")[1] for line in added.lines] == ["treaty", "treaty.zh"]


def test_folders_and_globs(cli, shelf_env, tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("第一条 甲。\n", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("第一条 乙。\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("第一条 丙。\n", encoding="utf-8")
    assert [line.split("\t")[1] for line in cli("library", "add", str(folder)).lines] == ["a", "b"]
    assert cli("library", "add", str(folder / "*.txt")).lines == [f"unchanged\ta\t{folder / 'a.txt'}"]


def test_update_reads_again_what_changed(cli, shelf_env, tmp_path):
    path = tmp_path / "law.txt"
    path.write_text("第一条 甲。\n\n第二条 乙。\n", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    gone.write_text("第一条 丙。\n", encoding="utf-8")
    cli("library", "add", str(path), str(gone))
    path.write_text("第一条 甲。\n\n第二条 乙。\n\n第三条 丁。\n", encoding="utf-8")
    gone.unlink()
    assert cli("library", "update").lines == [f"missing\tgone\t{gone}", f"updated\tlaw\t{path}"]
    assert cli("show", "law:3").out == "law:3.1\t丁。\n"


def test_documents_by_name_and_qualified_references(cli, shelf_env):
    cli("library", "add", str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "en-treaty.txt"))
    # the fixtures' own words: zh-statute article 2, en-treaty article 2 paragraph 2
    assert (
        cli("--doc", "zh-statute", "show", "2").out
        == "2.1\t本法适用于以中华人民共和国名义缔结的条约和协定。\n"
    )
    shown = cli("show", "zh-statute:2", "en-treaty:2.2")
    assert shown.lines == [
        "zh-statute:2.1\t本法适用于以中华人民共和国名义缔结的条约和协定。",
        "en-treaty:2.2\tThey shall exchange information on matters of common interest.",
    ]
    records = cli("show", "en-treaty:2.2", "--json").json
    assert records[0]["doc"] == "en-treaty" and records[0]["ref"] == "2.2"
    unqualified = cli("--library", "show", "2")
    assert unqualified.code == 2 and "qualify the reference '2'" in unqualified.err
    absent = cli("show", "nope:2")
    assert absent.code == 2 and "no document 'nope' in the library" in absent.err


def test_grep_across_the_library_is_grep_in_each_document(cli, shelf_env):
    cli("library", "add", BUILTIN_PATH, str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "zh-chapters.txt"))
    cli("library", "add", "--name", "seed-again", BUILTIN_PATH)  # the same bytes: searched once, found twice
    names = {"zh-statute": FIXTURES / "zh-statute.txt", "zh-chapters": FIXTURES / "zh-chapters.txt",
             "ru-tj-allied-cooperation-1999": BUILTIN_PATH, "seed-again": BUILTIN_PATH}  # fmt: skip
    for options in (
        ["合作"],
        ["-c", "条约"],
        ["--refs-only", "-w", "条约"],
        ["-o", "-i", "合作"],
        ["-C", "1", "缔结"],
    ):
        expected = []
        for name in sorted(names):
            single = cli("--doc", str(names[name]), "grep", *options)
            lines = [line if line == "--" else f"{name}:{line}" for line in single.lines]
            if lines and expected and "-C" in options:
                expected.append("--")
            expected += lines
        assert cli("grep", "--library", *options).lines == expected, options
    events = [json.loads(line) for line in cli("grep", "--library", "--json", "缔结").lines]
    holding = {
        name
        for name, path in names.items()
        if "缔结" in Path(path).read_text(encoding="utf-8").replace("\n", "")
    }
    assert {e["data"]["doc"] for e in events if e["type"] != "summary"} == holding
    assert events[-1]["data"]["units_searched"] == sum(
        len(leaves_in_scope(root, [root])) for root in (build_units(load_document(p)) for p in names.values())
    )


def test_grep_l_across_the_library_lists_each_document_with_a_match(cli, shelf_env):
    # it printed NAME:REF for every matching unit; now the names, as rg -l prints files
    cli("library", "add", BUILTIN_PATH, str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "zh-chapters.txt"))
    cli("library", "add", "--name", "seed-again", BUILTIN_PATH)
    # 施行 is in zh-statute's article 4 and zh-chapters' article 4, not in the treaty
    assert cli("grep", "--library", "-l", "施行").lines == ["zh-chapters", "zh-statute"]
    holding = ["ru-tj-allied-cooperation-1999", "seed-again", "zh-chapters"]  # 合作: zh-statute has none
    assert cli("grep", "--library", "-l", "合作").lines == holding
    counted = cli("grep", "--library", "-l", "-c", "合作").lines
    per_article = cli("grep", "--library", "-c", "合作").lines
    sums = {name: 0 for name in holding}
    for line in per_article:
        ref, count = line.split("\t")
        sums[ref.split(":")[0]] += int(count)
    assert counted == [f"{name}\t{sums[name]}" for name in holding]
    assert sums["zh-chapters"] == 8  # its title, articles 1, 2 and 4, its annex's heading
    assert cli("grep", "--library", "-l", "不存在的词").code == 1


def test_several_docs_and_a_folder(cli, shelf_env, tmp_path):
    result = cli(
        "grep", "条约", "--doc", str(FIXTURES / "zh-statute.txt"), "--doc", str(FIXTURES / "zh-chapters.txt")
    )
    assert all(line.startswith(("zh-statute:", "zh-chapters:")) for line in result.lines) and result.lines
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.txt").write_text("第一条 甲方合作。\n", encoding="utf-8")
    (folder / "b.txt").write_text("第一条 乙方合作。\n", encoding="utf-8")
    assert cli("--doc", str(folder), "grep", "合作").lines == ["a:1.1\t甲方合作。", "b:1.1\t乙方合作。"]


def test_an_index_built_by_another_version_is_rebuilt_with_a_notice(cli, shelf_env):
    cli("library", "add", str(FIXTURES / "zh-statute.txt"))
    with sqlite3.connect(shelf_env) as db:
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'built_by'")
        db.execute("DELETE FROM units")  # what an older treatycli might have read differently
    result = cli("grep", "--library", "缔结")
    assert result.err.startswith("treatycli: the library was indexed by treatycli 0.0.1: indexing it again")
    assert result.lines == [line for line in result.lines if line.startswith("zh-statute:")] and result.lines
    assert cli("grep", "--library", "缔结").err == ""


def test_a_read_only_library_of_another_version_is_read_and_grep_across_it_waits(cli, shelf_env, monkeypatch):
    """It cannot be indexed again here: its documents are read from their text (one notice),
    and grep across it, whose index folds text as that version did, is refused in one line."""
    import os

    from treatycli.library import store

    cli("library", "add", str(FIXTURES / "zh-statute.txt"))
    with sqlite3.connect(shelf_env) as db:
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'built_by'")
    with sqlite3.connect(shelf_env) as db:  # into the file: a read-only library is read without its journal
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    real = os.access
    monkeypatch.setattr(store.os, "access", lambda path, mode: False if mode == os.W_OK else real(path, mode))
    listed = cli("library", "list")
    assert listed.code == 0 and listed.lines[0].startswith("zh-statute")
    assert listed.err.count("\n") == 1 and "read-only here" in listed.err
    shown = cli("show", "zh-statute:1")
    alone = cli("--doc", str(FIXTURES / "zh-statute.txt"), "show", "1").lines
    assert shown.code == 0 and shown.lines == [f"zh-statute:{line}" for line in alone]
    across = cli("grep", "--library", "缔结")
    assert (across.code, across.out, across.err.count("\n")) == (2, "", 1) and "read-only here" in across.err
    updated = cli("library", "update")
    assert (updated.code, updated.out, updated.err.count("\n")) == (2, "", 1)
    from treatycli.commands import selection

    selection._told_stale.clear()  # as in a new run (these run in one process)
    summed = cli("summarise", "--library")  # opens the library more than once: told once
    assert summed.code == 0 and summed.err.count("read-only here") == 1
    with sqlite3.connect(shelf_env) as db:  # nothing was written to it
        assert db.execute("SELECT value FROM meta WHERE key = 'built_by'").fetchone() == ("0.0.1",)


def test_a_broken_library_file_is_one_line(cli, shelf_env):
    shelf_env.parent.mkdir(parents=True)
    shelf_env.write_bytes(b"garbage" * 1000)
    result = cli("library", "list")
    assert result.code == 2 and result.err.count("\n") == 1 and "is not a treatycli library" in result.err


def test_two_adds_at_once_and_a_grep_during_them_leave_a_whole_library(shelf_env, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "TREATYCLI_LIBRARY": str(shelf_env)}
    store.Library(str(shelf_env), create=True).close()
    first = [
        sys.executable,
        "-m",
        "treatycli",
        "library",
        "add",
        str(FIXTURES / "zh-statute.txt"),
        BUILTIN_PATH,
    ]
    second = [sys.executable, "-m", "treatycli", "library", "add", str(FIXTURES / "en-treaty.txt"),
              str(FIXTURES / "zh-chapters.txt")]  # fmt: skip
    final = {}  # what grep finds in each document once both adds are done
    runs = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in (first, second)
    ]
    readings = []
    while any(run.poll() is None for run in runs):
        reader = subprocess.run([sys.executable, "-m", "treatycli", "grep", "--library", "条约"], env=env,
                                capture_output=True)  # fmt: skip
        readings.append(reader)
    for run in runs:
        assert run.wait(timeout=60) == 0, run.stderr.read()
    done = subprocess.run(
        [sys.executable, "-m", "treatycli", "grep", "--library", "条约"], env=env, capture_output=True
    )
    for line in done.stdout.decode().splitlines():
        final.setdefault(line.split(":", 1)[0], []).append(line)
    for reader in readings:  # each reading saw every document whole, or not at all
        seen: dict = {}
        for line in reader.stdout.decode().splitlines():
            seen.setdefault(line.split(":", 1)[0], []).append(line)
        assert reader.stderr == b"" and reader.returncode == (0 if seen else 1)
        assert all(seen[name] == final[name] for name in seen)
    shelf = store.Library(str(shelf_env))
    assert shelf.names() == ["en-treaty", "ru-tj-allied-cooperation-1999", "zh-chapters", "zh-statute"]
    assert shelf.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_summarise_across_documents_is_a_line_each_as_each_summarises_alone(cli, shelf_env):
    cli("library", "add", str(FIXTURES / "zh-statute.txt"), str(FIXTURES / "en-treaty.txt"))
    expected = []
    for name in ("en-treaty", "zh-statute"):
        alone = cli("--doc", str(FIXTURES / f"{name}.txt"), "summarise", "--json").json["document"]
        separator = "、" if "zh" in name else ", "
        expected.append(f"{name}\t{alone['title']}\t{separator.join(t['word'] for t in alone['themes'])}")
    assert cli("summarise", "--library").lines == expected
    records = cli("summarise", "--library", "--json").json
    assert [(r["doc"], r["title"]) for r in records] == [
        ("en-treaty", "TREATY OF FRIENDSHIP BETWEEN ARCADIA AND BOREALIA"), ("zh-statute", "中华人民共和国示例条约法"),
    ]  # fmt: skip
    one = cli("--doc", str(FIXTURES / "zh-statute.txt"), "summarise", "2").lines
    assert cli("summarise", "zh-statute:2").lines == [f"zh-statute:{line}" for line in one]


# -- what a hostile review found ---------------------------------------------------------------


def test_library_commands_draw_on_a_terminal_too(cli, shelf_env):
    added = cli("--color", "always", "library", "add", STATUTE := str(FIXTURES / "zh-statute.txt"))
    assert added.code == 0 and "zh-statute" in added.out and "\x1b[" in added.out
    listed = cli("--color", "always", "library", "list")
    assert listed.code == 0 and "中华人民共和国示例条约法" in listed.out
    removed = cli("--color", "always", "library", "remove", "zh-statute", "zh-statute")  # named twice: once
    assert removed.code == 0 and removed.out.count("zh-statute") == 1
    assert store.Library(str(shelf_env)).names() == [] and STATUTE.endswith("zh-statute.txt")


def test_several_adds_that_make_a_new_library_at_once_all_land(shelf_env):
    import os
    import subprocess
    import sys

    env = {**os.environ, "TREATYCLI_LIBRARY": str(shelf_env)}
    files = [FIXTURES / name for name in ("zh-statute.txt", "en-treaty.txt", "zh-chapters.txt")]
    runs = [
        subprocess.Popen([sys.executable, "-m", "treatycli", "library", "add", str(f)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in files
    ]  # fmt: skip
    for run in runs:
        assert run.wait(timeout=60) == 0, run.stderr.read()
    assert store.Library(str(shelf_env)).names() == ["en-treaty", "zh-chapters", "zh-statute"]


def test_an_empty_library_and_odd_library_files_are_one_line(cli, shelf_env, monkeypatch, tmp_path):
    cli("library", "add", str(FIXTURES / "zh-statute.txt"))
    cli("library", "remove", "zh-statute")
    empty = cli("--library", "show", "zh-statute:1")
    assert empty.code == 2 and "has no documents: add some with `treatycli library add PATH`" in empty.err
    blank = tmp_path / "blank.db"
    blank.write_bytes(b"")
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(blank))
    result = cli("library", "list")
    assert result.code == 2 and "is empty: add documents" in result.err
    assert blank.read_bytes() == b""  # reading never made it a library
    monkeypatch.setenv("TREATYCLI_LIBRARY", "/dev/null")
    result = cli("library", "list")
    assert result.code == 2 and result.err.count("\n") == 1 and "is not a regular file" in result.err


def test_standard_input_is_not_a_library_file(cli, shelf_env):
    result = cli("library", "add", "-")
    assert result.code == 2 and "save it to a file first" in result.err


def test_names_that_begin_with_a_digit_and_files_of_one_name_read_back(cli, shelf_env, tmp_path):
    (tmp_path / "1999.txt").write_text(
        (FIXTURES / "en-treaty.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    cli("library", "add", str(tmp_path / "1999.txt"))
    # en-treaty.txt's article 2, paragraph 2, in a document named as the README says: 1999
    # reads as a reference (article 1999), so the name is doc-1999
    assert (
        cli("show", "doc-1999:2.2").out
        == "doc-1999:2.2\tThey shall exchange information on matters of common interest.\n"
    )
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Article 1\n\nText of {folder}.\n", encoding="utf-8")
    both = ["--doc", str(tmp_path / "d1" / "x.txt"), "--doc", str(tmp_path / "d2" / "x.txt")]
    found = cli("grep", "Text of", *both).lines
    assert found == ["x:1.1\tText of d1.", "x.txt:1.1\tText of d2."]
    for line in found:
        reference = line.split("\t")[0]
        assert cli("show", reference, *both).lines == [line]


def test_a_reference_with_a_colon_is_a_reference_unless_a_document_has_the_name(cli, shelf_env):
    # art.4:2 is article 4, paragraph 2 (the grammar reads it whole); nope:2 names no document
    assert cli("show", "art.4:2").out == cli("show", "4.2").out
    absent = cli("show", "nope:2")
    assert absent.code == 2 and "no document 'nope'" in absent.err
    english = ["--doc", str(FIXTURES / "en-treaty.txt")]
    quoted = cli(*english, "cite", "--style", "short", "--quote", "signing").out.strip()
    assert quoted.startswith("signing: “DONE at Geneva")
    assert cli(*english, "show", quoted).out == cli(*english, "show", "signing").out


def test_a_document_is_loaded_from_its_stored_model(cli, shelf_env, monkeypatch):
    """No parsing and no cache: the library holds the model itself."""
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", "/dev/null")
    cli("library", "add", str(FIXTURES / "zh-statute.txt"), "--name", "statute")
    expected = ["国务院负责缔结条约。", "外交部在国务院领导下办理具体事务。"]  # the fixture's article 3

    def parse_lines(*args):
        raise AssertionError("parsed again")

    with monkeypatch.context() as patch:
        patch.setattr("treatycli.loader.parse.parse_lines", parse_lines)
        result = cli("show", "statute:3", "--json")
    assert result.code == 0 and [p["text"] for p in result.json[0]["paragraphs"]] == expected
    # a stored model that does not fit (damaged, or another document's) is not used
    for damage in ('{"format": "treatycli-model/1"}', "[[[", None):
        with sqlite3.connect(shelf_env) as db:
            db.execute("UPDATE sources SET model = ?", (damage,))
        assert cli("show", "statute:3", "--json").json == result.json
    other = json.dumps(snapshot.record(load_document(FIXTURES / "zh-chapters.txt")))
    with sqlite3.connect(shelf_env) as db:
        db.execute("UPDATE sources SET model = ?", (other,))
    assert cli("show", "statute:3", "--json").json == result.json


def test_a_library_of_schema_1_is_upgraded_once_with_a_notice(cli, shelf_env):
    cli("library", "add", str(FIXTURES / "zh-statute.txt"), "--name", "statute")
    with sqlite3.connect(shelf_env) as db:  # as schema 1 made it: the bytes in the row, no model
        _as_schema_3(db)
        db.execute("ALTER TABLE documents ADD COLUMN source BLOB NOT NULL DEFAULT x''")
        db.execute("UPDATE documents SET source = (SELECT source FROM sources)")
        db.execute("DROP TABLE sources")
        db.execute("PRAGMA user_version = 1")
    first = cli("show", "statute:3")
    assert first.code == 0
    assert first.err == "treatycli: the library was upgraded from an older schema: indexing it again for " + (
        f"{__version__} (once)\n"
    )
    again = cli("show", "statute:3")
    assert (again.err, again.out) == ("", first.out)
    with sqlite3.connect(shelf_env) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        (model,) = db.execute("SELECT model FROM sources").fetchone()
        assert "source" not in {row[1] for row in db.execute("PRAGMA table_info(documents)")}
    assert json.loads(model)["sha256"] == ingest.document_digest((FIXTURES / "zh-statute.txt").read_bytes())


def test_the_same_bytes_are_stored_once_and_go_with_their_last_document(cli, shelf_env):
    statute = FIXTURES / "zh-statute.txt"
    for name in ("one", "two"):
        assert cli("library", "add", str(statute), "--name", name).code == 0
    assert cli("library", "add", str(FIXTURES / "en-treaty.txt"), "--name", "other").code == 0

    def sources():
        with sqlite3.connect(shelf_env) as db:
            return [row[0] for row in db.execute("SELECT sha256 FROM sources ORDER BY sha256")]

    digest = ingest.document_digest(statute.read_bytes())
    other = ingest.document_digest((FIXTURES / "en-treaty.txt").read_bytes())
    assert sources() == sorted([digest, other])
    assert cli("library", "remove", "one").code == 0
    assert sources() == sorted([digest, other]) and cli("show", "two:3").code == 0
    assert cli("library", "remove", "two").code == 0
    assert sources() == [other]


def test_a_name_taken_while_the_document_was_read_is_never_overwritten(cli, shelf_env, tmp_path, monkeypatch):
    """Another run stores a document under the name this one chose: this one takes the next
    name (or, with --name, stops), and the other's document stays."""

    first, second = tmp_path / "a" / "treaty.txt", tmp_path / "b" / "treaty.txt"
    for path, source in ((first, "zh-statute.txt"), (second, "zh-chapters.txt")):
        path.parent.mkdir()
        path.write_bytes((FIXTURES / source).read_bytes())
    assert cli("library", "add", str(first)).code == 0
    opened = store.Library(str(shelf_env))
    with pytest.raises(LibraryError, match="the name 'treaty' is taken by .*/a/treaty.txt"):
        ingest.add_document(opened, "treaty", str(second), second.read_bytes())
    lied = []  # the name check before reading says "free" once, as if the other run came after it
    real = ingest._name_taken_by_another

    def late(shelf, absolute):
        taken = real(shelf, absolute)
        return lambda name: taken(name) if lied else lied.append(name) is not None

    monkeypatch.setattr(ingest, "_name_taken_by_another", late)
    added = cli("library", "add", str(second))
    assert added.code == 0 and lied == ["treaty"]
    assert opened.names() == ["treaty", "treaty.txt"]  # the next name from the file name (README)
    assert (
        cli("show", "treaty:3").out
        == "treaty:3.1\t国务院负责缔结条约。\ntreaty:3.2\t外交部在国务院领导下办理具体事务。\n"
    )
    refused = cli("library", "add", str(second), "--name", "treaty")
    assert refused.code == 2 and "taken by" in refused.err


def test_two_adds_of_files_with_the_same_names_at_once_keep_every_file(shelf_env, tmp_path):
    import os
    import subprocess
    import sys

    for folder, source in (("a", "zh-statute.txt"), ("b", "zh-chapters.txt")):
        (tmp_path / folder).mkdir()
        for number in range(8):
            (tmp_path / folder / f"doc{number}.txt").write_bytes((FIXTURES / source).read_bytes())
    env = {**os.environ, "TREATYCLI_LIBRARY": str(shelf_env)}
    store.Library(str(shelf_env), create=True).close()
    runs = [
        subprocess.Popen([sys.executable, "-m", "treatycli", "library", "add", str(tmp_path / folder)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in ("a", "b")
    ]  # fmt: skip
    for run in runs:
        assert run.wait(timeout=60) == 0, run.stderr.read()
    paths = {entry.path for entry in store.Library(str(shelf_env)).entries()}
    assert paths == {str(tmp_path / f / f"doc{n}.txt") for f in ("a", "b") for n in range(8)}


def test_update_reads_a_document_in_the_encoding_it_was_added_with(cli, shelf_env, tmp_path):
    """Bytes that a guess reads as GB18030, added as Latin-1 on purpose, stay Latin-1."""
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Article 1\n" + "双方合作。".encode("gb18030") + b"\n")
    assert cli("library", "add", str(path), "--encoding", "latin-1").code == 0
    changed = "双方加强合作。".encode("gb18030")
    path.write_bytes(b"Article 1\n" + changed + b"\n")
    assert cli("library", "update").code == 0
    assert cli("show", "latin:1").out == f"latin:1.1\t{changed.decode('latin-1')}\n"
    assert cli("library", "update").out.startswith("unchanged")


def test_a_name_that_reads_as_a_reference_is_refused(cli, shelf_env, tmp_path):
    """`show 4:2` is article 4.2 (the README's references), whatever the library holds."""
    for name in ("4", "preamble", "8bis", "annex1"):
        refused = cli("library", "add", str(FIXTURES / "zh-statute.txt"), "--name", name)
        assert refused.code == 2 and "reads as a reference" in refused.err
    numbered = tmp_path / "4.txt"
    numbered.write_bytes((FIXTURES / "zh-statute.txt").read_bytes())
    assert cli("library", "add", str(numbered)).code == 0
    assert store.Library(str(shelf_env)).names() == ["doc-4"]
    with sqlite3.connect(shelf_env) as db:  # as a library of an earlier version may hold it
        db.execute("UPDATE documents SET name = '4'")
    # the built-in treaty's article 4, paragraph 2 (seeds/…: 军事和技术领域的合作)
    shown = cli("show", "4:2")
    assert shown.code == 0 and shown.out.startswith("4.2\t") and "军事和技术领域的合作" in shown.out


def test_a_copy_whose_original_goes_meanwhile_is_read_instead(cli, shelf_env, tmp_path, monkeypatch):
    """Another run removes the document whose bytes this one would copy, just before this one
    stores: the file is parsed and stored all the same."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_bytes((FIXTURES / "zh-statute.txt").read_bytes())
    assert cli("library", "add", str(first)).code == 0
    real = store.Library.transaction
    removed = []

    def transaction(self):
        if not removed:  # the other run's removal lands first
            removed.append(True)
            other = store.Library(str(shelf_env))
            other.remove("a")
            other.close()
        return real(self)

    monkeypatch.setattr(store.Library, "transaction", transaction)
    added = cli("library", "add", str(second))
    assert added.code == 0, added.err
    assert store.Library(str(shelf_env)).names() == ["b"]
    assert (
        cli("show", "b:3").out == "b:3.1\t国务院负责缔结条约。\nb:3.2\t外交部在国务院领导下办理具体事务。\n"
    )


def test_update_finds_a_guessed_encoding_again(cli, shelf_env, tmp_path):
    """A guess is not a choice: the file saved anew in UTF-8 is read as UTF-8."""
    path = tmp_path / "friendship.txt"
    path.write_bytes(b"TREATY OF FRIENDSHIP\n\nArticle 1\nThe caf\xe9 is open to both Parties.\n")
    added = cli("library", "add", str(path))
    assert added.code == 0 and "a guess" in added.err  # Windows-1252, guessed
    path.write_bytes(
        "TREATY OF FRIENDSHIP\n\nArticle 1\nThe café is open.\n\nArticle 2\nNaïve clause.\n".encode()
    )
    assert cli("library", "update").code == 0
    assert (
        cli("show", "friendship:1-2").out
        == "friendship:1.1\tThe café is open.\nfriendship:2.1\tNaïve clause.\n"
    )


def test_an_upgrade_renames_a_document_named_as_a_reference(cli, shelf_env):
    """Schema 1 allowed the name 4; after the upgrade it is doc-4, said once, and usable."""
    cli("library", "add", str(FIXTURES / "zh-statute.txt"), "--name", "statute")
    with sqlite3.connect(shelf_env) as db:
        _as_schema_3(db)
        db.execute("ALTER TABLE documents ADD COLUMN source BLOB NOT NULL DEFAULT x''")
        db.execute("UPDATE documents SET source = (SELECT source FROM sources), name = '4'")
        db.execute("DROP TABLE sources")
        db.execute("PRAGMA user_version = 1")
    first = cli("show", "doc-4:3")
    assert first.code == 0 and first.out.startswith("doc-4:3.1\t国务院负责缔结条约。")
    assert "'4' is now 'doc-4'" in first.err and first.err.count("\n") == 1
    assert cli("library", "update").code == 0
    assert cli("show", "4:2").out.startswith("4.2\t")  # the built-in treaty's article 4.2


def _as_schema_3(db: sqlite3.Connection) -> None:
    """The library as schema 3 made it: names compared as written, no titles given."""
    db.executescript(
        """
        DROP INDEX documents_by_key;
        ALTER TABLE documents DROP COLUMN name_key;
        ALTER TABLE documents DROP COLUMN given_title;
        ALTER TABLE documents DROP COLUMN short_title;
        PRAGMA user_version = 3;
        """
    )


def _as_schema_2(db: sqlite3.Connection) -> None:
    """The library as schema 2 made it: every document's units in rows of its own."""
    _as_schema_3(db)
    db.executescript(
        """
        CREATE TABLE units_2 (doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, ref TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
            text INTEGER NOT NULL REFERENCES texts(id), PRIMARY KEY (doc, position)) WITHOUT ROWID;
        INSERT INTO units_2 SELECT d.id, u.position, u.ref, u.kind, u.label, u.text
            FROM units u JOIN documents d ON d.source_id = u.source_id;
        DROP TABLE units;
        ALTER TABLE units_2 RENAME TO units;
        CREATE INDEX units_by_text ON units(text, doc, position, ref, kind, label);
        DROP INDEX documents_by_source;
        ALTER TABLE documents DROP COLUMN source_id;
        PRAGMA user_version = 2;
        """
    )


def test_a_library_of_schema_2_keeps_its_units_per_source_after_the_upgrade(cli, shelf_env):
    """Schema 2 kept units per document; the upgrade keeps one set per source, reads nothing
    again, and every search finds what it found before."""
    statute, treaty = FIXTURES / "zh-statute.txt", FIXTURES / "en-treaty.txt"
    for path, name in ((statute, "one"), (statute, "two"), (treaty, "other")):
        assert cli("library", "add", str(path), "--name", name).code == 0
    searches = [
        ("grep", "国务院", "--library"),
        ("grep", "-i", "the parties", "--library"),
        ("show", "two:3"),
    ]
    before = [cli(*argv).out for argv in searches]
    assert before[0].count("\n") == 4 and all(before)  # 国务院 is in 3.1 and 3.2 of one and two
    with sqlite3.connect(shelf_env) as db:
        _as_schema_2(db)
        assert (
            db.execute("SELECT count(*) FROM units").fetchone()[0]
            == (db.execute("SELECT sum(units) FROM documents").fetchone()[0])
        )
    after = [cli(*argv) for argv in searches]
    assert [(result.out, result.err) for result in after] == [(out, "") for out in before]
    with sqlite3.connect(shelf_env) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        per_source = db.execute("SELECT count(DISTINCT source_id) FROM documents").fetchone()[0]
        stored = db.execute("SELECT count(*) FROM units").fetchone()[0]
        listed = db.execute("SELECT sum(units) FROM documents WHERE name != 'two'").fetchone()[0]
    assert (per_source, stored) == (2, listed)  # one and two share a source and its units
    assert cli("library", "remove", "one").code == 0
    kept = [line for line in before[0].splitlines(keepends=True) if not line.startswith("one:")]
    assert cli("grep", "国务院", "--library").out == "".join(kept) != before[0]


def test_files_that_cannot_be_added_are_named_once_with_their_own_way_out(
    cli, shelf_env, tmp_path, monkeypatch
):
    """Each failure is one line naming the file as given; no advice meant for --doc."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    result = cli("library", "add", "empty.txt", "binary.txt", "absent.txt", str(FIXTURES / "zh-statute.txt"))
    assert result.code == 2
    assert result.lines == [f"added\tzh-statute\t{FIXTURES / 'zh-statute.txt'}"]
    lines = result.err.splitlines()
    assert len(lines) == 4 and lines[-1] == "treatycli: 3 of 4 files could not be added (each is named above)"
    for line, name in zip(lines, ("empty.txt", "binary.txt", "absent.txt"), strict=False):
        assert line.count(f"{name}:") == 1 and "--doc" not in line, line
    assert lines[2] == "treatycli: absent.txt: no such file (check the path)"


def test_a_library_of_schema_2_this_run_cannot_write_says_how_to_upgrade_it(cli, shelf_env, monkeypatch):
    """Reading cannot upgrade: the one line says who can, and nothing in the file changes."""
    assert cli("library", "add", str(FIXTURES / "zh-statute.txt")).code == 0
    db = sqlite3.connect(shelf_env)
    _as_schema_2(db)
    db.close()  # the last connection folds the journal into the file, as after any run
    before = shelf_env.read_bytes()
    real = store.os.access
    monkeypatch.setattr(store.os, "access", lambda path, mode: mode != os.W_OK and real(path, mode))
    result = cli("show", "zh-statute:3")
    assert result.code == 2 and result.err.count("\n") == 1 and result.out == ""
    assert "schema 2" in result.err and "write access" in result.err and "as its owner" in result.err
    assert shelf_env.read_bytes() == before
    monkeypatch.setattr(store.os, "access", real)
    assert cli("show", "zh-statute:3").out.startswith("zh-statute:3.1\t国务院负责缔结条约。")


def test_a_schema_2_document_whose_text_is_gone_is_upgraded_around(cli, shelf_env):
    """A damaged schema-2 library (a document whose source row is missing) upgrades; that
    document is one line naming the way out, and the others read as before."""
    for path in (FIXTURES / "zh-statute.txt", FIXTURES / "en-treaty.txt"):
        assert cli("library", "add", str(path)).code == 0
    with sqlite3.connect(shelf_env) as db:
        _as_schema_2(db)
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute(
            "DELETE FROM sources WHERE sha256 = (SELECT sha256 FROM documents WHERE name = 'zh-statute')"
        )
    lost = cli("show", "zh-statute:3")
    assert lost.code == 2 and lost.err.count("\n") == 1
    assert "no text for 'zh-statute'" in lost.err and "library remove zh-statute" in lost.err
    assert cli("show", "en-treaty:1").out.startswith("en-treaty:1.1\t")
    assert cli("library", "remove", "zh-statute").code == 0
    assert store.Library(str(shelf_env)).names() == ["en-treaty"]


def test_a_rebuild_keeps_a_document_another_run_adds_while_it_waits(shelf_env, monkeypatch):
    """The list of what to read again is taken inside the rebuild's transaction."""
    opened = store.Library(str(shelf_env), create=True)
    ingest.add_file(opened, str(FIXTURES / "en-treaty.txt"), "treaty")
    real = store.Library.transaction
    added = []

    def transaction(self):
        if not added:  # the other run's add lands just before this one's transaction begins
            added.append(True)
            other = store.Library(str(shelf_env))
            ingest.add_file(other, str(FIXTURES / "zh-statute.txt"), "statute")
            other.close()
        return real(self)

    monkeypatch.setattr(store.Library, "transaction", transaction)
    assert ingest.rebuild(opened) == 2
    monkeypatch.setattr(store.Library, "transaction", real)
    root = build_units(load_document(FIXTURES / "zh-statute.txt"))
    expected = [(leaf.ref, leaf.text) for leaf in leaves_in_scope(root, [root])]
    assert [(unit.ref, unit.text) for unit in index.stored_units(opened, "statute")] == expected


def test_a_copy_is_only_of_bytes_read_in_the_encoding_this_add_would_use(cli, shelf_env, tmp_path):
    """Another file's --encoding is that file's choice: the same bytes added plainly are read
    as detection reads them (UTF-8 here), and a second plain add is the copy."""
    text = "TREATY OF FRIENDSHIP\n\nArticle 1\nThe café is open to both Parties.\n"
    for stem in ("forced", "plain", "again"):
        (tmp_path / f"{stem}.txt").write_bytes(text.encode("utf-8"))
    assert cli("library", "add", "--encoding", "latin-1", str(tmp_path / "forced.txt")).code == 0
    plain = cli("library", "add", str(tmp_path / "plain.txt"))
    assert plain.lines == [f"added\tplain\t{tmp_path / 'plain.txt'}"]
    assert cli("show", "plain:1").out == "plain:1.1\tThe café is open to both Parties.\n"
    again = cli("library", "add", str(tmp_path / "again.txt"))
    assert again.lines == [f"copied\tagain\t{tmp_path / 'again.txt'}"]
    assert cli("show", "again:1").out == "again:1.1\tThe café is open to both Parties.\n"
    assert cli("show", "forced:1").out == "forced:1.1\tThe cafÃ© is open to both Parties.\n"  # as asked


def test_a_copy_of_bytes_read_as_utf8_is_not_decoded_again(cli, shelf_env, tmp_path, monkeypatch):
    """Bytes another document read as UTF-8 are valid UTF-8: a copy costs a row, not a decode."""
    from treatycli.loader import decode

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_bytes((FIXTURES / "zh-statute.txt").read_bytes())
    assert cli("library", "add", str(first)).code == 0

    def refuse(*args, **kwargs):
        raise AssertionError("a copy was decoded")

    monkeypatch.setattr(decode, "decode_bytes", refuse)
    assert cli("library", "add", str(second)).lines == [f"copied\tb\t{second}"]


CP1252_TREATY = b"TREATY OF FRIENDSHIP\n\nArticle 1\nThe caf\xe9 is open to both Parties.\n"
UTF8_TREATY = "TREATY OF FRIENDSHIP\n\nArticle 1\nThe café is open.\n".encode()


def test_a_guess_stays_a_guess_through_a_rebuild(cli, shelf_env, tmp_path):
    """The rebuild reads a source in its stored encoding, but a guessed one is still found
    again by update when the file is saved anew in UTF-8."""
    path = tmp_path / "friendship.txt"
    path.write_bytes(CP1252_TREATY)
    assert "a guess" in cli("library", "add", str(path)).err
    with sqlite3.connect(shelf_env) as db:
        db.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'built_by'")
    assert "indexing it again" in cli("library", "list").err
    path.write_bytes(UTF8_TREATY)
    assert cli("library", "update").code == 0
    assert cli("show", "friendship:1").out == "friendship:1.1\tThe café is open.\n"


def test_a_plain_add_is_no_copy_of_bytes_whose_guessed_encoding_another_file_chose(cli, shelf_env, tmp_path):
    """Detection would guess what another file's --encoding named: the plain add is its own
    document, read as a guess, so that its update detects the encoding again."""
    chosen, plain = tmp_path / "chosen.txt", tmp_path / "plain.txt"
    for path in (chosen, plain):
        path.write_bytes(CP1252_TREATY)
    assert cli("library", "add", "--encoding", "cp1250", str(chosen)).code == 0  # what detection guesses
    added = cli("library", "add", str(plain))
    assert added.lines == [f"added\tplain\t{plain}"] and "a guess" in added.err
    plain.write_bytes(UTF8_TREATY)
    assert cli("library", "update", "plain").code == 0
    assert cli("show", "plain:1").out == "plain:1.1\tThe café is open.\n"


def test_a_named_encoding_may_hold_nuls(cli, shelf_env, tmp_path):
    """UTF-16 without a byte-order mark is text when --encoding names it, as with --doc."""
    path = tmp_path / "statute.txt"
    path.write_bytes((FIXTURES / "zh-statute.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    assert cli("library", "add", "--encoding", "utf-16-le", str(path)).code == 0
    assert cli("show", "statute:3").out.startswith("statute:3.1\t国务院负责缔结条约。")


# -- no silent wrong answer (issue 19) ------------------------------------------------------------

# the built-in treaty's article 4, paragraph 2 (seeds/…), which none of these may print
BUILTIN_4_2 = "军事和技术领域的合作"
# zh-criminal-law-web.txt, article 121 as the fixture writes it
ARTICLE_121 = "以暴力、胁迫或者其他方法劫持航空器的，处十年以上有期徒刑或者无期徒刑。"


@pytest.mark.parametrize("reference", ["刑法:4.2", "Ñandú:4.2", "中華民國刑法:4.2", "nope：4.2", "刑法：4.2"])
@pytest.mark.parametrize("with_library", [False, True])
def test_a_name_in_any_script_that_no_document_has_is_an_error(cli, shelf_env, reference, with_library):
    """A word before a colon is a document's name, not words that lead into the reference."""
    if with_library:
        assert cli("library", "add", str(FIXTURES / "zh-statute.txt")).code == 0
    result = cli("show", reference)
    name = re.split("[:：]", reference)[0]
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert f"no document {name!r} in the library or this run" in result.err
    assert "treatycli library list" in result.err and BUILTIN_4_2 not in result.err


@pytest.mark.parametrize(
    "reference, refs",
    [("signing: “DONE at Moscow”", ["signing"]), ("《条约》第4条", ["4"]), ("第4条：“合作”", ["4"]),
     ("4:2", ["4.2"]), ("art.4:2", ["4.2"])],
)  # fmt: skip
def test_what_the_grammar_reads_whole_stays_a_reference_before_a_colon(cli, shelf_env, reference, refs):
    assert cli("library", "add", str(FIXTURES / "zh-statute.txt")).code == 0
    result = cli("show", "--json", reference)
    assert result.code == 0 and [record["ref"] for record in result.json] == refs


def test_names_in_any_script_read_back_and_never_as_references(cli, shelf_env, tmp_path):
    law = tmp_path / "中華民國刑法.md"
    law.write_bytes((FIXTURES / "zh-criminal-law-web.txt").read_bytes())
    assert cli("library", "add", str(law)).lines == [f"added\t中華民國刑法\t{law}"]
    named = cli("library", "add", "--name", "刑法", str(FIXTURES / "zh-criminal-law-web.txt"))
    assert named.code == 0 and named.lines[0].split("\t")[:2] == ["copied", "刑法"]
    assert cli("show", "刑法:121", "中華民國刑法:121").lines == [
        f"刑法:121.1\t{ARTICLE_121}",
        f"中華民國刑法:121.1\t{ARTICLE_121}",
    ]
    assert cli("--doc", "刑法", "show", "121").out == f"121.1\t{ARTICLE_121}\n"
    for name in ("第4条", "序言", "附件一", "刑法第4条"):
        refused = cli("library", "add", "--name", name, str(FIXTURES / "zh-statute.txt"))
        assert refused.code == 2 and "reads as a reference" in refused.err, name
        assert f"--name doc-{name}" not in refused.err or names.is_name(f"doc-{name}")
    assert store.Library(str(shelf_env)).names() == ["中華民國刑法", "刑法"]


@pytest.mark.parametrize(
    "first, second", [("xyz", "XYZ"), ("xyz", "ｘｙｚ"), ("刑法", "刑法"), ("Straße", "STRASSE")]
)
def test_names_that_differ_only_in_case_or_width_are_one_name(cli, shelf_env, first, second):
    assert cli("library", "add", "--name", first, str(FIXTURES / "zh-statute.txt")).code == 0
    refused = cli("library", "add", "--name", second, str(FIXTURES / "en-treaty.txt"))
    assert refused.code == 2 and refused.err.count("\n") == 2  # the file's line, then the count
    assert f"the name {first!r} is taken by {FIXTURES / 'zh-statute.txt'}" in refused.err
    assert store.Library(str(shelf_env)).names() == [first]
    other = cli("library", "add", str(FIXTURES / "en-treaty.txt"))  # named by its file: no clash
    assert other.code == 0


def test_a_library_of_schema_3_gets_keys_and_renames_a_name_that_differs_only_in_case(cli, shelf_env):
    for path, name in ((FIXTURES / "zh-statute.txt", "law"), (FIXTURES / "en-treaty.txt", "treaty")):
        assert cli("library", "add", str(path), "--name", name).code == 0
    with sqlite3.connect(shelf_env) as db:
        _as_schema_3(db)
        db.execute("UPDATE documents SET name = 'LAW' WHERE name = 'treaty'")  # schema 3 allowed both
    first = cli("show", "law:3", "LAW-2:2.2")
    notice = "the library was upgraded: 'LAW' is now 'LAW-2', as names that differ only in case or width are one name now"
    assert first.code == 0 and first.err == f"treatycli: {notice}\n"
    assert first.lines[-1] == "LAW-2:2.2\tThey shall exchange information on matters of common interest."
    with sqlite3.connect(shelf_env) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert sorted(db.execute("SELECT name, name_key FROM documents")) == [
            ("LAW-2", "law-2"),
            ("law", "law"),
        ]
    assert cli("show", "law:3").err == ""  # once


def test_a_title_and_a_short_title_given_to_a_document_cite_it_and_name_it(cli, shelf_env, tmp_path):
    law = tmp_path / "law.txt"
    law.write_bytes((FIXTURES / "zh-statute.txt").read_bytes())
    title, short = "中华人民共和国缔结条约程序法", "缔约法"
    assert cli("library", "add", "--title", title, "--short-title", short, str(law)).code == 0
    listed = cli("library", "list", "--json").json
    assert [(e["name"], e["title"], e["short_title"]) for e in listed] == [("law", title, short)]
    assert cli("cite", "law:2").out == f"《{title}》第2条\n"
    assert cli("cite", "--json", "law:2").json[0]["title"] == title
    # the fixture's article 2: 本法适用于以中华人民共和国名义缔结的条约和协定。
    article_2 = "2.1\t本法适用于以中华人民共和国名义缔结的条约和协定。\n"
    for citation in (f"《{short}》第2条", f"《{title}》第2条", "《示例条约法》第2条", f"根据{short}第2条"):
        assert cli("--doc", "law", "show", citation).out == article_2, citation
    assert cli("show", f"law:《{short}》第2条").out == "law:" + article_2
    other = cli("--doc", "law", "show", "《民法典》第2条")
    assert other.code == 2 and f"not the loaded document, {title} (law)" in other.err and short in other.err
    law.write_bytes(law.read_bytes() + "第五条 本法自公布之日起施行。\n".encode())
    assert cli("library", "update").lines == [f"updated\tlaw\t{law}"]
    assert cli("library", "list", "--json").json[0]["short_title"] == short
    assert cli("cite", "law:5").out == f"《{title}》第5条\n"
    several = cli("library", "add", "--title", title, str(law), str(FIXTURES / "en-treaty.txt"))
    assert several.code == 2 and "--title is for one document" in several.err
    assert cli("library", "add", "--short-title", "", str(law)).lines == [f"unchanged\tlaw\t{law}"]
    assert cli("library", "list", "--json").json[0]["short_title"] is None


def test_names_title_accepts_a_given_short_title_as_well_as_the_title_s_own_forms():
    from treatycli.grammar.titles import names_title

    title = "中华人民共和国刑法"
    assert names_title("刑法典", title, short_titles=("刑法典",)) and names_title(
        "刑法", title, short_titles=("刑法典",)
    )
    assert names_title("依照刑法典", title, lead_in=True, short_titles=("刑法典",))
    assert not names_title("刑法典", title) and not names_title("民法典", title, short_titles=("刑法典",))
    assert names_title("UNCLOS", "United Nations Convention on the Law of the Sea", short_titles=("UNCLOS",))


def test_a_citation_across_documents_goes_to_the_document_its_title_names(cli, shelf_env, tmp_path):
    for path in ("zh-statute.txt", "en-treaty.txt", "zh-civil-code-books.txt", "zh-criminal-law-web.txt"):
        assert cli("library", "add", str(FIXTURES / path)).code == 0
    # zh-civil-code-books.txt, 示例民法典, article 2
    books = cli("--library", "show", "《示例民法典》第2条")
    assert books.lines == [
        "zh-civil-code-books:2.1\t民法调整平等主体的自然人、法人和非法人组织之间的人身关系和财产关系。"
    ]
    assert cli("--library", "show", "the Treaty, art. 2.2").lines == [
        "en-treaty:2.2\tThey shall exchange information on matters of common interest."
    ]
    assert cli("--library", "show", "根据刑法第121条").lines == [f"zh-criminal-law-web:121.1\t{ARTICLE_121}"]
    cited = cli("--library", "cite", "--json", "--style", "short", "《示例民法典》第2条").json
    assert [(c["doc"], c["citation"]) for c in cited] == [("zh-civil-code-books", "第2条")]
    none = cli("--library", "show", "《民法典》第1165条")
    assert none.code == 2 and none.out == "" and none.err.count("\n") == 1
    assert "names '民法典', the title of none of the 4 documents this run reads" in none.err
    assert "zh-civil-code-books (示例民法典)" in none.err
    copy = tmp_path / "xingfa.txt"
    copy.write_bytes((FIXTURES / "zh-criminal-law-web.txt").read_bytes())
    assert cli("library", "add", str(copy)).code == 0
    alike = cli("--library", "show", "《刑法》第121条")
    assert alike.code == 2 and alike.out == "" and alike.err.count("\n") == 1
    assert "names 2 documents alike (xingfa, zh-criminal-law-web)" in alike.err
    # a title given to one of them names it whole, before a short form of the other's
    assert cli("library", "add", "--title", "中华人民共和国刑法", str(copy)).code == 0
    assert cli("--library", "show", "《中华人民共和国刑法》第121条").lines == [f"xingfa:121.1\t{ARTICLE_121}"]
    files = ["--doc", str(FIXTURES / "zh-statute.txt"), "--doc", str(FIXTURES / "zh-civil-code-books.txt")]
    assert cli(*files, "show", "《示例民法典》第2条").out == books.out


def _full_disk(monkeypatch, statement: str) -> None:
    """SQLite says the disk is full when `statement` runs (a proxy around each connection)."""
    real = sqlite3.connect

    class Full:
        def __init__(self, db):
            self._db = db

        def execute(self, sql, *args):
            if sql.lstrip().startswith(statement):
                raise sqlite3.OperationalError("database or disk is full")
            return self._db.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._db, name)

    monkeypatch.setattr(store.sqlite3, "connect", lambda *a, **k: Full(real(*a, **k)))


def test_a_full_disk_during_add_is_one_line_and_adds_nothing_half(cli, shelf_env, monkeypatch):
    assert cli("library", "add", str(FIXTURES / "zh-statute.txt")).code == 0
    with monkeypatch.context() as patched:
        _full_disk(patched, "INSERT INTO sources")
        full = cli("library", "add", str(FIXTURES / "en-treaty.txt"), str(FIXTURES / "zh-chapters.txt"))
    assert full.code == 2 and full.err.count("\n") == 1 and "internal error" not in full.err
    assert f"cannot write the library at {shelf_env}: database or disk is full" in full.err
    assert "free some space" in full.err
    assert store.Library(str(shelf_env)).names() == ["zh-statute"]
    assert cli("library", "add", str(FIXTURES / "en-treaty.txt")).code == 0


def _damaged(path: Path, damage: str) -> None:
    """A real library, damaged as files are: cut short, a page overwritten, a table gone."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = db.execute("PRAGMA page_size").fetchone()[0]
        (texts,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'texts'").fetchone()
        if damage == "table missing":
            db.execute("DROP TABLE units")
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "page overwritten":
        data[(texts - 1) * page : texts * page] = bytes(range(256)) * (page // 256)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["truncated", "page overwritten", "table missing"])
def test_a_damaged_library_is_one_line_naming_it_and_the_way_out(cli, shelf_env, damage):
    assert cli("library", "add", str(FIXTURES)).code == 0
    _damaged(shelf_env, damage)
    commands = [("grep", "条约", "--library"), ("library", "list"), ("show", "zh-statute:2"),
                ("grep", "-w", "条约", "--library"), ("library", "update"),
                ("library", "add", str(BUILTIN_PATH))]  # fmt: skip
    failed = []
    for argv in commands:
        result = cli(*argv)
        assert "internal error" not in result.err, (argv, result.err)
        if result.code == 2:
            failed.append(argv)
            line = result.err.splitlines()[-1]
            assert str(shelf_env) in line and ("TREATYCLI_LIBRARY" in line or "library add" in line), (
                argv,
                line,
            )
    assert ("grep", "条约", "--library") in failed  # every text is read: the damage is found


@pytest.mark.parametrize("place", ["folder", "/dev/full"])
def test_a_library_that_is_no_file_is_one_line(cli, shelf_env, monkeypatch, place):
    target = str(shelf_env.parent) if place == "folder" else place
    shelf_env.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("TREATYCLI_LIBRARY", target)
    for argv in (("library", "add", str(FIXTURES / "zh-statute.txt")), ("library", "list"), ("show", "x:2")):
        result = cli(*argv)
        assert result.code == 2 and result.err == (
            f"treatycli: the library at {target} is not a regular file: set TREATYCLI_LIBRARY to a file's path\n"
        ), argv


def test_a_folder_with_a_binary_file_and_a_fifo_adds_the_others(cli, shelf_env, tmp_path):
    """Permissions 000 do not stop root, who may run the suite: a binary file and a FIFO do."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("zh-statute.txt", "en-treaty.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)
    os.mkfifo(folder / "pipe.txt")
    result = cli("library", "add", str(folder))
    assert result.code == 2
    assert result.lines == [
        f"added\ten-treaty\t{folder / 'en-treaty.txt'}",
        f"added\tzh-statute\t{folder / 'zh-statute.txt'}",
    ]
    errors = result.err.splitlines()
    assert (
        len(errors) == 3 and errors[-1] == "treatycli: 2 of 4 files could not be added (each is named above)"
    )
    assert errors[0].startswith(f"treatycli: {folder / 'pipe.txt'} is not a regular file")
    assert errors[1].startswith(f"treatycli: {folder / 'scan.txt'}: looks like a binary file")


@given(st.text(alphabet="条约缔合作 ab，。1\n", max_size=40), st.integers(min_value=1, max_value=5))
def test_the_short_pattern_index_takes_each_chinese_character_a_stretch_at_a_time(text, stretch):
    """What the han index is given is every Chinese character, one token each, in order,
    whatever the stretch it is found in (a 5 MB text was one findall of 1.7 million strings)."""
    from treatycli.script import HAN

    real = index._HAN_STRETCH
    index._HAN_STRETCH = stretch
    try:
        assert index.han_chars(text) == " ".join(re.findall(HAN, text))
    finally:
        index._HAN_STRETCH = real
