"""Layouts other than the built-in one: fixtures written for the test, and the shared corpus."""

from collections import Counter
from pathlib import Path

import pytest

from treatycli.grammar.references import parse_references, resolve_all
from treatycli.loader import load_document
from treatycli.units import build_units

from .conftest import FIXTURES, SHARED, needs_shared
from .test_written_layouts import chinese

CORPUS = SHARED / "corpus"


def refs(doc, *args):
    return [u.ref for u in resolve_all(build_units(doc), parse_references(list(args)))]


def test_chapters_items_inserted_articles_and_annex():
    doc = load_document(FIXTURES / "zh-chapters.txt")
    assert doc.title == "示例合作条例"
    assert [(d.ref, d.title) for d in doc.divisions] == [("chapter1", "总则"), ("chapter2", "实施")]
    # 第三条之二 is the second article 3 (之二): its key is 3_2, and 3bis names it too
    assert [a.key for a in doc.articles] == ["1", "2", "3", "3_2", "4"]
    assert [a.division for a in doc.articles] == ["chapter1", "chapter1", "chapter2", "chapter2", "chapter2"]
    second = doc.articles[1].paragraphs
    assert len(second) == 1 and second[0].text == "本条例所称合作包括："
    assert [(i.label, i.text) for i in second[0].items] == [
        ("（一）", "经济合作；"),
        ("（二）", "文化合作。"),
    ]
    assert [(a.number, a.heading) for a in doc.annexes] == [(1, "附件一")]
    assert doc.annexes[0].paragraphs[0].text == "合作领域清单"
    text = (FIXTURES / "zh-chapters.txt").read_text(encoding="utf-8")
    assert Counter(c for c in "".join(doc.strings()) if not c.isspace()) == Counter(
        c for c in text if not c.isspace()
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (["第三条之二"], ["3_2"]), (["3bis"], ["3_2"]), (["article 3 bis"], ["3_2"]), (["3_2"], ["3_2"]),
        (["2.1.2"], ["2.1.2"]), (["annex1"], ["annex1"]), (["附件一"], ["annex1"]),
        (["第二章"], ["chapter2"]), (["chapter1"], ["chapter1"]),
    ],
)  # fmt: skip
def test_references_to_new_units(args, expected):
    assert refs(load_document(FIXTURES / "zh-chapters.txt"), *args) == expected


def test_cli_shows_a_chapter_and_lists_by_division(cli):
    doc = str(FIXTURES / "zh-chapters.txt")
    assert [line.split("\t")[0] for line in cli("--doc", doc, "show", "chapter2").lines] == [
        "3.1",
        "3_2.1",
        "4.1",
    ]
    assert cli("--doc", doc, "list").lines[3].split("\t") == [
        "3_2",
        "1",
        "9",
        "各方应当定期报告",
        "chapter2",
    ]
    assert cli("--doc", doc, "show", "2.1", "--json").json[0]["items"][1]["label"] == "（二）"


corpus = needs_shared("corpus")


@corpus
def test_corpus_prc_treaty_procedure_law():
    doc = load_document(CORPUS / "prc-treaty-procedure-law-1990.zh.md")
    assert len(doc.articles) == 21
    assert [i.text for i in doc.article(4).paragraphs[0].items] == [
        "中华人民共和国；", "中华人民共和国政府；", "中华人民共和国政府部门。",
    ]  # fmt: skip


@corpus
def test_corpus_bbnj_agreement():
    doc = load_document(CORPUS / "bbnj-2023.zh.cleaned.txt")
    assert len(doc.articles) == 76
    assert [d.ref for d in doc.divisions] == [f"part{n}" for n in range(1, 13)]
    assert doc.preamble is not None and doc.preamble.heading == "序言"
    assert len(doc.annexes) == 2
    assert doc.article(4).paragraphs[0].text.startswith("例外本协定不适用于")
    assert doc.article(74).title == "附件"  # a heading line, then its title on the next
    # 一、 numbers paragraphs (款) here, even right after a list of （一） items
    assert doc.article(10).title == "适用"
    assert [p.text[:2] for p in doc.article(10).paragraphs] == ["一、", "二、", "三、"]
    # items are （一）; the 1．2． under one of them (目) go on its list, unlabelled
    assert all(
        i.label.startswith("（") or not i.label for a in doc.articles for p in a.paragraphs for i in p.items
    )
    assert [(i.label, i.text[:2]) for i in doc.article(30).paragraphs[0].items][:3] == [
        ("（一）", "筛选"), ("（二）", "如根"),
    ]  # fmt: skip
    assert doc.unassigned == []


