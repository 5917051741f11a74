"""One vocabulary: a word added in vocabulary.py is read by every reader, the loader's headings,
the reference grammar and cross-references alike; the scripts and the traditional forms it
relies on are defined once and agree with their sources."""

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli import script, vocabulary
from treatycli.fold import traditional_to_simplified

from .conftest import ROOT

GERMAN_ARTICLE = """\
import sys
from treatycli import vocabulary as v

# the one edit: the article's word of a language the vocabulary does not have, as it takes it
form = v.LANGUAGES["en"].units["article"]
article = form._replace(words=(*form.words, "artikel"), headings=(*form.heading_words, "artikel"))
v.LANGUAGES["en"] = v.LANGUAGES["en"]._replace(units={**v.LANGUAGES["en"].units, "article": article})

from treatycli.main import run

sys.exit(run(sys.argv[1:]))
"""

TEXT = """\
Artikel 1
Die Vertragsparteien arbeiten beim Schutz der Leuchttürme zusammen.

Artikel 2
Was Artikel 1 bestimmt, gilt auch für die Häfen.

ARTIKEL 3
Dieser Vertrag tritt mit der Unterzeichnung in Kraft.
"""


@pytest.fixture
def with_german_article(tmp_path):
    doc = tmp_path / "vertrag.txt"
    doc.write_text(TEXT, encoding="utf-8")

    def run(*args):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYCLI_CACHE_DIR": str(tmp_path / "cache")}
        return subprocess.run(
            [sys.executable, "-c", GERMAN_ARTICLE, "--doc", str(doc), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )

    return run


def test_a_word_added_to_the_vocabulary_is_read_by_the_loader_the_grammar_and_cross_references(
    with_german_article,
):
    listed = with_german_article("list")
    assert (listed.returncode, [line.split("\t")[0] for line in listed.stdout.splitlines()]) == (
        0,
        ["1", "2", "3"],
    ), listed.stderr
    shown = with_german_article("show", "artikel 2")
    assert shown.stdout.splitlines() == ["2.1\tWas Artikel 1 bestimmt, gilt auch für die Häfen."]
    summary = with_german_article("summarise", "--json", "2")
    assert json.loads(summary.stdout)["units"][0]["cross_references"] == ["1"], summary.stderr


def test_without_the_word_the_same_text_has_no_articles(tmp_path, cli):
    """The control: today's vocabulary reads the six lines of the text as six paragraphs."""
    doc = tmp_path / "vertrag.txt"
    doc.write_text(TEXT, encoding="utf-8")
    lines = cli("--doc", str(doc), "list").lines
    assert [(line.split("\t")[0], line.split("\t")[-1]) for line in lines[::2]] == [
        ("1", "Artikel 1"),
        ("3", "Artikel 2"),
        ("5", "ARTIKEL 3"),
    ]
    assert cli("--doc", str(doc), "show", "artikel 2").code == 2


# -- what the vocabulary relies on ----------------------------------------------------------------


def _zh_words(*fields: str) -> list[str]:
    zh = vocabulary.LANGUAGES["zh"]
    words = []
    for field in fields:
        value = getattr(zh, field)
        if isinstance(value, dict):
            for entry in value.values():
                words += list(entry.every_word) if isinstance(entry, vocabulary.Form) else list(entry)
        else:
            words += list(value)
    return words


def test_each_traditional_form_is_what_opencc_simplifies_back():
    table = traditional_to_simplified()
    pairs = {chr(s): chr(t) for s, t in vocabulary.TRADITIONAL.items()}
    assert len(pairs) > 40
    for simplified, traditional in pairs.items():
        assert table.get(traditional) == simplified, (simplified, traditional)


def test_every_word_cite_writes_and_the_loader_reads_has_its_traditional_form():
    """The characters of units, divisions and named parts that OpenCC writes otherwise in
    traditional text (compatibility ideographs aside) are all in the table."""
    table = traditional_to_simplified()
    has_traditional = {s for t, s in table.items() if t != s and not 0xF900 <= ord(t) <= 0xFAFF}
    words = _zh_words("units", "divisions", "named")
    assert "条" in "".join(words) and "编" in "".join(words)
    missing = {ch for word in words for ch in word if ch in has_traditional} - set(
        chr(code) for code in vocabulary.TRADITIONAL
    )
    assert missing == set()


def test_the_table_holds_every_pair_of_opencc_s_file():
    """Read from data/t2s.txt as its header says: a pair a line, # a comment."""
    from treatycli import fold

    with open(fold._TABLE_PATH, encoding="utf-8") as file:
        rows = [line.rstrip("\n") for line in file if not line.startswith("#")]
    assert len(rows) > 4000 and all(len(row) == 2 for row in rows)
    table = traditional_to_simplified()
    assert dict(table.items()) == dict(rows) and len(table) == len(rows)
    assert table["條"] == "条" and table.get("约", "none") == "none" and "約" in table


def test_the_table_is_held_in_two_columns_not_an_object_per_character(monkeypatch):
    """It is loaded before a grep reads its document: as a dict of one-character strings it
    held 750 KB there (tracemalloc)."""
    import tracemalloc

    from treatycli import fold

    monkeypatch.setattr(fold, "_t2s", None)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        table = traditional_to_simplified()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(table) > 4000 and held < 100_000


_CHARACTERS = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)  # surrogates included


@given(st.lists(st.tuples(_CHARACTERS, _CHARACTERS)), st.lists(st.one_of(_CHARACTERS, st.text(max_size=3))))
def test_a_character_table_answers_as_the_dict_of_its_pairs(pairs, asked):
    """Made from pairs in any order, a key repeated (the later wins), as dict() makes them."""
    from treatycli.fold import CharacterTable

    table = CharacterTable((ord(key), ord(value)) for key, value in pairs)
    expected = dict(pairs)
    assert len(table) == len(expected) and list(table) == sorted(expected) and dict(table.items()) == expected
    for key in [*expected, *asked]:
        assert (key in table) == (key in expected)
        assert table.get(key) == expected.get(key) and table.get(key, "-") == expected.get(key, "-")
        if key in expected:
            assert table[key] == expected[key]
        else:
            with pytest.raises(KeyError):
                table[key]
    text = "".join(asked) + "".join(expected)
    assert text.translate(table.translation()) == text.translate(str.maketrans(expected))


@given(st.integers(0, 0x3FFFF))
def test_wide_and_han_characters_are_one_definition(code):
    import re

    ch = chr(code)
    if 0xD800 <= code <= 0xDFFF:
        return  # surrogates are no characters of a text
    in_ranges = any(first <= code <= last for first, last in script.WIDE_RANGES)
    assert script.is_wide(ch) == in_ranges == bool(re.fullmatch(script.WIDE, ch))
    in_han = any(first <= code <= last for first, last in script.HAN_RANGES)
    assert script.is_han(ch) == in_han == bool(re.fullmatch(script.HAN, ch))
