"""The library: documents stored once, found through the indexes exactly as grep finds them."""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli import library, search, words
from treatycli.errors import LibraryError
from treatycli.loader import BUILTIN_PATH, load_document
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
    opened = library.Library(str(folder / "library.db"), create=True)
    for name, path in DOCUMENTS.items():
        library.add_file(opened, str(path), name)
    library.add_file(opened, BUILTIN_PATH, "seed-copy")  # the same text twice: stored once
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
    found = {}
    for name, units in library.candidates_by_document(shelf, matcher).items():
        edges = boundaries_for(library.stored_units(shelf, name)) if matcher.options.words else None
        hits = search.search(units, matcher, edges, need_spans=need_spans)
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


@pytest.mark.parametrize("pattern", ["合", "合作", "EU", "a", "1", "第1", "–", "(a)"])
def test_patterns_shorter_than_a_trigram_are_found_too(shelf, boundaries_for, pattern):
    matcher = Matcher([pattern], Options())
    expected = {n: per_document(matcher, n, boundaries_for) for n in [*DOCUMENTS, "seed-copy"]}
    assert through_library(shelf, matcher, boundaries_for) == {n: r for n, r in expected.items() if r}


def test_repeated_text_is_stored_once(shelf):
    texts = shelf.db.execute("SELECT count(*) FROM texts").fetchone()[0]
    units = shelf.db.execute("SELECT count(*) FROM units").fetchone()[0]
    seed_units = shelf.db.execute(
        "SELECT count(*) FROM units u JOIN documents d ON d.id = u.doc WHERE d.name = 'seed'"
    ).fetchone()[0]
    assert seed_units == 47  # agenda 8, letter 5, title 1, preamble 8, paragraphs 22, signing 1, signatures 2
    assert units - texts >= seed_units  # the copy added no text of its own


def test_removing_a_document_drops_text_only_it_held(tmp_path):
    shelf = library.Library(str(tmp_path / "l.db"), create=True)
    library.add_file(shelf, str(DOCUMENTS["zh-statute"]), "statute")
    library.add_file(shelf, BUILTIN_PATH, "seed")
    shelf.remove("statute")
    assert shelf.names() == ["seed"]
    # 适用于 stands in the statute only; the index no longer offers it
    matcher = Matcher(["本法适用于"], Options())
    assert library.candidates_by_document(shelf, matcher) == {}
    assert set(library.candidates_by_document(shelf, Matcher(["萨雷兹湖"], Options()))) == {"seed"}
    assert shelf.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with pytest.raises(LibraryError, match="no document 'statute' in the library: it has seed"):
        shelf.remove("statute")


def test_a_missing_library_says_how_to_make_one(tmp_path):
    with pytest.raises(LibraryError, match="treatycli library add PATH"):
        library.Library(str(tmp_path / "none.db"))


def test_a_newer_or_foreign_database_is_never_misread(tmp_path):
    newer = tmp_path / "newer.db"
    library.Library(str(newer), create=True).close()
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {library.SCHEMA_VERSION + 1}")
    with pytest.raises(LibraryError, match="newer treatycli"):
        library.Library(str(newer))
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(LibraryError, match="not a treatycli library"):
        library.Library(str(foreign))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="is not a treatycli library"):
        library.Library(str(junk))


@pytest.mark.parametrize(
    "path, name", [("/x/bbnj-2023.zh.cleaned.txt", "bbnj-2023"), ("/x/UN Charter (1945).txt", "UN-Charter-1945"),
                   ("/x/条约.txt", "doc"), ("/x/.hidden", "doc")],
)  # fmt: skip
def test_names_come_from_file_names(path, name):
    assert library.name_for(path) == name


def test_the_library_path_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TREATYCLI_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert library.library_path() == str(tmp_path / "treatycli" / "library.db")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert library.library_path().endswith("/.local/share/treatycli/library.db")
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "mine.db"))
    assert library.library_path() == str(tmp_path / "mine.db")
