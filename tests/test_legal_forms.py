"""Real legal texts as official pages and PDFs lay them out: inserted articles, nested
divisions, damaged numbering, one paragraph per line, page furniture, unmarked signatures.
Each fixture is written for the test; every expected value below can be read off it."""

from collections import Counter

import pytest

from treatycli.errors import ReferenceNotFound, ReferenceSyntaxError
from treatycli.grammar.references import parse_references, resolve_all
from treatycli.loader import load_document
from treatycli.units import build_units

from .conftest import FIXTURES

CRIMINAL = FIXTURES / "zh-criminal-law-web.txt"
TAIWAN = FIXTURES / "tw-treaty-act.txt"
CIVIL = FIXTURES / "zh-civil-code-books.txt"
DAMAGED = FIXTURES / "zh-damaged-numbering.txt"
INTERPRETATION = FIXTURES / "zh-judicial-interpretation.txt"
PDF = FIXTURES / "zh-agreement.pdftext.txt"
FISHERIES = FIXTURES / "en-fisheries-agreement.txt"
BEACONS = FIXTURES / "en-beacons.pdftext.txt"
CONTRACT = FIXTURES / "zh-contract-signatures.txt"
ALL = [CRIMINAL, TAIWAN, CIVIL, DAMAGED, INTERPRETATION, PDF, FISHERIES, BEACONS, CONTRACT]


def refs(path, *args):
    return [u.ref for u in resolve_all(build_units(load_document(path)), parse_references(list(args)))]


def non_whitespace(text):
    return Counter(ch for ch in text if not ch.isspace())


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_nothing_is_lost_nothing_unassigned_and_every_ref_round_trips(path):
    doc = load_document(path)
    assert non_whitespace("".join(doc.strings())) == non_whitespace(path.read_text(encoding="utf-8"))
    assert doc.unassigned == []
    root = build_units(doc)
    for unit in root.walk():
        if unit is not root:
            (found,) = resolve_all(root, parse_references([unit.ref]))
            assert found is unit, unit.ref


# -- inserted articles ----------------------------------------------------------------------


def test_prc_inserted_articles_keep_their_heading_and_follow_their_article():
    doc = load_document(CRIMINAL)
    assert [a.key for a in doc.articles] == [
        "120", "120_1", "120_2", "120_3", "120_4", "120_5", "120_6", "121", "122", "122_1", "123",
    ]  # fmt: skip
    assert doc.article(120, 6).heading == "第一百二十条之六"
    assert [(i.label, i.text) for i in doc.article(120, 2).paragraphs[0].items] == [
        ("（一）", "为实施恐怖活动准备凶器、危险物品或者其他工具的；"),
        ("（二）", "组织恐怖活动培训或者积极参加恐怖活动培训的；"),
        ("（三）", "为实施恐怖活动与境外恐怖活动组织或者人员联络的。"),
    ]
    assert doc.notes == ["articles start at 120"]  # an excerpt


@pytest.mark.parametrize(
    "args, expected",
    [
        (["第一百二十条之一"], ["120_1"]), (["第120条之1"], ["120_1"]), (["120之1"], ["120_1"]),
        (["120_6"], ["120_6"]), (["120_2.1.3"], ["120_2.1.3"]), (["120-121"], ["120", *[f"120_{n}" for n in range(1, 7)], "121"]),
    ],
)  # fmt: skip
def test_references_to_prc_inserted_articles(args, expected):
    assert refs(CRIMINAL, *args) == expected


def test_taiwan_dash_numbers_and_repealed_article():
    doc = load_document(TAIWAN)
    assert [(a.key, a.heading) for a in doc.articles] == [
        ("1", "第 1 條"), ("2", "第 2 條"), ("3", "第 3 條"), ("3_1", "第 3-1 條"), ("3_2", "第 3-2 條"),
        ("4", "第 4 條"), ("5", "第 5 條"), ("6", "第 6 條"),
    ]  # fmt: skip
    assert [p.text for p in doc.article(4).paragraphs] == ["（刪除）"]  # repealed, and it counts
    # a citation of 第三條之一 opening a line is text of the article it stands in
    assert doc.article(3, 1).paragraphs[1].text == "第三條之一第二項之規定，於協定之締結準用之。"
    assert [(d.ref, d.heading, d.title) for d in doc.divisions] == [
        ("chapter1", "第 一 章", "總則"),
        ("chapter2", "第 二 章", "締結程序"),
    ]


