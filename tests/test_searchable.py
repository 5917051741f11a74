"""grep of a whole large document from the record kept of its text units (searchable.py), without
its model (issue 21): the same answer as grep of the model, whatever the pattern and options."""

from hashlib import sha256

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli import folded, loader, searchable, snapshot
from treatycli.commands import grep as grep_command

from .conftest import FIXTURES, kept_files, read_kept, write_kept


@pytest.fixture
def small_is_large(monkeypatch):
    """Every document counts as large: its folded text and searchable record are kept."""
    monkeypatch.setattr(folded, "KEPT_FROM", 0)


def _model_only(monkeypatch):
    """grep reads no kept record of text units: it reads the model, and searches the units
    of its tree (a list of them all, as the unit tree gives them), not KeptUnits."""
    from treatycli.search import leaves_in_scope
    from treatycli.units import build_units

    monkeypatch.setattr(searchable, "read", lambda *args: None)
    monkeypatch.setattr(searchable, "keep", lambda *args: None)

    def every_unit(doc):
        root = build_units(doc)
        return leaves_in_scope(root, [root])

    monkeypatch.setattr(searchable, "units_of", every_unit)


def _kept_records(home):
    return kept_files(home / ".cache" / "treatycli", "searchable-")


def test_a_second_grep_of_a_document_reads_no_model(cli, tmp_path, small_is_large, monkeypatch):
    path = tmp_path / "t.txt"
    path.write_text("TREATY\n\nArticle 1\nThe Parties shall cooperate.\n\nArticle 2\nEach Party.\n", "utf-8")
    first = cli("--doc", str(path), "grep", "-i", "PARTIES")
    assert (first.code, first.lines) == (0, ["1.1\tThe Parties shall cooperate."])
    assert len(_kept_records(tmp_path / "home")) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("the model was read")

    monkeypatch.setattr(snapshot, "load", refuse)
    monkeypatch.setattr(snapshot, "load_kept", refuse)
    monkeypatch.setattr(grep_command, "load_selected", refuse)
    monkeypatch.setattr(loader, "read_document", refuse)
    monkeypatch.setattr(loader, "load_document", refuse)
    again = cli("--doc", str(path), "grep", "-i", "PARTIES")
    assert (again.code, again.lines, again.err) == (first.code, first.lines, first.err)
    assert cli("--doc", str(path), "grep", "nowhere").code == 1


def test_a_damaged_record_is_read_again_from_the_text(cli, tmp_path, small_is_large):
    path = tmp_path / "t.txt"
    path.write_text("TREATY\n\nArticle 1\nThe Parties shall cooperate.\n", "utf-8")
    cli("--doc", str(path), "grep", "cooperate")
    (kept,) = _kept_records(tmp_path / "home")
    data = kept.read_bytes()
    at = data.index(b"cooperate")
    kept.write_bytes(data[:at] + b"disagree!" + data[at + 9 :])  # the text changed on disk, not its checksum
    done = cli("--doc", str(path), "grep", "-o", "cooperate")
    assert (done.code, done.lines) == (0, ["1.1\tcooperate"])
    assert cli("--doc", str(path), "grep", "disagree").code == 1
    record = read_kept(kept)  # written again
    record["units"][3] = 3  # a unit's text not a string, in a record whose checksum holds
    write_kept(kept, record)
    assert (cli("--doc", str(path), "grep", "-o", "cooperate").lines, done.code) == (done.lines, 0)
    record = read_kept(kept)
    del record["title"]  # a field missing
    write_kept(kept, record)
    again = cli("--doc", str(path), "grep", "-o", "cooperate")
    assert (again.code, again.lines, again.err) == (0, done.lines, "")


def test_a_text_that_folding_leaves_alone_is_kept_and_read_once(cli, tmp_path, small_is_large):
    """Simplified Chinese folds to itself: the record holds each such text once, for its text
    and its folded text (marshal writes the second as a reference to the first), and a run
    that reads it holds it once; a traditional text folds to another, and both are kept."""
    path = tmp_path / "t.txt"
    path.write_text("条约\n\n第一条 缔约双方合作。\n\n第二条 締約雙方協商。\n", "utf-8")
    cli("--doc", str(path), "grep", "合作")
    (kept,) = _kept_records(tmp_path / "home")
    units = read_kept(kept)["units"]
    pairs = {text: (text, folded_text) for text, folded_text in zip(units[3::5], units[4::5], strict=True)}
    simplified, traditional = pairs["缔约双方合作。"], pairs["締約雙方協商。"]
    assert simplified[0] is simplified[1]
    assert traditional[1] == "缔约双方协商。"
    assert kept.read_bytes().count("缔约双方合作".encode()) == 1
    found = searchable.read(sha256(path.read_bytes()).hexdigest(), None, path.stat().st_size)
    read_back = {
        leaf.text: (leaf.text, folded_text)
        for leaf, folded_text in zip(found.leaves, found.folded, strict=True)
    }
    assert read_back["缔约双方合作。"][0] is read_back["缔约双方合作。"][1]


