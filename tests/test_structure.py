"""Structure read exactly (issue 19): what a document's own record, layout and numbering say,
the loader reads as such; what it cannot place it says, and never answers wrongly.

Expected values are read off the fixtures: the real excerpts listed in SOURCES.md and
small documents written here, each in a layout the loader met in the wild."""

from collections import Counter

import pytest

from treatycli.grammar.write import title_case
from treatycli.loader import load_document
from treatycli.loader.parse import parse_text
from treatycli.model import Source

from .conftest import FIXTURES


def _nothing_lost(doc, text):
    assert Counter(c for c in "".join(doc.strings()) if not c.isspace()) == Counter(
        c for c in text if not c.isspace()
    )


def test_a_laws_record_lines_are_its_title_and_masthead_not_its_text():
    path = FIXTURES / "tw-criminal-code.md"
    doc = load_document(path)
    assert doc.title == "中華民國刑法"
    assert doc.masthead == [
        "法規類別：法律 / 行政＞法務部＞檢察目",
        "修正日期：20260722",
        "法規網址：https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=C0000001",
    ]
    assert "法規名稱：" in [f.text for f in doc.furniture]
    assert doc.preamble is None or not doc.preamble.recitals
    _nothing_lost(doc, path.read_text(encoding="utf-8"))


CIVIL_CODE_BOOK = """\
# 中华人民共和国民法典

<!-- INFO END -->

（2020年5月28日第十三届全国人民代表大会第三次会议通过）

## 第一章 基本规定

第一条 为了保护民事主体的合法权益，制定本法。

第二条 民法调整平等主体之间的人身关系和财产关系。

## 第二章 自然人

### 第一节 民事权利能力

第十三条 自然人从出生时起到死亡时止，具有民事权利能力。
"""