@pytest.mark.parametrize(
    "args, expected",
    [(["第3-1條"], ["3_1"]), (["第 3-1 條"], ["3_1"]), (["第三條之一"], ["3_1"]), (["3_2"], ["3_2"])],
)
def test_references_to_taiwan_inserted_articles(args, expected):
    assert refs(TAIWAN, *args) == expected


def test_a_bare_dash_is_a_range_and_its_error_names_the_inserted_article():
    with pytest.raises(
        ReferenceSyntaxError,
        match=r"range 3-1 runs backwards: write 1-3 \(the inserted article 第 3-1 條 is 3_1\)",
    ):
        refs(TAIWAN, "3-1")


def test_taiwan_numbers_inserted_with_zhi_before_the_article_character(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "第八條 甲方應通知乙方。\n第八之二條 乙方應回覆。\n第九條 本法自公布日施行。\n", encoding="utf-8"
    )
    doc = load_document(path)
    assert [(a.key, a.heading) for a in doc.articles] == [
        ("8", "第八條"),
        ("8_2", "第八之二條"),
        ("9", "第九條"),
    ]
    # 8bis is the second article 8 whichever way the document writes it
    assert refs(path, "8bis") == refs(path, "第八之二條") == ["8_2"]


def test_latin_inserted_articles_key_as_written_and_find_their_chinese_twins():
    doc = load_document(FISHERIES)
    assert [a.key for a in doc.articles] == ["1", "2", "2bis", "3"]
    assert refs(FISHERIES, "2_2") == refs(FISHERIES, "article 2 bis") == ["2bis"]


# -- headings: separators, citations, damaged numbering -------------------------------------


def test_a_separator_after_a_heading_number_is_kept():
    doc = load_document(FISHERIES)
    assert doc.article(2).heading == "Article 2"
    assert doc.article(2).title == "-5% of GDP"  # the "-" is text, not a separator


def test_damaged_numbering_is_read_on_and_noted():
    doc = load_document(DAMAGED)
    # 笫五条 (笫 for 第) and 第八 条 (a space inside) are headings; 第十条 is missing, so its
    # text stays in article 9; 第十二条 appears twice: the second stays text of the first
    assert [a.key for a in doc.articles] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "12", "14"]
    assert [doc.article(5).heading, doc.article(8).heading] == ["笫五条", "第八 条"]
    assert doc.article(9).paragraphs[1].text == "国务院各部门应当于每年年底前报告对外合作情况。"
    assert doc.article(12).paragraphs[1].text == "第十二条 本法由国务院负责解释。"
    assert doc.article(7).paragraphs[0].text == "[已删除]"
    # the citation wrapped to the start of a line is text, not a heading
    assert doc.article(8).paragraphs[0].text.endswith("依照本法第十一条的规定办理的，从其规定。")
    # chapter 1's heading is missing: chapter 2 still is one
    assert [(d.ref, d.title) for d in doc.divisions] == [("chapter2", "附则")]
    assert [a.division for a in doc.articles[-3:]] == ["chapter2"] * 3
    assert doc.notes == [
        "heading 10 missing; 11–12 read",
        "heading 13 missing; 14 read",
        "heading repeated: 第十二条 (kept as text)",
        "1 misspelt heading read: 笫五条",
    ]


# -- divisions ------------------------------------------------------------------------------