def no_loss(doc, path):
    text = Path(path).read_text(encoding="utf-8")
    return Counter(c for c in "".join(doc.strings()) if not c.isspace()) == Counter(
        c for c in text if not c.isspace()
    )


def test_un_resolution_with_annexed_agreement_and_page_furniture():
    path = FIXTURES / "en-un-resolution-annex.pdftext.txt"
    doc = load_document(path)
    assert doc.session == 99 and [i.number for i in doc.agenda] == [12]
    resolution = doc.resolution
    assert resolution.title == "99/1. Agreement on the protection of lighthouses"
    assert resolution.author == "The General Assembly,"
    assert len(resolution.recitals) == 2
    # the "1/" marker is furniture, not text; the hyphen that broke "heritage" is gone,
    # the one in "non-governmental" is kept
    assert (
        resolution.recitals[0]
        == "Recalling the Convention on Coastal Lights of 1 January 2000 and its protocols,"
    )
    assert "maritime heritage and on non-governmental cooperation," in resolution.recitals[1]
    assert [p.text[:2] for p in resolution.paragraphs] == ["1.", "2.", "3."]  # across the page break
    assert resolution.closing == ["99th plenary meeting", "1 May 2030"]
    assert doc.title == "AGREEMENT ON THE PROTECTION OF LIGHTHOUSES"
    assert doc.preamble.parties == "The States Parties to this Agreement,"
    assert doc.preamble.formula == "Have agreed as follows:"
    assert [(a.number, a.title) for a in doc.articles] == [(1, "Scope"), (2, "Obligations")]
    assert [i.label for i in doc.articles[0].paragraphs[1].items] == ["(a)", "(b)"]
    assert doc.signing.place == "GENEVA" and doc.signing.witness.startswith("IN WITNESS WHEREOF")
    (annex,) = doc.annexes
    assert [(s.heading, s.title) for s in annex.sections] == [
        ("SECTION 1.", "MAINTENANCE"),
        ("SECTION 2.", "RECORDS"),
    ]
    furniture = [f.text for f in doc.furniture]
    for piece in ("1/", "/...", "A/RES/99/1", "Page 2", "____________", "-"):
        assert piece in furniture
    assert doc.unassigned == []
    assert no_loss(doc, path)


def test_draft_resolution_operative_paragraphs_are_the_units():
    path = FIXTURES / "en-draft-resolution.pdftext.txt"
    doc = load_document(path)
    assert doc.layout == "resolution"
    assert doc.session == 100
    assert [(i.number, i.title) for i in doc.agenda] == [
        (7, "Protection of lighthouses and other maritime heritage")
    ]
    assert doc.title == "Lighthouse keepers"
    assert doc.preamble.parties == "The General Assembly,"
    assert (
        doc.preamble.recitals[0]
        == "Guided by the Charter of the United Nations, expressing its gratitude to lighthouse keepers,"
    )
    assert (
        doc.preamble.recitals[1] == "Recalling its resolution 99/1 of 1 May 2030,"
    )  # footnote 2 glued to the comma
    assert [a.number for a in doc.articles] == [1, 2, 3]
    assert [i.text for i in doc.articles[1].paragraphs[0].items] == ["Training programmes;", "Museums;"]
    assert no_loss(doc, path)


def test_english_convention_with_parts_bis_and_annexes():
    path = FIXTURES / "en-convention-parts.txt"
    doc = load_document(path)
    assert [(d.ref, d.title) for d in doc.divisions] == [
        ("part1", "GENERAL PROVISIONS"),
        ("part2", "OBLIGATIONS"),
    ]
    assert [a.key for a in doc.articles] == ["1", "2", "3", "3bis", "4"]
    assert [a.title for a in doc.articles[:2]] == ["Definitions", "Scope"]
    assert [p.text for p in doc.articles[1].paragraphs] == [
        "1. This Convention applies at sea.",
        "2. It applies in ports.",
    ]
    assert [a.heading for a in doc.annexes] == ["ANNEX I", "ANNEX II"]
    assert no_loss(doc, path)


def test_text_without_structure_numbers_its_paragraphs_and_says_so(cli):
    result = cli("--doc", str(FIXTURES / "plain-notes.txt"), "show", "2")
    assert result.code == 0
    assert result.out == "2.1\tWe talked about lighthouses for an hour.\n"
    assert (
        result.err
        == "treatycli: no articles found in "
        + str(FIXTURES / "plain-notes.txt")
        + ": its 3 paragraphs are numbered 1-3\n"
    )


def test_show_all_lists_each_article_once_when_divisions_exist(cli):
    refs_shown = [
        line.split("\t")[0]
        for line in cli("--doc", str(FIXTURES / "en-convention-parts.txt"), "show", "all").lines
    ]
    assert len(refs_shown) == len(set(refs_shown))


