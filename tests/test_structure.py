"""Structure read exactly (issue 19): what a document's own record, layout and numbering say,
the loader reads as such; what it cannot place it says, and never answers wrongly.

Expected values are read off the fixtures: the real excerpts listed in fixtures/SOURCES.md and
small documents written here, each in a layout the loader met in the wild."""

from collections import Counter

from treatycli.loader import load_document

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