def test_books_subbooks_chapters_and_sections_nest_with_numbers_restarting():
    doc = load_document(CIVIL)
    assert [(d.ref, d.heading, d.title) for d in doc.divisions] == [
        ("book1", "第一编", "总则"),
        ("book1.chapter1", "第一章", "基本规定"),
        ("book1.chapter2", "第二章", "自然人"),
        ("book1.chapter2.section1", "第一节", "民事权利能力和民事行为能力"),
        ("book1.chapter2.section2", "第二节", "监护"),
        ("book2", "物权编", None),  # named, not numbered: the second book
        ("book2.subbook1", "第一分编", "通则"),
        ("book2.subbook1.chapter1", "第一章", "一般规定"),
        ("book2.subbook1.chapter2", "第二章", "物权的设立、变更、转让和消灭"),  # wrapped title
        ("book2.subbook2", "第二分编", "所有权"),
        ("book2.subbook2.chapter3", "第三章", "一般规定"),
        ("book3", "第三编", "合同"),
        ("book3.chapter1", "第一章", "一般规定"),
    ]
    assert [a.division for a in doc.articles] == [
        "book1.chapter1", "book1.chapter1", "book1.chapter2.section1", "book1.chapter2.section2",
        "book2.subbook1.chapter1", "book2.subbook1.chapter2", "book2.subbook2.chapter3",
        "book3.chapter1", "book3.chapter1",
    ]  # fmt: skip
    # the table of contents is furniture, not a preamble
    assert doc.preamble is None
    assert [f.text for f in doc.furniture][0] == "目\u3000\u3000录"


@pytest.mark.parametrize(
    "args, expected",
    [
        (["book1"], ["book1"]), (["第三编第一章"], ["book3.chapter1"]), (["book2.subbook2.chapter3"], ["book2.subbook2.chapter3"]),
        (["book1.chapter2.section2"], ["book1.chapter2.section2"]),
    ],
)  # fmt: skip
def test_references_to_nested_divisions(args, expected):
    assert refs(CIVIL, *args) == expected


def test_a_division_shows_every_article_it_holds_at_any_depth(cli):
    shown = cli("--doc", str(CIVIL), "show", "book1").lines
    assert [line.split("\t")[0] for line in shown] == ["1.1", "2.1", "3.1", "4.1"]


def test_a_chapter_that_restarts_in_each_book_is_named_by_its_path():
    with pytest.raises(
        ReferenceNotFound, match="no chapter1 at the top of this document: write book1.chapter1 or"
    ):
        refs(CIVIL, "chapter1")


def test_list_shows_the_innermost_division_of_each_article(cli):
    lines = cli("--doc", str(CIVIL), "list").lines
    assert [line.split("\t")[-1] for line in lines][2:4] == [
        "book1.chapter2.section1",
        "book1.chapter2.section2",
    ]


def test_numbered_topic_headings_between_articles_are_divisions():
    doc = load_document(INTERPRETATION)
    assert [(d.ref, d.heading, d.title) for d in doc.divisions] == [
        ("part1", "一、", "管辖"),
        ("part2", "二、", "合同效力"),
        ("part3", "三、", "违约责任"),
    ]
    assert [a.division for a in doc.articles] == ["part1", "part1", "part2", "part3", "part3"]
    # 一、 after a colon is a list inside the article, not a heading
    assert [i.label for i in doc.article(4).paragraphs[0].items] == ["一、", "二、"]
    assert doc.article(2).paragraphs[0].text == "当事人约定管辖法院的，从其约定。"


# -- paragraphs and furniture ---------------------------------------------------------------


def test_one_paragraph_per_line_with_full_width_indents_and_invisible_lines():
    doc = load_document(CRIMINAL)
    assert doc.decisions.paragraphs == "lines" and not doc.decisions.wrapped
    assert [p.text for p in doc.article(120).paragraphs] == [
        "组织、领导恐怖活动组织的，处十年以上有期徒刑或者无期徒刑，并处没收财产；积极参加的，处三年以上十年以下有期徒刑，并处罚金。",
        "犯前款罪并实施杀人、爆炸、绑架等犯罪的，依照数罪并罚的规定处罚。",
    ]
    assert len(doc.article(123).paragraphs) == 2
    assert [f.text for f in doc.furniture] == ["\u200b", "\ufeff"]  # lines of invisible characters