@corpus
def test_corpus_un_resolution_48_263():
    doc = load_document(CORPUS / "un-a-res-48-263-part-xi-agreement.en.pdftext.txt")
    assert doc.session == 48 and [i.number for i in doc.agenda] == [36]
    assert len(doc.resolution.paragraphs) == 13
    assert len(doc.articles) == 10
    assert [a.title for a in doc.articles][:2] == [
        "Implementation of Part XI",
        "Relationship between this Agreement and Part XI",
    ]
    (annex,) = doc.annexes
    assert [s.number for s in annex.sections] == list(range(1, 10))
    assert doc.signing.place == "NEW YORK"
    assert doc.unassigned == []
    body = " ".join(p.text for a in doc.articles for p in a.paragraphs)
    assert "/..." not in body and "Page " not in body and "A/RES/48/263" not in body


@corpus
def test_corpus_draft_resolution_right_to_development():
    doc = load_document(CORPUS / "un-draft-resolution-right-to-development-2001.en.pdftext.txt")
    assert [a.number for a in doc.articles] == list(range(1, 26))
    assert doc.title == "The right to development"
    assert doc.session == 56 and [i.number for i in doc.agenda] == [119]
    assert len(doc.preamble.recitals) == 14
    assert len(doc.articles[4].paragraphs[0].items) == 6
    assert "Action,1" not in doc.preamble.recitals[2]
    assert doc.unassigned == []


def test_chinese_numerals_up_to_one_hundred_and_ten_and_cross_references(tmp_path):
    lines = []
    for n in range(1, 111):
        lines.append(f"第{chinese(n)}条 本条是第{n}条。")
        if n == 18:
            lines.append("第十九条要求的信息应当公布。")  # a cross-reference that begins a line
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    doc = load_document(path)
    assert [a.number for a in doc.articles] == list(range(1, 111))
    assert doc.article(109).heading == "第一百零九条"
    assert doc.article(18).paragraphs[-1].text == "第十九条要求的信息应当公布。"


@pytest.mark.parametrize(
    "text, keys",
    [
        ("第1条 甲。\n\n第2条 乙。\n\n第3条 丙。", ["1", "2", "3"]),
        ("第壹条 甲。\n\n第贰条 乙。", ["1", "2"]),
        ("Art. 1 One.\n\nArt. 2 Two.", ["1", "2"]),
        ("ARTICLE 1\n\nOne.\n\nARTICLE 2\n\nTwo.", ["1", "2"]),
        ("第一條 甲。\n\n第二條 乙。", ["1", "2"]),
    ],
)
def test_heading_variants(tmp_path, text, keys):
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    assert [a.key for a in load_document(path).articles] == keys


def test_encoding_option_on_the_command_line(cli, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("第一条 为了合作。\n\n第二条 本法施行。\n".encode("gbk"))
    assert cli("--encoding", "gbk", "--doc", str(path), "show", "2").out == "2.1\t本法施行。\n"
    result = cli("--encoding", "utf-8", "--doc", str(path), "show", "2")
    assert result.code == 2 and "not valid utf-8" in result.err


def test_chinese_enumeration_is_an_item_after_a_colon_and_a_paragraph_otherwise(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "第一条 缔约方应当：\n\n一、保护环境；\n\n二、分享惠益。\n\n"
        "第二条 目标\n\n一、本协定的目标是合作。\n\n二、缔约方应当报告。\n",
        encoding="utf-8",
    )
    first, second = load_document(path).articles
    assert [(i.label, i.text) for i in first.paragraphs[0].items] == [
        ("一、", "保护环境；"),
        ("二、", "分享惠益。"),
    ]
    assert second.title == "目标"  # a short title fused with its heading
    assert [p.text for p in second.paragraphs] == ["一、本协定的目标是合作。", "二、缔约方应当报告。"]


@pytest.mark.parametrize("form", ["{}. 第{}条的文本。", "Article {} Text of article {}."])
def test_heading_numbers_have_no_ceiling(tmp_path, form):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(form.format(n, n) for n in range(1, 10_501)), encoding="utf-8")
    doc = load_document(path)
    assert [a.number for a in doc.articles] == list(range(1, 10_501))
    assert refs(doc, "10000-10001", "10500.1") == ["10000", "10001", "10500.1"]


def test_a_title_alone_has_nothing_to_number_and_says_nothing(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("AGREEMENT ON LIGHTHOUSES\n", encoding="utf-8")
    result = cli("--doc", str(path), "list")
    assert (result.code, result.out, result.err) == (1, "", "")
    assert load_document(path).title == "AGREEMENT ON LIGHTHOUSES"
