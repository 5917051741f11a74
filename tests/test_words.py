"""grep -w's word edges (words.py, segment.py): a byte an offset, and lengths taken as jieba makes its
tokens, the same edges as the sets of offsets and the token lists they replaced (issue 21:
a million-token text took 200 MiB as tuples and 100 MiB as a set)."""

from itertools import accumulate

from hypothesis import example, given, settings
from hypothesis import strategies as st

from treatycli import segment, words
from treatycli.units import Unit

# Chinese, Cyrillic, Arabic, full-width and Latin letters, digits, spaces and punctuation
ALPHABET = "条约缔合作双方国际联合СтороныдоговорمعاهدةＰａｒｔｉｅｓtreaty 12 ，。-"


@given(st.lists(st.integers(min_value=1, max_value=9), max_size=40))
def test_the_edges_of_words_of_these_lengths_are_their_ends(sizes):
    edges = words.Edges.of_lengths(sizes)
    ends = {0, *accumulate(sizes)}
    assert [offset for offset in range(-2, sum(sizes) + 3) if offset in edges] == sorted(ends)


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_a_spaced_texts_edges_are_every_offset_but_those_inside_a_word(text):
    import re

    inside = {
        i
        for w in re.finditer(r"[\w\u0300-\u036f\u064b-\u065f]+", text)
        for i in range(w.start() + 1, w.end())
    }
    edges = words._word_edges(text)
    assert [offset for offset in range(len(text) + 2) if offset in edges] == [
        offset for offset in range(len(text) + 1) if offset not in inside
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=50), min_size=1, max_size=4))
def test_lengths_taken_as_jieba_goes_are_those_of_its_tokens(texts):
    """segment() never holds the tokens; the lengths are those of tokenize()'s tokens."""
    units = [Unit(f"{i}.1", "paragraph", f"p{i}", text) for i, text in enumerate(texts, start=1)]
    streamed, names = segment.segment(units)
    tokens = segment.tokenize(units)
    taken = {
        unit.ref: segment.token_lengths(unit.text, [end for _, _, end in tokens.tokens_of(unit.ref)])
        for unit in units
    }
    assert (streamed, names) == (taken, tokens.names)
    assert all(sum(streamed[unit.ref]) == len(unit.text) for unit in units)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=50), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=600),
)
@example(["缔约双方"], 255)  # the longest token a byte holds,
@example(["缔约双方"], 256)  # and the shortest it does not
def test_a_summary_cuts_each_text_where_jieba_cut_it(texts, letters):
    """Summarising keeps only the lengths of jieba's tokens (a byte each, or 4 where one is
    longer than 255 characters) and cuts each text again where they end: the tokens it reads
    are jieba's own, and so are the lengths it keeps for grep -w."""
    from types import SimpleNamespace

    from treatycli import mentions, summarising

    texts = [*texts, f"条约{'a' * letters}合作"]  # a word of up to 600 letters is one token
    units = [Unit(f"{i}.1", "paragraph", f"p{i}", text) for i, text in enumerate(texts, start=1)]
    found = mentions.discover(texts, "zh")
    jiebas = segment.tokenize(units, found)
    expected = {
        unit.ref: [(unit.text[s:e], s, e) for _, s, e in jiebas.tokens_of(unit.ref)] for unit in units
    }
    kept = summarising._Tokens(SimpleNamespace(language="zh", title=None), units, found)
    assert {
        unit.ref: [(unit.text[t.start : t.end], t.start, t.end) for t in kept.of(unit)] for unit in units
    } == (expected)
    _, lengths, _ = kept.segmentation()
    assert dict(lengths) == {
        unit.ref: segment.token_lengths(unit.text, [end for _, _, end in expected[unit.ref]])
        for unit in units
    }


def test_jieba_starts_without_pkg_resources():
    """jieba's _compat imports pkg_resources only to find its own files, which it opens by path
    without it. Imported, pkg_resources took 70 ms and 10 MiB, may warn that it is deprecated,
    and held the frames that imported jieba, with a summary's every local."""
    import importlib.util
    import subprocess
    import sys

    import pytest

    if importlib.util.find_spec("pkg_resources") is None:
        pytest.skip("setuptools is not installed: nothing could import pkg_resources")
    script = (
        "import sys\n"
        "from treatycli import segment\n"
        "tokenizer, _ = segment.new_tokenizer()\n"
        "print(' '.join(tokenizer.lcut('缔约双方合作')), 'pkg_resources' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "缔约 双方 合作 False\n", "")


def test_the_lengths_a_summary_keeps_take_a_byte_a_token_where_they_fit():
    """A byte a token (a token is a word), 4 where one is longer than a byte holds: jieba's
    ends, 4 bytes each, took 1 MiB a MB of text while a summary was made."""
    from treatycli import summarising

    assert (type(summarising._lengths([2, 255, 1])), list(summarising._lengths([2, 255, 1]))) == (
        bytes,
        [2, 255, 1],
    )
    assert (summarising._lengths([2, 256]).itemsize, list(summarising._lengths([2, 256]))) == (4, [2, 256])


def test_a_unit_is_segmented_once_and_its_simplified_text_then_goes():
    """tokens_of makes a unit's tokens once; its text in simplified characters, kept for it
    until then, goes (every unit's, held to the end of a summary, took 1 MiB a MB)."""
    import pytest

    units = [Unit("1.1", "paragraph", "p1", "缔约双方合作"), Unit("1.2", "paragraph", "p2", "條約")]
    tokens = segment.tokenize(units)
    assert [word for word, _, _ in tokens.tokens_of("1.2")] == ["條約"]
    with pytest.raises(KeyError):
        tokens.tokens_of("1.2")
    assert "".join(word for word, _, _ in tokens.tokens_of("1.1")) == "缔约双方合作"
