"""The reference grammar: what it reads, what it refuses, and its round trip."""

import pytest

from treatycli.errors import ReferenceNotFound, ReferenceSyntaxError
from treatycli.grammar.references import (
    RangeReference,
    Reference,
    parse_reference,
    parse_references,
    resolve_all,
)
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
        ("第1部分至第3部分", ("part1",), ("part3",)),  # not one division numbered "1部分至第3"
        ("第一章至第三章", ("chapter1",), ("chapter3",)),
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
        (["Article 4, paragraph 2"], ["4.2"]),
        (["4, 5"], ["4", "5"]),
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


SHOWS_EXAMPLES = r": try 4, 4\.2, 4\(2\), 3-5"


@pytest.mark.parametrize(
    "text, error, message",
    [
        ("foo", ReferenceSyntaxError, r"^cannot read reference 'foo'" + SHOWS_EXAMPLES),
        ("4..2", ReferenceSyntaxError, r"^cannot read reference '4\.\.2'" + SHOWS_EXAMPLES),
        ("第条", ReferenceSyntaxError, r"^cannot read reference '第条'" + SHOWS_EXAMPLES),
        ("art.", ReferenceSyntaxError, r"^cannot read reference 'art\.'" + SHOWS_EXAMPLES),
        ("-", ReferenceSyntaxError, r"^cannot read reference '-'" + SHOWS_EXAMPLES),
        ("4-", ReferenceSyntaxError, r"^cannot read reference '4-'" + SHOWS_EXAMPLES),
        ("4.2.1.9", ReferenceSyntaxError, r"^cannot read reference '4\.2\.1\.9'" + SHOWS_EXAMPLES),
        ("十十", ReferenceSyntaxError, r"^cannot read reference '十十'" + SHOWS_EXAMPLES),
        ("", ReferenceSyntaxError, r"^empty reference" + SHOWS_EXAMPLES),
        # 3.1-4 reads as 3.1-3.4 (as 3.1-2 is 3.1-3.2): a paragraph that does not exist
        ("3.1-4", ReferenceNotFound, r"^no paragraph 3\.4: article 3 has paragraphs 1-3$"),
        # separators alone name nothing
        (",", ReferenceSyntaxError, r"^no reference in ',', only separators" + SHOWS_EXAMPLES),
        ("、", ReferenceSyntaxError, r"^no reference in '、', only separators" + SHOWS_EXAMPLES),
        (";", ReferenceSyntaxError, r"^no reference in ';', only separators" + SHOWS_EXAMPLES),
        # numerals that are none
        ("第1十条", ReferenceSyntaxError, r"^cannot read the number '1十' in '第1十条': write it in digits"),
        ("附件1百", ReferenceSyntaxError, r"^cannot read the number '1百' in '附件1百': write it in digits"),
        ("第十十条", ReferenceSyntaxError, r"^cannot read the number '十十' in '第十十条'"),
    ],
)
def test_malformed_references_raise_one_error_that_says_what_to_write(seed, text, error, message):
    with pytest.raises(error, match=message) as caught:
        refs_of(seed, text)
    assert type(caught.value) is error


MALFORMED_KEYS = ["foo", "4..2", "4-", "4.2.1.9", "4.2 foo", "4 and", "4:", "4.", "4🙂", "3 to", "4.2,"]


@pytest.mark.parametrize("text", MALFORMED_KEYS)
def test_a_key_with_anything_after_it_is_refused_by_every_command(cli, text):
    # a key is exact: 4.2 foo is not 4.2 (every command reads references the same way)
    for args in (["show", text], ["cite", text], ["grep", "合作", text], ["summarise", text]):
        result = cli(*args)
        assert (result.code, result.out) == (2, ""), args
        assert result.err.startswith("treatycli: cannot read reference"), args


def test_all_is_the_whole_document_for_cite(cli):
    title = "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"
    for argument in ("all", "全部"):
        assert cli("cite", argument).out == f"《{title}》（1999年4月16日，莫斯科）\n"
        assert cli("cite", argument, "--json").json[0]["ref"] == "all"


