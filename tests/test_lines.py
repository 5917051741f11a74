"""The loader's lines: `Lines` makes each line when asked, and must read as the list of
`Line.of` over `text.split("\\n")` that it replaced, whatever is asked of it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli.loader import lines as lines_module
from treatycli.loader.context import LineNumbers
from treatycli.loader.lines import Line, Lines, split_lines

# pieces a PDF's text is made of: indents, wide characters, blank and space-only lines, CR
LINE = st.text(alphabet=st.sampled_from(["a", "第", " ", "\u3000", "\t", "1", "\r", "。"]), max_size=6)
TEXT = st.lists(LINE, max_size=12).map("\n".join)


def expected(text: str) -> list[Line]:
    return [Line.of(number, raw) for number, raw in enumerate(text.split("\n"), 1)]


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Lines are made a block at a time: blocks of 3 put block edges inside these short texts."""
    monkeypatch.setattr(lines_module, "BLOCK_LINES", 3)


@given(TEXT, st.data())
def test_lines_read_as_the_list_they_replace(text, data):
    lines, want = split_lines(text), expected(text)
    assert list(lines) == want and len(lines) == len(want)
    assert list(lines.texts()) == [line.text for line in want]
    assert [lines.raw(i) for i in range(len(want))] == [line.raw for line in want]
    for _ in range(8):
        index = data.draw(st.integers(-len(want), len(want) - 1))
        assert lines[index] == want[index]
        start, stop = data.draw(st.integers(-3, len(want) + 3)), data.draw(st.integers(-3, len(want) + 3))
        step = data.draw(st.sampled_from([None, 1, 2, -1]))
        assert lines[start:stop:step] == want[start:stop:step]
        if min(start, stop) >= 0:  # run takes indices, not negative offsets
            assert list(lines.run(start, stop)) == want[start:stop]
    for index in (len(want), -len(want) - 1):
        with pytest.raises(IndexError):
            lines[index]


@given(TEXT, st.data())
def test_a_changed_line_reads_back_everywhere_and_only_in_its_copy(text, data):
    lines, want = split_lines(text), expected(text)
    copy = lines.copy()
    for index in data.draw(st.lists(st.integers(0, len(want) - 1), max_size=4)):
        line = Line.of(index + 1, f"changed {index}")
        copy[index], want[index] = line, line
    assert list(copy) == want and copy[:] == want
    assert list(copy.texts()) == [line.text for line in want]
    assert [copy.raw(i) for i in range(len(want))] == [line.raw for line in want]
    for start in range(len(want) + 1):
        assert list(copy.run(start, len(want))) == want[start:]
        assert [copy[i] for i in range(start, len(want))] == want[start:]
    assert list(lines) == expected(text)  # the original keeps its lines


def test_a_line_cannot_be_put_under_another_number():
    lines = split_lines("a\nb")
    with pytest.raises(ValueError, match="line 1 cannot stand at index 1"):
        lines[1] = Line.of(1, "x")


def test_lines_hold_the_text_not_a_line_object_per_line():
    lines = split_lines("条约\n" * 1000)
    assert isinstance(lines, Lines) and lines[5] is not lines[5]  # made on demand
    assert lines[-1] == Line.of(1001, "")


@given(st.integers(0, 20), st.lists(st.integers(1, 20)), st.lists(st.integers(1, 20)), st.integers(-2, 23))
def test_claimed_line_numbers_answer_as_a_set_does(count, added, updated, asked):
    numbers, want = LineNumbers(count), set()
    for number in (n for n in added if n <= count):
        numbers.add(number)
        want.add(number)
    numbers.update(n for n in updated if n <= count)
    want.update(n for n in updated if n <= count)
    assert [n in numbers for n in range(-2, count + 3)] == [n in want for n in range(-2, count + 3)]
    assert (asked in numbers) == (asked in want)