def test_what_reading_told_is_told_again_from_the_record(cli, tmp_path, small_is_large):
    """The notes on stderr (a paragraphs-only text here) come with the answer however it is read."""
    path = tmp_path / "p.txt"
    path.write_text("First paragraph about fish.\n\nSecond paragraph about birds.\n", "utf-8")
    first = cli("--doc", str(path), "grep", "fish")
    assert "no articles found" in first.err
    assert cli("--doc", str(path), "grep", "fish").err == first.err


WORDS = ["合作", "缔约方", "渔业", "条约", "Parties", "party", "sécurité", "fish", "Стороны", "和平解决"]
OPTIONS = [[], ["-i"], ["-c"], ["-o"], ["-l"], ["--refs-only"], ["-w"], ["-F"], ["--exact"], ["-C", "1"],
           ["--json"], ["-m", "2"], ["-i", "-o"], ["-l", "-c"]]  # fmt: skip


@st.composite
def documents(draw):
    """A treaty of 1-6 articles of 1-3 paragraphs made of the words, some with Chinese."""
    articles = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        paragraphs = [
            " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))
            for _ in range(draw(st.integers(1, 3)))
        ]
        articles.append(f"Article {number}\n" + "\n\n".join(paragraphs))
    return "TREATY OF TESTS\n\n" + "\n\n".join(articles) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents(), st.sampled_from(WORDS), st.sampled_from(OPTIONS), st.sampled_from(["-E", None]))
def test_grep_from_the_kept_record_answers_as_grep_of_the_model(
    cli, tmp_path, small_is_large, monkeypatch, text, pattern, options, regex
):
    path = tmp_path / "doc.txt"
    path.write_text(text, "utf-8")
    args = [
        "--doc",
        str(path),
        "grep",
        *options,
        *([regex] if regex and "-F" not in options else []),
        pattern,
    ]
    cli(*args)  # reads the model, keeps the record (where it folds: not -F or --exact)
    read = searchable.read
    found = []
    with monkeypatch.context() as spied:
        spied.setattr(searchable, "read", lambda *a: found.append(read(*a)) or found[-1])
        kept = cli(*args)
    if "-F" not in options and "--exact" not in options:
        assert found[0] is not None, "the record kept by the first run was not read"
    with monkeypatch.context() as patched:
        _model_only(patched)
        model = cli(*args)
    timeless = [line for line in kept.lines if '"elapsed_ms"' not in line]
    assert (kept.code, timeless, kept.err) == (
        model.code,
        [line for line in model.lines if '"elapsed_ms"' not in line],
        model.err,
    )


@pytest.mark.parametrize("options", [[], ["-i"], ["-c"], ["-C", "1"]])
def test_grep_of_a_kept_record_makes_only_the_units_it_may_match_and_shows(
    options, cli, tmp_path, small_is_large, monkeypatch
):
    """The kept folded text rules a unit out before it is made (a Unit each, made at once, was
    a sixth of a warm grep's memory): only the matching units, and with -C their neighbours."""
    path = tmp_path / "t.txt"
    articles = [f"Article {n}\nThe Parties shall meet in year {1990 + n}." for n in range(1, 21)]
    path.write_text("TREATY\n\n" + "\n\n".join(articles) + "\n", "utf-8")
    first = cli("--doc", str(path), "grep", *options, "1995")
    made, real = [], searchable.KeptUnits.__getitem__

    def getitem(self, index):
        made.append(index)
        return real(self, index)

    monkeypatch.setattr(searchable.KeptUnits, "__getitem__", getitem)
    again = cli("--doc", str(path), "grep", *options, "1995")
    assert (again.code, again.out) == (0, first.out) and "5" in first.out
    wanted = {4, 5, 6} if options == ["-C", "1"] else {5}  # units: the title, then 1.1, 2.1, …
    assert set(made) == wanted


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_a_first_grep_reads_the_units_a_walk_of_the_tree_finds(path):
    """units_of gives the text units search.leaves_in_scope gives (ref, kind, label and
    text, in order)."""
    from treatycli.search import leaves_in_scope
    from treatycli.units import build_units

    doc = loader.load_document(path)
    kept = searchable.units_of(doc)
    tree = build_units(doc)
    walked = [(u.ref, u.kind, u.label, u.text) for u in leaves_in_scope(tree, [tree])]
    assert [(u.ref, u.kind, u.label, u.text) for u in kept] == walked and walked
    # and a label many units share (第2款, Paragraph 2) is held once, as the record holds it
    first: dict[str, str] = {}
    assert all(first.setdefault(unit.label, unit.label) is unit.label for unit in kept)