def test_a_list_of_keys_of_any_length_is_read(cli, tmp_path):
    # what grep --refs-only prints, pasted back: far longer than a citation in a sentence may be
    path = tmp_path / "long.txt"
    path.write_text("".join(f"第{n}条 第{n}条的文字。\n\n" for n in range(1, 201)), encoding="utf-8")
    keys = ",".join(str(n) for n in range(1, 201))
    assert len(keys) > 500
    assert cli("--doc", str(path), "show", keys).lines == [f"{n}.1\t第{n}条的文字。" for n in range(1, 201)]


def test_separators_and_bad_numerals_exit_2_with_one_line(cli):
    for argument in (",", "、", ";", "第1十条", "附件1百", "第十十条"):
        result = cli("show", argument)
        assert (result.code, result.out) == (2, ""), argument
        assert result.err.count("\n") == 1 and result.err.startswith("treatycli: "), argument


def test_a_number_of_thousands_of_digits_is_refused_in_one_line(cli):
    """Past Python's 4,300 digits a number is no int: a key of that length, after a comma, as
    the paragraph of a key or as an inserted article's ordinal, is an error that names it,
    never an internal one."""
    huge = "9" * 4500
    for argument in (f"1,{huge}", f"4.2,{huge}", f"art. 4_{huge}", f"3.1-{huge}", huge):
        result = cli("show", argument)
        assert (result.code, result.out) == (2, ""), argument[:12]
        assert result.err.count("\n") == 1 and result.err.startswith("treatycli: "), argument[:12]
        assert "internal error" not in result.err, argument[:12]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第4条\t第2款", "第4条第2款"),  # a tab beside a Chinese character: none
        ("第4条\u3000第2款", "第4条第2款"),  # an ideographic space
        ("art.\u00a04(2)", "art. 4(2)"),  # a no-break space between words: one space
        ("Art\t\t4 ", "art 4"),  # a run of tabs: one space; none at the end
        ("\u2003第4条", "第4条"),  # an em space at the start
        ("第4条\n> quoted\n第2款", "第4条第2款"),  # a quoted line left out, lines joined
        ("第4条：“全文”", "第4条"),  # a quotation after a colon left out
    ],
)
def test_a_reference_is_read_with_its_whitespace_made_one_space_or_none(text, expected):
    """normalise (and fold under it) turn any whitespace, not only spaces, into one space
    between words and none beside a Chinese character, and leave quoted text out."""
    from treatycli.grammar.tokens import normalise

    assert normalise(text) == expected


def test_a_range_of_keys_from_all_to_all_resolves_as_all(seed):
    assert refs_of(seed, "all-all") == refs_of(seed, "all") == [u.ref for u in build_units(seed).children]


@pytest.mark.parametrize("command", ["show", "summarise", "cite"])
@pytest.mark.parametrize("doc", [None, "zh-civil-code-books.txt"])
def test_a_range_from_all_to_all_is_all(cli, command, doc):
    """all-all runs from the whole document to itself: what `all` names, the parts and
    articles each once (a division's articles were shown again under it, and summarise
    failed), in a document with divisions too."""
    from .conftest import FIXTURES

    where = ["--doc", str(FIXTURES / doc)] if doc else []
    expected = cli(*where, command, "all")
    assert expected.code == 0 and expected.out
    got = cli(*where, command, "all-all")
    assert (got.code, got.out, got.err) == (expected.code, expected.out, expected.err)


def test_a_comma_inside_one_reference_is_not_a_list(cli):
    assert cli("show", "Article 4, paragraph 2").lines == cli("show", "4.2").lines
    assert [line.split("\t")[0] for line in cli("show", "Article 4, paragraph 2").lines] == ["4.2"]


