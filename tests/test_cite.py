"""cite and its inverse: every form `cite` writes is read back by `show` to the units it cites;
citations as people write them are read too, and a title of another document is an error."""

import copy
import re
import shlex

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli.commands import COMMANDS
from treatycli.commands.cite import check_read_back
from treatycli.errors import TreatyError
from treatycli.grammar.read import read_request
from treatycli.grammar.references import Reference, resolve
from treatycli.grammar.resolve import resolve_request
from treatycli.grammar.titles import zh_short_forms
from treatycli.grammar.tokens import label_core
from treatycli.grammar.write import NUMERALS, STYLES, CiteOptions, Writer
from treatycli.loader import load_document
from treatycli.model import Article, Division, Document, Item, Layout, Paragraph, Source
from treatycli.numerals import chinese_numeral, parse_number
from treatycli.units import build_units

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")

LAYOUT_FIXTURES = sorted(path.name for pattern in ("*.txt", "*.md") for path in FIXTURES.glob(pattern))
ROOTS = {name: build_units(load_document(FIXTURES / name)) for name in LAYOUT_FIXTURES}
ROOTS["built-in"] = build_units(load_document())
FORMS = [
    CiteOptions(style, numerals, date, quote)
    for style in STYLES
    for numerals in NUMERALS
    for date in (True, False)
    for quote in (False, True)
    if not (quote and style == "md")
]


def read_back(root, text: str) -> list:
    return resolve_request(root, read_request(text))


def cited_units(root, unit) -> list:
    """What a citation of `unit` names: the unit, or for the document all its parts."""
    return resolve(root, Reference(("all",))) if unit is root else [unit]


# -- the round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROOTS))
def test_every_form_of_every_unit_is_read_back_to_that_unit(name):
    root = ROOTS[name]
    units = list(root.walk())
    assert len(units) > 3
    for options in FORMS:
        writer = Writer(root, options)
        for unit in units:
            if unit is root and not root.node.title:
                continue  # a document without a title has nothing to cite it by as a whole
            citation = writer.cite([unit]).citation
            assert read_back(root, citation) == cited_units(root, unit), (options, unit.ref, citation)
            if unit is not root:
                assert read_back(root, writer.cite([unit]).short) == [unit], (options, unit.ref)


@st.composite
def unit_lists(draw):
    """A document, and units of it in any order: runs of neighbours (ranges) and lists."""
    root = ROOTS[draw(st.sampled_from(sorted(ROOTS)))]
    units = [u for u in root.walk() if u is not root]
    kind = draw(st.sampled_from(sorted({u.kind for u in units})))
    same_kind = [u for u in units if u.kind == kind]
    if draw(st.booleans()):  # a run of neighbours, as a range reads them
        start = draw(st.integers(0, len(same_kind) - 1))
        end = draw(st.integers(start, len(same_kind) - 1))
        chosen = same_kind[start : end + 1]
    else:
        pool = same_kind if draw(st.booleans()) else units
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    return root, chosen


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_lists(), st.sampled_from(FORMS))
def test_random_ranges_and_lists_are_read_back(case, options):
    root, units = case
    citation = Writer(root, options).cite(units)
    expected = list(dict.fromkeys(units))
    assert read_back(root, citation.citation) == expected, citation.citation
    assert read_back(root, citation.short) == expected, citation.short
    assert read_back(root, citation.ref) == expected, citation.ref


# -- numerals ---------------------------------------------------------------------------------


@given(st.integers(1, 9999))
def test_chinese_numerals_read_back_as_the_number(number):
    assert parse_number(chinese_numeral(number)) == number


# -- what the README shows ----------------------------------------------------------------------


