"""Layouts other than the built-in one: fixtures written for the test, and the shared corpus."""

from collections import Counter
from pathlib import Path

import pytest

from treatycli.loader import load_document
from treatycli.refs import parse_references, resolve_all
from treatycli.units import build_units

from .conftest import FIXTURES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def refs(doc, *args):
    return [u.ref for u in resolve_all(build_units(doc), parse_references(list(args)))]


def test_chapters_items_inserted_articles_and_annex():
    doc = load_document(FIXTURES / "zh-chapters.txt")
    assert doc.title == "示例合作条例"
    assert [(d.ref, d.title) for d in doc.divisions] == [("chapter1", "总则"), ("chapter2", "实施")]
    assert [a.key for a in doc.articles] == ["1", "2", "3", "3bis", "4"]
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
        (["第三条之二"], ["3bis"]), (["3bis"], ["3bis"]), (["article 3 bis"], ["3bis"]),
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
        "3bis.1",
        "4.1",
    ]
    assert cli("--doc", doc, "list").lines[3].split("\t") == [
        "3bis",
        "1",
        "9",
        "各方应当定期报告",
        "chapter2",
    ]
    assert cli("--doc", doc, "show", "2.1", "--json").json[0]["items"][1]["label"] == "（二）"


corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


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
    assert doc.unassigned == []