@pytest.mark.parametrize(
    "text, path",
    [
        ("第十七条之一", ("17_1",)), ("第17条之1", ("17_1",)), ("17之1", ("17_1",)), ("第15-1條", ("15_1",)),
        ("第 15-1 條", ("15_1",)), ("第八之二條", ("8_2",)), ("17_1", ("17_1",)), ("8bis", ("8bis",)),
        ("article 8 bis", ("8bis",)), ("Article 8 ter", ("8ter",)), ("17_1.2", ("17_1", "2")),
        ("第二编第一章", ("book2", "chapter1")), ("book2.chapter1.section2", ("book2", "chapter1", "section2")),
        ("10500", ("10500",)), ("第一万零一条", ("10001",)), ("00012", ("12",)),
    ],
)  # fmt: skip
def test_inserted_articles_divisions_and_large_numbers(text, path):
    assert parse_reference(text) == Reference(path)


def test_a_bare_dash_between_numbers_is_a_range():
    assert parse_reference("15-1") == RangeReference(Reference(("15",)), Reference(("1",)))


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


@pytest.mark.parametrize(
    "doc, text, message",
    [
        (None, "第二编", "no book 2: this document has no divisions"),
        (None, "第十七条之一", "no article 17_1: articles are 1-12"),
        (
            "en-convention-parts.txt",
            "第二编第一章",
            "no book 2: this document has no books; it has part1, part2",
        ),
        ("zh-civil-code-books.txt", "第九编", "no book 9: its books are book1, book2, book3"),
    ],
)
def test_a_citation_of_what_does_not_exist_says_what_does(cli, doc, text, message):
    from .conftest import FIXTURES

    args = ["--doc", str(FIXTURES / doc)] if doc else []
    result = cli(*args, "show", text)
    assert (result.code, result.out, result.err) == (2, "", f"treatycli: {message}\n")


def test_a_long_argument_of_separators_is_named_in_one_short_line(cli):
    result = cli("show", "," * 100_000)
    assert result.code == 2 and len(result.err) < 300 and result.err.count("\n") == 1


@pytest.mark.parametrize("text", ["preamble: 3", "序言：3", "letter: 2"])
def test_a_part_named_before_a_number_is_not_a_sentence_leading_into_an_article(cli, text):
    # 'preamble: 3' gave article 3 with exit 0: the word was taken for words leading into it
    for command in ("show", "cite"):
        result = cli(command, text)
        assert (result.code, result.out) == (2, "")
        assert "names a part of the document" in result.err


class _CountedChildren(list):
    """A unit's children that count how often a lookup reads through them."""

    def __init__(self, children):
        super().__init__(children)
        self.reads = 0

    def __iter__(self):
        self.reads += 1
        return super().__iter__()


@pytest.mark.parametrize(
    "doc, forms",
    [
        (None, ["4.2", "第四条第二款", "art. 4(2)", "3.1-3.2", "第3条至第5条", "preamble.3", "12"]),
        ("zh-civil-code-books.txt", ["第二编第一分编第一章", "book3.chapter1", "5", "第7条"]),
    ],
)
def test_references_are_looked_up_not_searched_for_each_one(doc, forms):
    # each reference scanned the document's parts (show of 10,000 references on a 5 MB
    # document took minutes); now the tables are built once, whatever the number of references
    from treatycli.grammar.read import read_requests
    from treatycli.grammar.resolve import resolve_requests
    from treatycli.loader import load_document

    from .conftest import FIXTURES

    root = build_units(load_document(FIXTURES / doc) if doc else load_document())
    one_each = [resolve_requests(root, read_requests([form])) for form in forms]
    root = build_units(load_document(FIXTURES / doc) if doc else load_document())
    root.children = _CountedChildren(root.children)
    many = resolve_requests(root, read_requests(forms * 100))
    assert [u.ref for u in many] == [u.ref for units in one_each for u in units] * 100
    assert root.children.reads < 10


def test_a_reference_given_again_is_resolved_once(monkeypatch):
    """10,000 references name far fewer units: each one given again is the units it named
    the first time, in its place, without being resolved again."""
    from collections import Counter

    from treatycli.grammar import resolve
    from treatycli.grammar.read import read_requests
    from treatycli.loader import load_document

    forms = ["4.2", "第3条至第5条", "4.2", "preamble.3", "第3条至第5条", "4.2", "4.1-4.2"]
    root = build_units(load_document())
    one_each = {
        form: [u.ref for u in resolve.resolve_requests(root, read_requests([form]))] for form in forms
    }
    resolved = Counter()
    resolve_one = resolve.resolve_request

    def counted(root, request, finder=None):
        resolved[request.text] += 1
        return resolve_one(root, request, finder)

    monkeypatch.setattr(resolve, "resolve_request", counted)
    units = resolve.resolve_requests(root, read_requests(forms))
    assert [u.ref for u in units] == [ref for form in forms for ref in one_each[form]]
    assert one_each["第3条至第5条"] == ["3", "4", "5"] and one_each["4.1-4.2"] == ["4.1", "4.2"]
    assert resolved == Counter(dict.fromkeys(forms, 1))