def _readme_console_examples():
    """($ treatycli …, the lines printed) for each command in the README's cite section."""
    section = README.split("## cite", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    examples = []
    for line in block.splitlines():
        if line.startswith("$ "):
            examples.append((shlex.split(line[2:])[1:], []))
        else:
            examples[-1][1].append(line)
    return examples


@pytest.mark.parametrize("args, printed", _readme_console_examples())
def test_the_readme_examples_print_what_the_readme_says(cli, args, printed):
    result = cli(*args)
    assert (result.code, result.lines) == (0, printed)


def test_the_readme_examples_read_back_to_what_they_cite(cli):
    for args, printed in _readme_console_examples():
        refs = [a for a in args if not a.startswith("-") and a not in ("cite", "chinese", "short", "en")]
        for ref, citation in zip(refs, printed, strict=True):
            assert cli("show", citation).out == cli("show", ref).out, citation


# -- citations as people write them --------------------------------------------------------------


@pytest.fixture(scope="module")
def criminal_law(tmp_path_factory):
    """A statute titled 中华人民共和国刑法 with articles 1-264 (the issue's examples cite 263, 264)."""
    articles = [f"第{chinese_numeral(n)}条 第{n}条的条文。" for n in range(1, 263)]
    articles.append("第二百六十三条 以暴力、胁迫或者其他方法抢劫公私财物的，处三年以上十年以下有期徒刑。")
    articles.append("第二百六十四条 盗窃公私财物，数额较大的，处三年以下有期徒刑。")
    articles += ["有下列情形之一的，处十年以上有期徒刑：", "（一）入户盗窃的；", "（二）携带凶器盗窃的。"]
    path = tmp_path_factory.mktemp("law") / "criminal-law.txt"
    path.write_text("中华人民共和国刑法\n\n" + "\n\n".join(articles) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "citation, refs",
    [
        ("刑法第二百六十三条", ["263.1"]),
        ("《刑法》第264条第1款", ["264.1"]),
        ("根据刑法第二百六十三条的规定", ["263.1"]),
        ("依照《中华人民共和国刑法》第二百六十四条第二款第（一）项", ["264.2.1"]),
        ("中华人民共和国刑法第264条第2款第（二）项", ["264.2.2"]),
        ("本法第263条、第264条第1款", ["263.1", "264.1"]),
        ("《刑法》第264条第1款、第2款", ["264.1", "264.2", "264.2.1", "264.2.2"]),
        ("《中華人民共和國刑法》第二百六十三條", ["263.1"]),
        ("刑法 第 263 条", ["263.1"]),
        ("犯前款罪的，依照刑法第263条", ["263.1"]),  # a clause that leads into the citation
        ("被告人的行为符合刑法第263条", ["263.1"]),
        ("根据我国刑法第263条", ["263.1"]),
        ("现行刑法第263条", ["263.1"]),
        ("以刑法第263条", ["263.1"]),
        ("依照第264条第1款", ["264.1"]),
    ],
)
def test_citations_as_people_write_them_are_read(cli, criminal_law, citation, refs):
    result = cli("--doc", criminal_law, "show", citation)
    assert result.code == 0, result.err
    assert [line.split("\t")[0] for line in result.lines] == refs


@pytest.mark.parametrize(
    "citation",
    [
        "《民法典》第5条", "民法典第5条", "根据民法典第5条的规定", "the Convention, art. 5",
        # titles that end with no instrument noun the reader knows are titles all the same
        "民法通则第5条", "刑法修正案第5条", "中华人民共和国刑法修正案第5条", "国务院通知第5条",
        # titles that end in a character that also leads into citations (同, 见, 经)
        "本合同第5条", "指导意见第5条", "关于办理恐怖活动案件适用法律若干问题的意见第5条", "道德经第5条",
    ],
)  # fmt: skip
def test_a_title_of_another_document_is_an_error_that_names_the_loaded_one(cli, criminal_law, citation):
    result = cli("--doc", criminal_law, "show", citation)
    assert result.code == 2 and result.out == ""
    assert "中华人民共和国刑法" in result.err and citation in result.err


@pytest.mark.parametrize(
    "citation, refs",
    [
        ("the Convention, art. 2(2)", ["2.2"]),
        # ARTICLE 1 has its caption (Definitions), then its paragraph
        ("Signal Lamps Convention, arts. 1 and 3 bis", ["1.title", "1.1", "3bis.1"]),
        ("art. 3 bis of the Convention", ["3bis.1"]),
        ("see art. 2, para. 1", ["2.1"]),
        ("CONVENTION ON SIGNAL LAMPS, Part II", ["3.1", "3bis.1", "4.1"]),
    ],
)
def test_english_citations_are_read(cli, citation, refs):
    result = cli("--doc", str(FIXTURES / "en-convention-parts.txt"), "show", citation)
    assert [line.split("\t")[0] for line in result.lines] == refs, result.err


@pytest.mark.parametrize(
    "citation", ["the Geneva Convention, art. 2", "the Treaty, art. 2", "art. 2 of the Treaty"]
)
def test_an_english_title_of_another_document_is_an_error(cli, citation):
    result = cli("--doc", str(FIXTURES / "en-convention-parts.txt"), "show", citation)
    assert result.code == 2 and "CONVENTION ON SIGNAL LAMPS" in result.err


def test_a_malformed_reference_fails_before_the_file_is_read(cli):
    result = cli("--doc", "/nonexistent/treaty.txt", "show", "第4条第2")
    assert result.code == 2 and "cannot read reference '第4条第2'" in result.err


def test_grep_takes_citations_as_references(cli):
    result = cli("grep", "--refs-only", "合作", "第7条第1款、第2款")
    assert result.code == 0 and result.lines == ["7.1", "7.2"]


@pytest.mark.parametrize(
    "title, forms",
    [
        ("中华人民共和国刑法", ["刑法", "法", "本法"]),
        ("俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约", ["二十一世纪结盟合作的条约", "二十一世纪结盟合作条约", "本条约"]),
    ],
)  # fmt: skip
def test_short_forms_of_a_chinese_title(title, forms):
    assert set(forms) <= set(zh_short_forms(title))
    assert zh_short_forms(title)[0] == title


# -- documents of forms the loader does not make yet, built by hand -------------------------------


def _document(language, title, articles, divisions=(), script=""):
    doc = Document(Source("hand-built.txt", b"", "utf-8"), language, Layout("hand", script=script))
    doc.title, doc.articles, doc.divisions = title, list(articles), list(divisions)
    return build_units(doc)


def _article(number, heading, ordinal=0, division=None, items=(), insertion=""):
    """An article as the loader makes it: its number, the ordinal and form of an inserted one,
    the heading as written."""
    paragraph = Paragraph(
        1, f"{heading}的条文：", tuple(Item(i, label, f"{label}项") for i, label in enumerate(items, 1))
    )
    return Article(
        number=number,
        ordinal=ordinal,
        insertion=insertion,
        heading=heading,
        title=None,
        division=division,
        paragraphs=(paragraph,),
    )


@pytest.mark.parametrize(
    "plain, inserted, ordinal, form, numerals, cited",
    [
        ("第十七条", "第十七条之一", 1, "之N", "arabic", "第17条之一"),
        ("第十七条", "第十七条之一", 1, "之N", "chinese", "第十七条之一"),
        ("第十五條", "第15-1條", 1, "N-M", "arabic", "第15-1條"),
        ("第十五條", "第15-1條", 1, "N-M", "chinese", "第十五條之一"),
        ("Article 17", "Article 17 bis", 2, "bis", "arabic", "art. 17 bis"),
    ],
)
def test_inserted_articles_are_cited_as_the_document_writes_them(
    plain, inserted, ordinal, form, numerals, cited
):
    number = parse_number(
        re.search(r"第(\w+?)[条條]|(\d+)", plain).group(1) or re.search(r"\d+", plain).group()
    )
    title = "Example Treaty" if plain.startswith("Article") else "示例条约"
    root = _document(
        "en" if title.isascii() else "zh",
        title,
        [_article(number, plain), _article(number, inserted, ordinal, insertion=form)],
        script="hant" if "條" in plain else "hans",
    )
    article = root.children[-1]
    assert article.node.heading == inserted
    for options in (CiteOptions(style="short", numerals=numerals), CiteOptions(numerals=numerals)):
        citation = Writer(root, options).cite([article]).citation
        assert citation.endswith(cited)
        assert read_back(root, citation) == [article]


def test_nested_divisions_are_cited_by_their_headings_and_read_back():
    divisions = [
        Division("book1", "book", 1, "第一编"), Division("book1.chapter1", "chapter", 1, "第一章"),
        Division("book2", "book", 2, "第二编"), Division("book2.chapter1", "chapter", 1, "第一章"),
    ]  # fmt: skip
    articles = [_article(n, f"第{chinese_numeral(n)}条", division=d.ref) for n, d in enumerate(divisions, 1)]
    root = _document("zh", "示例法典", articles, divisions)
    chapter = next(u for u in root.walk() if u.ref == "book2.chapter1")
    citation = Writer(root, CiteOptions(style="short")).cite([chapter]).citation
    assert citation == "第二编第一章"
    assert read_back(root, citation) == [chapter]
    assert read_back(root, "《示例法典》第二编第一章") == [chapter]


@pytest.mark.parametrize("numerals", NUMERALS)
def test_an_inserted_division_in_a_list_keeps_its_ordinal(numerals):
    # tw-criminal-code.md heads a chapter 第 五 章之一 after 第 五 章: in a list it is still 之一
    root = ROOTS["tw-criminal-code.md"]
    units = [u for u in root.walk() if u.ref in ("book1", "book1.chapter5_1")]
    citation = Writer(root, CiteOptions(numerals=numerals)).cite(units).citation
    assert citation.endswith("第一編、第一編第五章之一")
    assert read_back(root, citation) == units


def test_an_item_label_two_siblings_share_is_cited_by_number():
    root = _document("en", "Example Treaty", [_article(1, "Article 1", items=["(h)", "(i)", "(ii)", "(i)"])])
    items = next(u for u in root.children if u.kind == "article").children[0].children
    writer = Writer(root, CiteOptions(style="short"))
    assert [writer.cite([item]).citation for item in items] == [
        "art. 1(1)(h)",
        "art. 1(1)(2)",
        "art. 1(1)(ii)",
        "art. 1(1)(4)",
    ]
    for item in items:
        assert read_back(root, writer.cite([item]).citation) == [item]


# -- the command -------------------------------------------------------------------------------


def test_cite_piped_prints_one_citation_a_line(cli):
    result = cli("cite", "--style", "short", "4.2", "3-5", "preamble.3", "signing")
    assert result.code == 0 and result.lines == ["第4条第2款", "第3条至第5条", "序言第3段", "签署"]


def test_cite_json_fields_hold_the_document_s_values(cli):
    (record,) = cli("cite", "--json", "4.1,4.2").json
    info = cli("info", "--json").json
    shown = cli("show", "4", "--json").json[0]
    assert set(record) == {"ref", "citation", "short", "text", "title", "signed"}
    assert record["ref"] == "4.1,4.2" and record["short"] == "第4条第1款、第2款"
    assert record["text"] == "\n".join(p["text"] for p in shown["paragraphs"])
    assert record["title"] == info["title"]
    assert record["signed"] == info["signing"]
    assert record["citation"] == f"《{info['title']}》（1999年4月16日，莫斯科）第4条第1款、第2款"


def test_cite_with_no_reference_cites_the_document(cli):
    title = cli("info", "--json").json["title"]
    assert cli("cite", "--no-date").lines == [f"《{title}》"]
    assert cli("cite", "--style", "en").lines == [f"{title} (16 April 1999, 莫斯科)"]


def test_cite_on_a_terminal_prints_the_citation_unwrapped(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    result = cli("cite", "4.2", terminal=True)
    assert result.code == 0
    assert result.lines == [cli("cite", "4.2").lines[0]]


def test_traditional_documents_get_traditional_words_and_quotation_marks(cli):
    doc = str(FIXTURES / "zh-hant-treaty.txt")
    assert cli("--doc", doc, "cite", "--style", "short", "2.2.2").lines == ["第2條第2款第（二）項"]
    quoted = cli("--doc", doc, "cite", "--quote", "--no-date", "2.2.2").lines
    assert quoted == [
        "《中華民國與示例國友好條約》第2條第2款第（二）項：「（二）文化資訊。」"
    ]  # the source's item


def test_markdown_quotes_each_paragraph_then_cites(cli):
    lines = cli("cite", "--style", "md", "--no-date", "4").lines
    paragraphs = [p["text"] for p in cli("show", "4", "--json").json[0]["paragraphs"]]
    assert lines == [f"> {paragraphs[0]}", ">", f"> {paragraphs[1]}", "", lines[-1]]
    assert lines[-1].endswith("》第4条")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--style", "apa"], "--style takes zh, en, short, md"),
        (["--numerals", "roman"], "--numerals takes arabic or chinese"),
        (["--style", "md", "--quote"], "give --quote or --style md"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(cli, args, message):
    result = cli("cite", *args, "4")
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1


def test_a_document_without_a_title_is_cited_by_its_parts(cli):
    doc = str(FIXTURES / "plain-notes.txt")
    assert cli("--doc", doc, "cite").code == 2
    assert cli("--doc", doc, "cite", "2.1").lines == ["art. 2(1)"]
    result = cli("--doc", doc, "show", "the Treaty, art. 2")
    assert result.code == 2 and "has no title" in result.err


def test_markdown_keeps_the_text_literal():
    """Markdown's own characters in a treaty are escaped, so the quotation renders as written."""
    root = _document("en", "Example Treaty", [_article(1, "Article 1")])
    paragraph = next(u for u in root.walk() if u.kind == "paragraph")
    paragraph.text = "1. *Parties* shall [not] use <b>"
    block = Writer(root, CiteOptions(style="md")).cite([paragraph]).citation
    assert block.split("\n") == [
        r"> 1\. \*Parties\* shall \[not\] use \<b\>",
        "",
        "Example Treaty, art. 1(1)",
    ]


@pytest.mark.parametrize(
    "citation, reference",
    [
        ("第4条第3款", "4.3"),
        ("第4条第1款、第3款", "4.3"),
        ("序言第9段", "preamble.9"),
        ("第十三条", "13"),
        ("信函第5段", "letter.5"),
    ],
)
def test_a_citation_of_a_missing_part_says_what_exists_as_the_grammar_does(cli, citation, reference):
    cited, referred = cli("show", citation), cli("show", reference)
    assert cited.code == referred.code == 2
    assert cited.err == referred.err


@pytest.mark.parametrize(
    "doc, citation, refs",
    [
        ("zh-chapters.txt", "第2条第（二）项", ["2.1.2"]),  # an article of one paragraph
        ("zh-chapters.txt", "《示例合作条例》附件1第2段", ["annex1.2"]),
        ("zh-chapters.txt", "第二章", ["3.1", "3_2.1", "4.1"]),
        ("zh-chapters.txt", "第3条之二", ["3_2.1"]),
        ("zh-chapters.txt", "第2条第1款第（一）项至第（二）项", ["2.1.1", "2.1.2"]),
        (None, "第4条和第5条", ["4.1", "4.2", "5.1"]),
        (None, "arts. 3(2)–4(1)", ["3.2", "3.3", "4.1"]),
        (None, "议程项目33", ["agenda.33"]),
        (None, "信函第2段", ["letter.2"]),
        ("en-un-resolution-annex.pdftext.txt", "annex 1, section 2, para. 1", ["annex1.section2.1"]),
        ("en-un-resolution-annex.pdftext.txt", "resolution, para. 2", ["resolution.2"]),
    ],
)
def test_the_readme_s_citation_forms_are_read(cli, doc, citation, refs):
    args = ("--doc", str(FIXTURES / doc)) if doc else ()
    result = cli(*args, "show", citation)
    assert [line.split("\t")[0] for line in result.lines] == refs, result.err


@pytest.mark.parametrize("reference", [":2", "：2", "—: 4.2"])
def test_punctuation_where_a_title_goes_is_an_error(cli, reference):
    """Not the built-in article 2 by another name: a reference with nothing before its colon."""
    result = cli("show", reference)
    assert result.code == 2 and result.out == "" and "cannot read reference" in result.err


# -- what the loader knew, on the model, is what cite writes --------------------------------------


@pytest.mark.parametrize(
    "fixture, script, hierarchy",
    [
        ("zh-hant-treaty.txt", "hant", ("條", "款", "項")),
        ("zh-statute.txt", "hans", ("条", "款", "项")),
        ("en-treaty.txt", "latn", ("art.", "para.")),
    ],
)
def test_the_loader_records_the_script_and_the_words_of_the_hierarchy(fixture, script, hierarchy):
    decisions = load_document(FIXTURES / fixture).decisions
    assert (decisions.script, decisions.hierarchy) == (script, hierarchy)


def test_the_loader_records_how_each_article_is_inserted():
    forms = {a.heading: a.insertion for a in load_document(FIXTURES / "tw-treaty-act.txt").articles}
    assert forms["第 3-1 條"] == "N-M" and forms["第 3 條"] == ""
    forms = {a.heading: a.insertion for a in load_document(FIXTURES / "zh-chapters.txt").articles}
    assert forms["第三条之二"] == "之N"
    assert {a.insertion for a in load_document(FIXTURES / "en-fisheries-agreement.txt").articles} == {
        "",
        "bis",
    }


def test_cite_writes_the_insertion_and_the_script_the_model_records_not_a_guess_from_the_heading():
    """The heading says 第十七条之一 in simplified characters; the model says 15-1 style, in
    traditional script: cite follows the model."""
    root = _document(
        "zh",
        "示例条约",
        [_article(17, "第十七条"), _article(17, "第十七条之一", 1, insertion="N-M")],
        script="hant",
    )
    article = root.children[-1]
    assert Writer(root, CiteOptions(style="short")).cite([article]).citation == "第17-1條"
    assert read_back(root, "第17-1條") == [article]


# -- no silent wrong answer (issue 19) ------------------------------------------------------------

# the built-in treaty's title, and short forms of it, as the README's cite examples and its
# short forms (a title without its leading words, 的 dropped; 本条约) give them
BUILTIN_NAMES = ("俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约", "二十一世纪结盟合作条约", "本条约")
TAKING_REFERENCES = sorted(
    name for name, command in COMMANDS.items() if command.not_references is not None and not command.alias_of
)


@pytest.mark.parametrize("command", TAKING_REFERENCES)
@pytest.mark.parametrize("title", ["foo bar", "《民法典》", "《民法典》:4.2"])
def test_a_title_that_is_not_the_loaded_document_s_is_refused_by_every_command(cli, command, title):
    before = ["合作"] * COMMANDS[command].not_references  # grep's PATTERN
    result = cli(command, *before, title)
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1, result.err
    for name in BUILTIN_NAMES:
        assert name in result.err, (name, result.err)


def test_a_title_alone_that_is_the_document_s_is_still_the_whole_document(cli):
    whole = cli("cite").out
    assert cli("cite", "《条约》").out == whole == cli("cite", "二十一世纪结盟合作条约").out
    assert whole.startswith(f"《{BUILTIN_NAMES[0]}》")


def _relabelled(doc, where, labels):
    """The document with the items of one paragraph relabelled (as many as `labels`)."""
    article_index, paragraph_index = where
    article = doc.articles[article_index]
    paragraph = article.paragraphs[paragraph_index]
    texts = [item.text for item in paragraph.items]
    items = tuple(
        Item(number, label, texts[(number - 1) % len(texts)]) for number, label in enumerate(labels, 1)
    )
    paragraphs = list(article.paragraphs)
    paragraphs[paragraph_index] = paragraph._replace(items=items)
    new = copy.copy(doc)
    new.articles = list(doc.articles)
    new.articles[article_index] = article._replace(paragraphs=tuple(paragraphs))
    return new


ITEM_PARAGRAPHS = [
    (name, root.node, (a, p))
    for name, root in sorted(ROOTS.items())
    for a, article in enumerate(root.node.articles)
    for p, paragraph in enumerate(article.paragraphs)
    if paragraph.items
]
LABELS = "（一） （二） （三） （1） （2） （3） (a) (b) (i) (ii) (1) (2) (3) 1. 2. 一、 二、".split()


def _read_back_or_none(root, text):
    try:
        return read_back(root, text)
    except TreatyError:
        return None


def _cited_by_a_number_that_is_another_s_label(item, siblings, text) -> bool:
    """The one case no reader can tell apart: in English, (N) for the item cited by its number
    N (its label is shared) where N is another item's label: cite refuses it."""
    number = str(item.node.number)
    labelled = [s for s in siblings if label_core(s.node.label) == number]
    return f"({number})" in text and bool(labelled) and item not in labelled


def test_the_paragraphs_with_items_cover_every_fixture_that_has_items():
    with_items = {name for name, root in ROOTS.items() if any(u.kind == "item" for u in root.walk())}
    assert with_items and {name for name, _, _ in ITEM_PARAGRAPHS} == with_items


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_item_of_every_fixture_is_read_back_to_that_item_whatever_its_labels(data):
    """Number against label: an item cited by its label ((b), 第（二）项), or by its number where
    a sibling shares its label, is read back to that item, never a sibling nor an error."""
    name, doc, where = data.draw(st.sampled_from(ITEM_PARAGRAPHS))
    count = data.draw(st.integers(2, 5))
    labels = data.draw(st.lists(st.sampled_from(LABELS), min_size=count, max_size=count))
    root = build_units(_relabelled(doc, where, labels))
    parents = {id(child): unit for unit in root.walk() for child in unit.children}
    items = [unit for unit in root.walk() if unit.kind == "item"]
    options = data.draw(st.sampled_from(FORMS))  # one form an example: each is tried over the run
    writer = Writer(root, options)
    for item in items:
        citation = writer.cite([item])
        for text in (citation.citation, citation.short):
            if _read_back_or_none(root, text) == [item]:
                continue
            siblings = parents[id(item)].children
            assert _cited_by_a_number_that_is_another_s_label(item, siblings, text), (
                name,
                labels,
                item.ref,
                text,
            )
            with pytest.raises(TreatyError, match=f"cannot cite {re.escape(item.ref)} unambiguously"):
                check_read_back(root, citation, [item])


@pytest.mark.parametrize(
    "language, labels, refused",
    [("zh", ["（一）", "（一）", "（二）"], set()), ("zh", ["（1）", "（1）", "（2）"], {"1.1.2"}),
     ("zh", ["（二）", "（二）", "（三）"], set()), ("en", ["(h)", "(i)", "(ii)", "(i)"], set()),
     ("en", ["(1)", "(1)", "(2)"], {"1.1.2"}), ("en", ["(a)", "(b)", "(b)"], set())],
)  # fmt: skip
def test_an_item_whose_label_a_sibling_shares_is_cited_by_its_number_and_read_back(language, labels, refused):
    heading = "第一条" if language == "zh" else "Article 1"
    root = _document(
        language, "示例法" if language == "zh" else "Example Treaty", [_article(1, heading, items=labels)]
    )
    items = [unit for unit in root.walk() if unit.kind == "item"]
    seen = set()
    for options in FORMS:
        writer = Writer(root, options)
        for item in items:
            citation = writer.cite([item])
            if _cited_by_a_number_that_is_another_s_label(
                item, items, f"{citation.citation} {citation.short}"
            ):
                seen.add(item.ref)
                with pytest.raises(TreatyError, match=f"give its reference \\({re.escape(item.ref)}\\)"):
                    check_read_back(root, citation, [item])
                continue
            assert read_back(root, citation.citation) == [item], (options, item.ref, citation.citation)
            assert read_back(root, citation.short) == [item], (options, item.ref, citation.short)
            assert check_read_back(root, citation, [item]) is citation
    assert seen == refused


def test_cite_of_an_item_never_prints_what_show_reads_as_another(cli, tmp_path):
    law = tmp_path / "items.txt"  # a list whose numbering repeats: （一）（一）（二）
    law.write_text(
        "示例法\n\n第一条 国家应当：\n（一）协商；\n（一）通报；\n（二）合作。\n\n第二条 本法自公布之日起施行。\n",
        "utf-8",
    )
    doc = ["--doc", str(law)]
    second = cli(*doc, "cite", "--numerals", "chinese", "1.1.2")
    assert second.out == "《示例法》第一条第一款第二项\n"
    assert cli(*doc, "show", second.out.strip()).out == "1.1.2\t通报；\n"
    third = cli(*doc, "cite", "--numerals", "chinese", "1.1.3").out.strip()
    assert third == "《示例法》第一条第一款第（二）项" and cli(*doc, "show", third).out == "1.1.3\t合作。\n"
    law.write_text(law.read_text("utf-8").replace("（一）", "（1）").replace("（二）", "（2）"), "utf-8")
    assert cli(*doc, "cite", "1.1.2", "1.1.3").lines == [
        "《示例法》第1条第1款第2项",
        "《示例法》第1条第1款第（2）项",
    ]
    english = cli(*doc, "cite", "--style", "en", "1.1.2")  # (2) would be the item labelled （2）
    assert english.code == 2 and english.out == "" and english.err.count("\n") == 1
    assert "cannot cite 1.1.2 unambiguously" in english.err and "give its reference (1.1.2)" in english.err
