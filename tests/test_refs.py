"""The reference grammar: what it reads, what it refuses, and its round trip."""

import pytest

from treatycli.errors import ReferenceNotFound, ReferenceSyntaxError
from treatycli.refs import RangeReference, Reference, parse_reference, parse_references, resolve_all
from treatycli.units import build_units


def refs_of(seed, *args):
    return [u.ref for u in resolve_all(build_units(seed), parse_references(list(args)))]


@pytest.mark.parametrize(
    "text, path",
    [
        ("4", ("4",)), ("4.2", ("4", "2")), ("4:2", ("4", "2")), ("4(2)", ("4", "2")),
        ("第4条", ("4",)), ("第四条", ("4",)), ("第四条第二款", ("4", "2")), ("第十二条", ("12",)),
        ("第4條", ("4",)), ("art. 4", ("4",)), ("Art 4", ("4",)), ("article 4(2)", ("4", "2")),
        ("Article 4, paragraph 2", ("4", "2")), ("４．２", ("4", "2")),
        ("title", ("title",)), ("preamble", ("preamble",)), ("preamble.3", ("preamble", "3")),
        ("PREAMBLE.parties", ("preamble", "parties")), ("序言", ("preamble",)),
        ("letter", ("letter",)), ("agenda", ("agenda",)), ("agenda.33", ("agenda", "33")),
        ("signing", ("signing",)), ("signatures", ("signatures",)), ("all", ("all",)),
    ],
)  # fmt: skip
def test_single_references(text, path):
    assert parse_reference(text) == Reference(path)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("3-5", ("3",), ("5",)),
        ("3.1-3.2", ("3", "1"), ("3", "2")),
        ("3.1-2", ("3", "1"), ("3", "2")),
        ("第三条至第五条", ("3",), ("5",)),
        ("3 – 5", ("3",), ("5",)),
        ("preamble.2-4", ("preamble", "2"), ("preamble", "4")),
    ],
)
def test_ranges(text, start, end):
    assert parse_reference(text) == RangeReference(Reference(start), Reference(end))


@pytest.mark.parametrize(
    "args, expected",
    [
        (["1,4,7"], ["1", "4", "7"]),
        (["1", "4.2"], ["1", "4.2"]),
        (["3-5"], ["3", "4", "5"]),
        (["3.1-2"], ["3.1", "3.2"]),
        (["3.2-4.1"], ["3.2", "3.3", "4.1"]),
        (["第四条第二款"], ["4.2"]),
        (["preamble.2-3"], ["preamble.2", "preamble.3"]),
        (["1、2"], ["1", "2"]),
    ],
)
def test_resolution(seed, args, expected):
    assert refs_of(seed, *args) == expected


def test_all_is_every_part_in_document_order(seed):
    refs = refs_of(seed, "all")
    assert refs[:3] == ["agenda", "letter", "title"]
    assert refs[3:16] == ["preamble"] + [str(n) for n in range(1, 13)]
    assert refs[-2:] == ["signing", "signatures"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("13", "no article 13: articles are 1-12"),
        ("4.5", "no paragraph 4.5: article 4 has paragraphs 1-2"),
        ("5.2", "no paragraph 5.2: article 5 has only paragraph 1"),
        ("preamble.9", "no part preamble.9: preamble has parties, 1, 2, 3, 4, 5, 6, formula"),
        ("agenda.21", "no part agenda.21: agenda has 20, 33, 64, 93, 94, 101, 102, 155"),
        ("第十三条", "no article 13"),
    ],
)
def test_missing_units_say_what_exists(seed, text, message):
    with pytest.raises(ReferenceNotFound, match=message.replace("(", r"\(").replace(".", r"\.")):
        refs_of(seed, text)


@pytest.mark.parametrize("text", ["foo", "4..2", "第条", "art.", "-", "4-", "3.1-4", "4.2.1.9", ""])
def test_malformed_references_show_examples(seed, text):
    with pytest.raises((ReferenceSyntaxError, ReferenceNotFound)) as caught:
        refs_of(seed, text)
    if isinstance(caught.value, ReferenceSyntaxError):
        assert "4.2" in str(caught.value) or "both ends" in str(caught.value)


def test_backwards_range_is_refused(seed):
    with pytest.raises(ReferenceSyntaxError, match="runs backwards"):
        refs_of(seed, "5-3")


def test_round_trip_every_unit_ref_resolves_to_itself(seed):
    root = build_units(seed)
    units = [u for u in root.walk() if u is not root]
    assert len(units) > 60
    for unit in units:
        (found,) = resolve_all(root, parse_references([unit.ref]))
        assert found is unit, unit.ref