@pytest.mark.parametrize("name", ["zh-civil-code-books.txt", "zh-damaged-numbering.txt", "seed"])
def test_a_walk_of_a_whole_document_holds_one_article_unit_at_a_time(name):
    """walk_unkept (a first grep's) walks every unit of the tree, in order, and an article's
    unit is let go once walked: no tree of every article beside the model, chapters or not."""
    import gc

    from treatycli.units import ArticleUnit, build_units, walk_unkept

    doc = loader.load_document(None if name == "seed" else FIXTURES / name)
    articles = {id(article) for article in doc.articles}
    alive = []
    walked = []
    for unit in walk_unkept(doc):
        walked.append((unit.ref, unit.kind, unit.label, unit.text))
        if unit.kind == "article":  # this document's article units alive now
            alive.append(sum(isinstance(o, ArticleUnit) and id(o.node) in articles for o in gc.get_objects()))
    assert walked == [(u.ref, u.kind, u.label, u.text) for u in list(build_units(doc).walk())[1:]]
    assert len(alive) == len(doc.articles) > 1 and max(alive) == 1


def test_a_first_grep_lets_the_model_go_before_it_folds_the_texts(cli, tmp_path, monkeypatch):
    """The units' texts are folded once the model is gone: both at once were the peak of a
    first grep of a large document."""
    import gc

    from treatycli.model import Document

    path = tmp_path / "only-here.txt"
    path.write_text((FIXTURES / "zh-statute.txt").read_text("utf-8"), "utf-8")
    alive = []
    fold = folded.folded_texts

    def folding(units):
        alive.extend(o for o in gc.get_objects() if isinstance(o, Document) and path.name in o.source.name)
        return fold(units)

    monkeypatch.setattr(folded, "folded_texts", folding)
    found = cli("--doc", str(path), "grep", "条约")
    assert found.code == 0 and found.lines and alive == []


def test_a_first_grep_walks_the_model_without_a_tree_of_its_articles(cli, tmp_path, monkeypatch):
    """A first grep of a whole document reads its text units from the model (units_of), not
    from a unit tree of every article (build_units), which it held beside the model."""
    from treatycli import units

    path = tmp_path / "chapters.txt"
    path.write_text((FIXTURES / "zh-civil-code-books.txt").read_text("utf-8"), "utf-8")
    built = []
    build = units.build_units
    monkeypatch.setattr(units, "build_units", lambda doc: built.append(doc) or build(doc))
    found = cli("--doc", str(path), "grep", "-c", "物权")
    assert found.code == 0 and found.lines and built == []
    assert (
        cli("--doc", str(path), "grep", "-c", "物权", "6").lines == ["6\t1"] and len(built) == 1
    )  # refs: a tree


def test_a_label_many_units_share_is_kept_once(cli, tmp_path, small_is_large):
    """Most text units' labels repeat (第1款, Paragraph 2): the record holds each once, and a
    grep that reads it holds each once."""
    path = tmp_path / "t.txt"
    articles = [
        f"Article {n}\n1. The Parties shall meet.\n\n2. Each Party shall report." for n in range(1, 6)
    ]
    path.write_text("TREATY\n\n" + "\n\n".join(articles) + "\n", "utf-8")
    cli("--doc", str(path), "grep", "Parties")
    (kept,) = _kept_records(tmp_path / "home")
    labels = read_kept(kept)["units"][2::5]
    first: dict[str, str] = {}
    for label in labels:
        first.setdefault(label, label)
    assert len(labels) > len(first) and all(label is first[label] for label in labels)


def test_a_regular_expression_is_run_once_on_each_kept_folded_text(
    cli, tmp_path, small_is_large, monkeypatch
):
    """-E spends from one time limit for the run: a kept folded text is searched once for all
    the patterns (none matching: passed over), and a matching text once more per pattern for
    its spans, never twice for the same verdict."""
    from treatycli.search import Matcher

    path = tmp_path / "t.txt"
    articles = [f"Article {n}\n{'The Parties agree.' if n % 2 else 'Nothing here.'}" for n in range(1, 8)]
    path.write_text("TREATY\n\n" + "\n\n".join(articles) + "\n", "utf-8")
    args = ["--doc", str(path), "grep", "--json", "-E", "-e", "Part", "-e", "agree"]
    first = cli(*args)
    (kept,) = _kept_records(tmp_path / "home")
    units = len(read_kept(kept)["units"]) // 5
    calls, real = [], Matcher._budgeted
    monkeypatch.setattr(Matcher, "_budgeted", lambda self, *a: calls.append(a) or real(self, *a))
    again = cli(*args)
    assert [line for line in again.lines if "elapsed_ms" not in line] == [
        line for line in first.lines if "elapsed_ms" not in line
    ]
    assert len(calls) == units + 2 * 4  # articles 1, 3, 5 and 7 match, each for two patterns