def test_pdf_text_paragraphs_open_at_the_indent_and_page_numbers_are_furniture():
    doc = load_document(PDF)
    assert doc.decisions.paragraphs == "indent" and doc.decisions.wrapped
    assert [len(a.paragraphs) for a in doc.articles] == [2, 1, 2, 2]
    assert doc.article(1).paragraphs[0].text == (
        "双方应当在平等互利的基础上，加强在海洋科学研究、海洋环境保护和海上搜救等领域的合作。"
    )
    assert (
        doc.article(2).paragraphs[0].text == "双方应当定期交换海洋环境监测数据，并就共同关心的问题进行磋商。¹"
    )
    assert doc.article(4).paragraphs[1].text == (
        "本协定期满前六个月，任何一方未书面通知另一方终止本协定的，本协定自动延长五年。"
    )
    assert [f.text for f in doc.furniture] == [
        "— 2 —", "- 3 -", "____________", "¹ 监测数据的范围由双方另行商定。", "－4－", "第 5 页", "6/35", "7", "8",
    ]  # fmt: skip
    assert doc.preamble.formula == "兹协议如下："
    assert (doc.signing.place, doc.signing.date) == ("北京", "2010-05-10")


def test_a_footnote_block_in_clean_text_ends_at_the_blank_line():
    doc = load_document(FISHERIES)
    assert [a.key for a in doc.articles] == ["1", "2", "2bis", "3"]
    assert "1 See the report of the Preparatory Meeting." in [f.text for f in doc.furniture]
    assert doc.article(3).title == "Entry into force"


def test_page_of_pages_marks_end_a_footnote_block_and_leave_the_text_whole():
    doc = load_document(BEACONS)
    assert doc.article(3).paragraphs[0].text == (
        "The Secretary-General of the United Nations shall be the depositary of this Convention."
    )
    assert [f.text for f in doc.furniture] == [
        "1/", "____________", "1/ As defined by the International Association of Lighthouse", "Authorities.",
        "Page 2 of 3", "Page 3 of 3",
    ]  # fmt: skip


# -- signatures -----------------------------------------------------------------------------


def test_signatures_without_a_signed_mark():
    assert [tuple(p) for p in load_document(FISHERIES).signatories] == [
        ("For the Government of Arcadia:", "A. Adams", ""),
        ("For the Government of Borealia:", "B. Brown", ""),
    ]
    assert [tuple(p) for p in load_document(BEACONS).signatories] == [
        ("", "Arcadia", "[Signed]"),
        ("", "Borealia", "[Signed]"),
    ]
    doc = load_document(CONTRACT)
    assert doc.signing.place == "上海"
    assert [tuple(p) for p in doc.signatories] == [
        ("甲方代表：", "王明", ""),
        ("签字：", "", ""),
        ("乙方代表：", "李华", ""),
    ]


# -- the layout record ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, paragraphs, divisions, inserted",
    [
        (CRIMINAL, "lines", ["book", "chapter", "section"], ["之N"]),
        (TAIWAN, "lines", ["chapter"], ["N-M"]),
        (CIVIL, "lines", ["book", "subbook", "chapter", "section"], []),
        (DAMAGED, "blank", ["chapter"], []),
        (PDF, "indent", [], []),
        (FISHERIES, "blank", [], ["bis"]),
    ],
)
def test_export_shows_the_layout_decisions(cli, path, paragraphs, divisions, inserted):
    decisions = cli("--doc", str(path), "export", "--json").json["layout_decisions"]
    assert decisions["paragraphs"] == paragraphs
    assert decisions["divisions"] == divisions
    assert decisions["inserted"] == inserted


def test_a_citation_wrapped_right_after_its_number_is_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "第一条 甲方应当依照本法\n第二条\n的规定办理。\n第二条 乙方应当协助。\n", encoding="utf-8"
    )
    doc = load_document(path)
    assert [a.key for a in doc.articles] == ["1", "2"]
    assert doc.article(1).paragraphs[0].text == "甲方应当依照本法第二条的规定办理。"
    assert doc.notes == []