def _resolved_and_cited(doc) -> list[str]:
    """Resolve and cite in a tree of its own, gone when this returns: what was looked up."""
    from treatycli.commands.cite import check_read_back
    from treatycli.grammar.read import read_requests
    from treatycli.grammar.resolve import resolve_requests
    from treatycli.grammar.write import CiteOptions, Writer

    root = build_units(doc)
    units = resolve_requests(
        root, read_requests(["4.2", "第三条至第五条", "preamble.3", "第4条第1款、第2款"])
    )
    writer = Writer(root, CiteOptions())
    cited = [check_read_back(root, writer.cite([unit]), [unit]).short for unit in units]
    return [root.index.parent(units[0]).ref, *cited]


def test_the_tables_references_are_looked_up_in_leave_no_cycle():
    # a run turns the cyclic collector off (main.py): a tree that its tables point back to
    # would live to the end of the process, which would then spend a collection on it
    import gc

    from treatycli.loader import load_document
    from treatycli.units import Unit

    doc = load_document()
    collecting = gc.isenabled()
    gc.disable()
    try:
        before = sum(isinstance(o, Unit) for o in gc.get_objects())  # other tests' trees, kept
        found = _resolved_and_cited(doc)
        after = sum(isinstance(o, Unit) for o in gc.get_objects())
    finally:
        if collecting:
            gc.enable()
    assert found[:3] == ["4", "第4条第2款", "第3条"]
    assert after == before


def _plain_key_texts(chance) -> list[str]:
    """Keys as `ref` prints them, of one to three levels, alone and as ranges of one depth
    (either way round), numbers with and without their zeros."""
    numbers = [0, 1, 2, 9, 10, 17, 99, 100, 123456789012345678901234567890]

    def key(depth: int) -> str:
        return ".".join(str(chance.choice(numbers)) for _ in range(depth))

    texts = []
    for depth in (1, 2, 3):
        texts += [key(depth) for _ in range(40)]
        texts += [f"{key(depth)}-{key(depth)}" for _ in range(40)]
    return texts


def test_plain_keys_are_read_as_the_grammar_reads_them():
    """The pattern that reads 4.2 and 4.1-4.3 at once (references.plain_keys) and the
    grammar give the same request for every text the pattern reads: keys and ranges it must
    read (so the quick way is taken), and random texts of digits, dots, dashes, commas,
    spaces, colons and brackets, mostly left to the grammar (3.1-2, 04.2, 4-4.2, 1,4,7)."""
    import random

    from treatycli.grammar import read
    from treatycli.grammar.references import plain_keys

    chance = random.Random(21)
    must = _plain_key_texts(chance)
    assert all(plain_keys(text) is not None for text in must)
    alphabet = "0123456789" * 3 + "..--, :()"
    generated = ["".join(chance.choice(alphabet) for _ in range(chance.randint(1, 12))) for _ in range(3000)]
    read_quickly = 0
    for text in must + generated:
        keys = plain_keys(text)
        if keys is None:
            continue
        read_quickly += 1
        assert read._read_by_grammar(text, None) == read.Request(text, None, "", keys, None), text
    assert read_quickly > len(must) + 100  # the random texts read as keys were compared too
    for text in ("3.1-2", "04.2", "4-4.2", "1,4,7", "4.1.2.3", " 4.2", "4.2 ", "４.2"):
        assert plain_keys(text) is None, text
    assert plain_keys("4.1-4.3") == [RangeReference(Reference(("4", "1")), Reference(("4", "3")))]