def test_markdown_marks_and_comments_are_layout_and_the_adoption_line_is_the_record(tmp_path):
    path = tmp_path / "civil-code.md"
    path.write_text(CIVIL_CODE_BOOK, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "中华人民共和国民法典"
    assert doc.masthead == ["（2020年5月28日第十三届全国人民代表大会第三次会议通过）"]
    furniture = [f.text for f in doc.furniture]
    assert "<!-- INFO END -->" in furniture and furniture.count("#") == 1 and furniture.count("##") == 2
    assert [(d.ref, d.title) for d in doc.divisions] == [
        ("chapter1", "基本规定"),
        ("chapter2", "自然人"),
        ("chapter2.section1", "民事权利能力"),
    ]
    assert [a.key for a in doc.articles] == ["1", "2", "13"]
    assert doc.article(1).paragraphs[0].text == "为了保护民事主体的合法权益，制定本法。"
    _nothing_lost(doc, CIVIL_CODE_BOOK)


def test_a_long_capitalised_title_of_a_un_agreement_is_its_title():
    path = FIXTURES / "en-un-fish-stocks.pdftext.txt"
    doc = load_document(path)
    assert doc.title == (
        "AGREEMENT FOR THE IMPLEMENTATION OF THE PROVISIONS OF THE UNITED NATIONS CONVENTION ON "
        "THE LAW OF THE SEA OF 10 DECEMBER 1982 RELATING TO THE CONSERVATION AND MANAGEMENT OF "
        "STRADDLING FISH STOCKS AND HIGHLY MIGRATORY FISH STOCKS"
    )
    _nothing_lost(doc, path.read_text(encoding="utf-8"))


def test_the_organisations_line_under_a_title_is_not_part_of_it(tmp_path):
    text = (
        "Convention on Cooperation in Example Matters\n"
        "United Nations\n\n"
        "The Parties to this Convention,\n\n"
        "Have agreed as follows:\n\n"
        "Article 1\n\nThe Parties shall cooperate.\n\n"
        "Article 2\n\nThis Convention enters into force on signature.\n"
    )
    path = tmp_path / "convention.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Convention on Cooperation in Example Matters"
    assert "United Nations" in [f.text for f in doc.furniture]
    assert [a.key for a in doc.articles] == ["1", "2"]
    _nothing_lost(doc, text)


def test_an_excerpts_headings_alone_on_their_lines_are_read_across_its_gaps():
    doc = load_document(FIXTURES / "tw-criminal-code.md")
    # the excerpt keeps articles 1-3, 10, 37-39, 271-272-1 and 277 (SOURCES.md)
    assert [a.key for a in doc.articles] == [
        "1", "2", "3", "10", "37", "37_1", "38", "38_1", "39", "271", "272", "272_1", "277",
    ]  # fmt: skip
    assert [p.text for p in doc.article(3).paragraphs] == [
        "本法於在中華民國領域內犯罪者，適用之。在中華民國領域外之中華民國船艦或航空器內犯罪者，以在中華民國領域內犯罪論。"
    ]
    assert doc.article(10).paragraphs[1].text == "稱公務員者，謂下列人員："
    assert len(doc.article(10).paragraphs[1].items) == 2


def test_a_division_inserted_after_another_is_its_own_division(cli):
    path = FIXTURES / "tw-criminal-code.md"
    doc = load_document(path)
    inserted = next(d for d in doc.divisions if d.title == "沒收")
    assert (inserted.ref, inserted.number, inserted.ordinal) == ("book1.chapter5_1", 5, 1)
    assert doc.article(37, 1).division == "book1.chapter5"
    assert [a.key for a in doc.articles if a.division == "book1.chapter5_1"] == ["38", "38_1", "39"]
    # its text stays out of the article before it
    assert [p.text for p in doc.article(37, 1).paragraphs] == [
        "刑期自裁判確定之日起算。",
        "裁判雖經確定，其尚未受拘禁之日數，不算入刑期內。",
    ]
    for ref in ("book1.chapter5_1", "第五章之一", "第一編第五章之一"):
        assert [line.split("\t")[0] for line in cli("--doc", str(path), "show", ref).lines] == [
            "38.1", "38.2", "38_1.1", "38_1.2", "38_1.2.1", "38_1.2.2", "38_1.2.3", "39.1",
        ], ref  # fmt: skip
    assert cli("--doc", str(path), "cite", "book1.chapter5_1").out == "《中華民國刑法》第一編第五章之一\n"
    # chapter 5 is still chapter 5 alone
    assert [line.split("\t")[0] for line in cli("--doc", str(path), "show", "第五章").lines] == [
        "37.1", "37.2", "37_1.1", "37_1.2",
    ]  # fmt: skip


# -- Taiwan's 項 and 款 ---------------------------------------------------------------------------
# In the PRC an article's paragraph is a 款 and its item a 项; in Taiwan the paragraph is a 項 and
# the item a 款. The law says which by how it cites itself: 前項之未遂犯罰之 (the paragraph before).

TAIWAN_LAW = FIXTURES / "tw-criminal-code.md"


def test_a_taiwan_law_is_read_with_its_own_words_for_paragraphs_and_items():
    assert load_document(TAIWAN_LAW).decisions.hierarchy == ("條", "項", "款")
    # a treaty in traditional characters that cites 第2條第2款第（二）項 keeps the PRC's
    assert load_document(FIXTURES / "zh-hant-treaty.txt").decisions.hierarchy == ("條", "款", "項")
    assert load_document().decisions.hierarchy == ("条", "款", "项")


@pytest.mark.parametrize(
    "ref, citation",
    [
        ("271.1", "《中華民國刑法》第271條第1項"),
        ("10.2", "《中華民國刑法》第10條第2項"),
        ("10.2.1", "《中華民國刑法》第10條第2項第1款"),
    ],
)
def test_cite_names_a_taiwan_laws_paragraphs_and_items_as_it_does(cli, ref, citation):
    assert cli("--doc", str(TAIWAN_LAW), "cite", ref).out == citation + "\n"


@pytest.mark.parametrize(
    "citation, refs",
    [
        ("第271條第1項", ["271.1"]),
        ("第二百七十一條第一項", ["271.1"]),
        ("第10條第2項第1款", ["10.2.1"]),
        ("第10條第2項第一款、第二款", ["10.2.1", "10.2.2"]),
        ("《中華民國刑法》第272-1條第2項", ["272_1.2"]),
    ],
)
def test_show_reads_a_taiwan_citation_with_the_laws_words(cli, citation, refs):
    result = cli("--doc", str(TAIWAN_LAW), "show", citation)
    assert (result.code, [line.split("\t")[0] for line in result.lines]) == (0, refs)


def test_a_taiwan_citation_of_an_item_where_the_article_has_none_is_an_error(cli):
    # 第271條第2款: item 2 of article 271, which has three paragraphs and no items
    result = cli("--doc", str(TAIWAN_LAW), "show", "第271條第2款")
    assert result.code == 2 and result.out == "" and "第271條" in result.err


def test_a_taiwan_laws_units_are_labelled_in_its_words(cli):
    assert cli("--doc", str(TAIWAN_LAW), "show", "10", "--json").json[0]["label"] == "第10條"
    assert cli("--doc", str(TAIWAN_LAW), "show", "10.2", "--json").json[0]["label"] == "第2項"
    # the built-in treaty's stay the PRC's
    assert cli("show", "4.2", "--json").json[0]["label"] == "第2款"


def test_a_paragraph_goes_on_over_a_page_mark_between_blank_lines():
    doc = load_document(FIXTURES / "en-un-fish-stocks.pdftext.txt")
    assert doc.decisions.paragraphs == "blank"
    third = doc.article(3).paragraphs
    # "…except that articles 6 and 7" / -4- / "apply also to…": one paragraph, the page mark furniture
    assert [p.text.split()[0] for p in third] == ["1.", "2.", "3."]
    assert third[0].text.endswith(
        "except that articles 6 and 7 apply also to the conservation and management of such stocks "
        "within areas under national jurisdiction."
    )
    assert "-4-" in [f.text for f in doc.furniture]
    # after a recital's comma a page mark still ends it: recitals end with one
    text = (
        "The Parties,\n\nRecalling the Charter,\n\n-2-\n\nNoting the report,\n\nHave agreed as follows:\n\n"
    )
    text += "Article 1\n\nThe Parties shall cooperate.\n\nArticle 2\n\nThis applies.\n"
    assert len(parse_text(text, Source("t", b"", "utf-8")).preamble.recitals) == 2


def _parsed(text):
    return parse_text(text, Source("t", b"", "utf-8"))


def test_a_heading_alone_on_its_line_is_a_heading_whatever_its_text_starts_with():
    doc = _parsed(
        "示例法\n\n第一条 本法的目的。\n\n第二条\n所有缔约方应当合作。\n\n第三条\n所称合作，是指经济合作。\n"
    )
    assert [(a.key, a.paragraphs[0].text) for a in doc.articles] == [
        ("1", "本法的目的。"),
        ("2", "所有缔约方应当合作。"),
        ("3", "所称合作，是指经济合作。"),
    ]
    # after a chapter heading too; but a full line that goes on into 第一条 cites it
    doc = _parsed(
        "示例法\n第一章 总则\n第一条\n所有缔约方应当合作。\n第二条\n"
        "所称合作，是指经济合作。依照本法的规定和本条约的有关规定，按照\n第一条\n所规定的程序办理。\n"
    )
    assert [a.key for a in doc.articles] == ["1", "2"]
    assert doc.article(1).paragraphs[0].text == "所有缔约方应当合作。"
    assert doc.article(2).paragraphs[-1].text == "所规定的程序办理。"


# -- captions -----------------------------------------------------------------------------------

CAPTIONED = "示例條約\n\n第一條　宗旨聲明\n締約雙方同意合作。\n\n第二條　定義\n本條約所稱合作，指經濟合作。\n"


def test_an_articles_caption_is_a_unit_of_its_own_that_grep_finds(cli, tmp_path):
    path = tmp_path / "captioned.txt"
    path.write_text(CAPTIONED, encoding="utf-8")
    doc = str(path)
    assert cli("--doc", doc, "show", "1").lines == ["1.title\t宗旨聲明", "1.1\t締約雙方同意合作。"]
    assert cli("--doc", doc, "grep", "宗旨").lines == ["1.title\t宗旨聲明"]
    for ref in ("1.title", "第一條標題", "第1条标题"):
        assert cli("--doc", doc, "show", ref).lines == ["1.title\t宗旨聲明"], ref
    assert cli("--doc", doc, "cite", "1.title").out == "《示例條約》第1條標題\n"
    assert [r["title"] for r in cli("--doc", doc, "list", "--json").json] == ["宗旨聲明", "定義"]


def test_an_english_caption_on_the_line_after_the_heading(cli):
    path = str(FIXTURES / "en-un-fish-stocks.pdftext.txt")
    assert cli("--doc", path, "show", "2.title").lines == ["2.title\tObjective"]
    assert cli("--doc", path, "show", "art. 3, title").lines == ["3.title\tApplication"]
    assert cli("--doc", path, "cite", "--style", "en", "1.title").out.endswith(", art. 1, title\n")
    assert cli("--doc", path, "grep", "-i", "scope").lines == ["1.title\tUse of terms and scope"]


def test_a_key_that_names_a_caption_is_never_read_as_the_documents_title(cli):
    # '1.title' was read as junk '1.' before the word title: the treaty's title, with exit 0
    result = cli("show", "1.title")
    assert result.code == 2 and result.out == ""


# -- paragraphs as printed ------------------------------------------------------------------------


def test_printed_paragraph_numbers_number_the_paragraphs():
    # the UN's PDF text of the Part XI Agreement, article 6: paragraph 1 goes on after a blank
    # line ("If these conditions…"), then paragraph 2 opens
    doc = _parsed(
        "AGREEMENT ON EXAMPLES\n\nArticle 1\n\n1. This Agreement shall enter into force 30 days after the date.\n\n"
        "If these conditions are fulfilled before 1 May, it shall enter into force on 1 May.\n\n"
        "2. For each State establishing its consent after that, it shall enter into force later.\n\n"
        "Article 2\n\n1. The Parties shall report:\n\n(a) every year;\n\n(b) on request,\n\n"
        "in writing.\n\n2. Reports are public.\n"
    )
    first, second = doc.article(1).paragraphs, doc.article(2).paragraphs
    assert [p.text.split()[0] for p in first] == ["1.", "2."]
    assert first[0].text.endswith(
        "after the date. If these conditions are fulfilled before 1 May, it shall enter into force on 1 May."
    )
    # the words after a list close it: its last item, unlabelled, and paragraph 2 stays 2
    assert [(i.label, i.text) for i in second[0].items] == [
        ("(a)", "every year;"),
        ("(b)", "on request,"),
        ("", "in writing."),
    ]
    assert [p.text for p in second][1] == "2. Reports are public."


def test_an_item_label_alone_on_its_line_takes_the_text_after_it():
    doc = _parsed(
        "示例法\n\n第一条 争端可以提交：\n\n（一）国际法院；\n\n（二）\n\n仲裁法庭；\n\n（三）其他程序。\n"
    )
    items = doc.article(1).paragraphs[0].items
    assert [(i.label, i.text) for i in items] == [
        ("（一）", "国际法院；"),
        ("（二）", "仲裁法庭；"),
        ("（三）", "其他程序。"),
    ]


# -- a code in books, one Markdown file a book ---------------------------------------------------
# As Theonefkguy/Chinese-Laws lays out 民法典: each book's file under the code's title, the books
# named (物权编), not numbered, and 附则 a book of its own; articles here abridged.

CODE_IN_BOOKS = """\
# 中华人民共和国民法典

<!-- INFO END -->

# 物权编

## 第一分编 通则

### 第一章 一般规定

第二百零五条 本编调整因物的归属和利用产生的民事关系。

第二百零六条 国家坚持和完善公有制为主体、多种所有制经济共同发展的基本经济制度。

# 中华人民共和国民法典

# 合同编

## 第一分编 通则

### 第一章 一般规定

第四百六十三条 本编调整因合同产生的民事关系。

# 中华人民共和国民法典

# 附则

第一千二百五十九条 民法所称的“以上”、“以下”、“以内”、“届满”，包括本数。

第一千二百六十条 本法自2021年1月1日起施行。
"""


def test_a_code_in_books_counts_its_books_and_reads_each_article(cli, tmp_path):
    path = tmp_path / "civil-code.md"
    path.write_text(CODE_IN_BOOKS, encoding="utf-8")
    doc = load_document(path)
    # 第四百六十三条 opens its paragraph after a blank line: a heading, however far 206 is behind
    assert [(a.key, a.division) for a in doc.articles] == [
        ("205", "book1.subbook1.chapter1"),
        ("206", "book1.subbook1.chapter1"),
        ("463", "book2.subbook1.chapter1"),
        ("1259", "book3"),
        ("1260", "book3"),
    ]
    assert [(d.ref, d.heading) for d in doc.divisions if "." not in d.ref] == [
        ("book1", "物权编"),
        ("book2", "合同编"),
        ("book3", "附则"),
    ]
    # the title repeated before each book is the page's, not article 206's text
    assert [p.text for p in doc.article(206).paragraphs] == [
        "国家坚持和完善公有制为主体、多种所有制经济共同发展的基本经济制度。"
    ]
    assert [f.text for f in doc.furniture].count("中华人民共和国民法典") == 2
    _nothing_lost(doc, CODE_IN_BOOKS)
    for name, ref in (("物权编", "book1"), ("附则", "book3")):
        assert cli("--doc", str(path), "cite", name).out == f"《中华人民共和国民法典》{name}\n"
        shown = cli("--doc", str(path), "show", name).lines
        assert [line.split("\t")[0].split(".")[0] for line in shown] == [
            a.key for a in doc.articles if a.division.startswith(ref)
        ]


def test_a_chapter_title_on_the_line_after_its_heading_is_not_a_division():
    doc = _parsed(
        "示例法\n\n第一章\n总则\n\n第一条 本法的目的。\n\n第二章\n附则\n\n第二条 本法自公布之日起施行。\n"
    )
    assert [(d.ref, d.title) for d in doc.divisions] == [("chapter1", "总则"), ("chapter2", "附则")]


def test_a_title_printed_in_capitals_is_cited_in_title_case_and_read_back(cli):
    path = str(FIXTURES / "en-un-fish-stocks.pdftext.txt")
    citation = cli("--doc", path, "cite", "--style", "en", "3.1").out.strip()
    assert citation == (
        "Agreement for the Implementation of the Provisions of the United Nations Convention on "
        "the Law of the Sea of 10 December 1982 relating to the Conservation and Management of "
        "Straddling Fish Stocks and Highly Migratory Fish Stocks, art. 3(1)"
    )
    assert cli("--doc", path, "show", citation).lines[0].split("\t")[0] == "3.1"
    # Roman numerals stay as they are
    assert (
        title_case("AGREEMENT RELATING TO PART XI OF THE CONVENTION")
        == "Agreement relating to Part XI of the Convention"
    )
    assert title_case("Convention on Signal Lamps") == "Convention on Signal Lamps"


# -- the review of issue 19 -----------------------------------------------------------------------

WRAP_UP_TEXT = """\
TREATY OF TESTING
Article 1
1. The Parties shall take all measures necessary for the purposes
of this Treaty, including:
(a) measures of one kind; and
(b) measures of another kind.
Such measures shall be notified to the depositary without any
delay whatsoever.
2. Nothing in this article affects the rights of the Parties under
other agreements.
Article 2
This Treaty enters into force on signature.
"""


def test_the_words_after_a_list_are_cited_and_shown_without_a_crash(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(WRAP_UP_TEXT, encoding="utf-8")
    doc = load_document(path)
    items = doc.article(1).paragraphs[0].items
    assert [(i.label, i.text) for i in items] == [
        ("(a)", "measures of one kind; and"),
        ("(b)", "measures of another kind."),
        ("", "Such measures shall be notified to the depositary without any delay whatsoever."),
    ]
    assert [p.text[:2] for p in doc.article(1).paragraphs] == ["1.", "2."]
    # cite crashed on the unlabelled item: IndexError, exit 2
    result = cli("--doc", str(path), "cite", "1")
    assert (result.code, result.out) == (0, "Treaty of Testing, art. 1\n")


def test_printed_numbers_out_of_sequence_are_paragraphs_of_their_own(tmp_path):
    doc = _parsed(
        "AGREEMENT ON TESTING\nArticle 1\n1. The Parties shall take all measures.\n2. The Parties shall cooperate.\n"
        "4. The Parties shall report.\nArticle 2\n1. This Agreement enters into force.\n1. Each Party may withdraw.\n"
    )
    assert [p.text for p in doc.article(1).paragraphs] == [
        "1. The Parties shall take all measures.", "2. The Parties shall cooperate.", "4. The Parties shall report.",
    ]  # fmt: skip
    assert [p.text for p in doc.article(2).paragraphs] == [
        "1. This Agreement enters into force.", "1. Each Party may withdraw.",
    ]  # fmt: skip


def test_an_item_that_goes_on_over_a_page_stays_one_item():
    doc = _parsed(
        "TREATY OF TESTING\n\nArticle 1\n\n1. The Parties shall:\n\n(a) report every year on what they\n\n"
        "- 2 -\n\ndid and what they plan;\n\n(b) meet every two years.\n\n2. This Treaty binds them.\n"
    )
    items = doc.article(1).paragraphs[0].items
    assert [(i.label, i.text) for i in items] == [
        ("(a)", "report every year on what they did and what they plan;"),
        ("(b)", "meet every two years."),
    ]


def test_sub_items_stay_in_the_item_they_belong_to(cli, tmp_path):
    # 目 (1．, （一）) under an item: the items keep the numbers they are cited by
    path = tmp_path / "tw.txt"
    path.write_text(
        "示例條例\n第 1 條\n本條例之目的。\n第 2 條\n本條例用詞，定義如下：\n一、測試：指下列行為：\n（一）檢驗。\n（二）試驗。\n"
        "二、機關：指主管機關。\n前項第一款第二目之試驗，不包括教學。\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert [(i.label, i.text) for i in doc.article(2).paragraphs[0].items] == [
        ("一、", "測試：指下列行為：（一）檢驗。（二）試驗。"),
        ("二、", "機關：指主管機關。"),
    ]


@pytest.mark.parametrize(
    "reference",
    ["unclos :4.2", "foo bar:4.2", "4.2.signing", "4 title", "4.2 preamble", "第4条第2款标题"],
)
def test_words_around_a_key_are_never_dropped_for_an_answer(cli, reference):
    result = cli("show", reference)
    assert (result.code, result.out) == (2, "")


def test_title_case_keeps_roman_numerals_and_acronyms_but_not_words_their_letters_spell():
    assert title_case("INTERNATIONAL COVENANT ON CIVIL AND POLITICAL RIGHTS") == (
        "International Covenant on Civil and Political Rights"
    )
    assert title_case("CONVENTION (ICSANT) PART XIV") == "Convention (ICSANT) Part XIV"


def test_the_title_quoted_inside_an_article_is_its_text():
    doc = _parsed("示例法\n\n第一条 本法的名称为：\n示例法\n第二条 本法自公布之日起施行。\n")
    assert "示例法" in [p.text for p in doc.article(1).paragraphs] or doc.article(1).paragraphs[
        0
    ].text.endswith("示例法")
    assert "示例法" not in [f.text for f in doc.furniture]


def test_a_taiwan_law_without_self_citations_follows_taiwan_by_its_items(cli, tmp_path):
    path = tmp_path / "tw.txt"
    path.write_text(
        "法規名稱：中華民國測試管理法\n第 1 條\n為管理測試，特制定本法。\n第 2 條\n本法之主管機關為測試部。\n"
        "測試分為下列二類：\n一、檢驗。\n二、試驗。\n",
        encoding="utf-8",
    )
    assert load_document(path).decisions.hierarchy == ("條", "項", "款")
    assert cli("--doc", str(path), "cite", "2.2.1").out == "《中華民國測試管理法》第2條第2項第1款\n"
    # and 中華民國 is a state's name: 測試管理法 names it
    assert cli("--doc", str(path), "show", "測試管理法第1條").lines == ["1.1\t為管理測試，特制定本法。"]


def test_a_citation_of_many_articles_is_read_back_by_its_reference(cli, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("".join(f"第{n}条 第{n}条的文字。\n\n" for n in range(1, 401)), encoding="utf-8")
    keys = ",".join(str(n) for n in range(1, 401, 2))  # a citation of some 800 characters
    result = cli("--doc", str(path), "cite", keys)
    assert result.code == 0 and result.out.startswith("第1、3、5、7、")


@pytest.mark.parametrize("fixture", [None, "zh-chapters.txt", "en-convention-parts.txt"])
def test_each_heading_goes_as_its_article_is_made(monkeypatch, fixture):
    """The parse holds no heading it has read an article for: a 5 MB document's headings,
    all held until the last article was made, were 1.2 MiB of the parse's peak."""
    from treatycli.loader import BUILTIN_PATH, body, parse

    path = BUILTIN_PATH if fixture is None else FIXTURES / fixture
    given, left_at_each = [], []
    real_read, real_article = parse.read_articles, body.Article

    def read_articles(ctx, doc, headings, *rest):
        given.extend(headings)
        read_articles.headings = headings
        return real_read(ctx, doc, headings, *rest)

    def article(**fields):
        left_at_each.append(sorted(h.index for h in read_articles.headings))
        return real_article(**fields)

    monkeypatch.setattr(parse, "read_articles", read_articles)
    monkeypatch.setattr(body, "Article", article)
    doc = load_document(str(path))  # a home of its own: read, not kept from an earlier run
    assert len(given) >= 3 and [a.heading for a in doc.articles] == [h.label for h in given]
    # when article k is made, the headings of articles k + 1 on are all the parse still holds
    lines = [h.index for h in given]
    assert left_at_each == [lines[k + 1 :] for k in range(len(given))]
