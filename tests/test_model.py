"""The built-in document's structure, exactly, and the loader's no-loss promise."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycli.loader import BUILTIN_NAME, BUILTIN_PATH, load_document
from treatycli.loader.parse import parse_text
from treatycli.model import Fragment, Source
from treatycli.numerals import parse_number

from .conftest import FIXTURES, ROOT


def non_whitespace(text):
    return Counter(ch for ch in text if not ch.isspace())


def test_seed_shipped_in_package_and_seeds_folder_is_the_same_file():
    assert (ROOT / "seeds" / BUILTIN_NAME).read_bytes() == Path(BUILTIN_PATH).read_bytes()


def test_session_and_agenda(seed):
    assert seed.session == 53
    assert [item.number for item in seed.agenda] == [20, 33, 64, 93, 94, 101, 102, 155]
    titles = {item.number: item.title for item in seed.agenda}
    assert titles[20] == "加强联合国人道主义和救灾援助 包括特别经济援助的协调"
    # wrapped over two lines in the source, the second one indented
    assert titles[33] == "联合国系统支持各国政府努力促进和巩固新的民主国家或恢复民主的国家"
    assert titles[155] == "消除国际恐怖主义的措施"


def test_letter(seed):
    letter = seed.letter
    assert letter.date == "1999-04-16"
    assert letter.title == "1999年 4月 16日俄罗斯联邦和塔吉克斯坦常驻联合国代表给秘书长的信"
    assert len(letter.paragraphs) == 2
    assert letter.paragraphs[0].startswith("我们谨在此转递")
    assert letter.paragraphs[1].endswith("分发为荷")
    assert [(p.role, p.name) for p in letter.signatories] == [
        ("塔吉克斯坦常驻联合国代表 大使", "拉希德 阿利莫夫"),
        ("俄罗斯常驻联合国代表 大使", "谢尔盖 拉夫罗夫"),
    ]
    assert letter.annex_heading == "附 件"


def test_title_and_preamble(seed):
    assert seed.title == "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"
    assert seed.preamble.parties == "俄罗斯联邦总统和塔吉克斯坦总统,"
    assert len(seed.preamble.recitals) == 6
    assert seed.preamble.recitals[0].startswith("详尽审查了")
    assert seed.preamble.recitals[5].startswith("重申他们承诺")
    assert seed.preamble.formula == "兹协议如下"


def test_articles_and_paragraph_counts(seed):
    assert [a.number for a in seed.articles] == list(range(1, 13))
    assert [len(a.paragraphs) for a in seed.articles] == [2, 2, 3, 2, 1, 1, 3, 1, 2, 1, 3, 1]


def test_signing_and_signatories(seed):
    assert (seed.signing.date, seed.signing.place) == ("1999-04-16", "莫斯科")
    assert [(p.role, p.name, p.note) for p in seed.signatories] == [
        ("俄罗斯联邦总统", "叶利钦", "(签名)"),
        ("塔吉克斯坦共和国总统", "拉赫莫诺夫", "(签名)"),
    ]


def test_hard_wraps_joined_without_spaces_between_chinese(seed):
    first = seed.articles[0].paragraphs[0].text
    assert "和平解决争端" in first  # "和平" ends one line, "解决争端" starts the next
    assert "决心维持和加强两国人民" in first
    for article in seed.articles:
        for paragraph in article.paragraphs:
            assert "\n" not in paragraph.text and "  " not in paragraph.text
            assert paragraph.text == paragraph.text.strip()


def test_a_paragraph_that_starts_without_a_blank_line_is_still_a_paragraph(seed):
    # 3.2 begins on the line right after 3.1 ends, marked only by its indent
    assert seed.articles[2].paragraphs[1].text.startswith("俄罗斯联邦和塔吉克斯坦共和国将协调")


def test_article_11_heading_is_indented_in_the_source(seed):
    assert seed.articles[10].heading == "11."
    assert seed.articles[10].paragraphs[2].text == "双方将特别着重于支持杜尚别俄 塔(斯拉夫)大学"


@pytest.mark.parametrize("path", [None, FIXTURES / "en-treaty.txt", FIXTURES / "zh-statute.txt"])
def test_nothing_is_lost(path):
    doc = load_document(path)
    source = Path(path or BUILTIN_PATH).read_text(encoding="utf-8")
    assert non_whitespace("".join(doc.strings())) == non_whitespace(source)


def test_rule_line_is_kept_as_furniture_not_dropped(seed):
    assert [f.text for f in seed.furniture] == ["–––––––––––––––"]
    assert seed.unassigned == []


def test_unclaimed_text_goes_to_unassigned_and_nothing_else_moves(tmp_path, seed):
    source = Path(BUILTIN_PATH).read_text(encoding="utf-8")
    text = source.replace("    附 件", "PREFACE NOTE\n    附 件")
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    line = text.split("\n").index("PREFACE NOTE") + 1
    assert doc.unassigned == [Fragment(line, "PREFACE NOTE")]
    # the line stands between the letter's signatures and 附件: the signatures stay
    assert [(p.role, p.name, p.note) for p in doc.letter.signatories] == [
        ("塔吉克斯坦常驻联合国代表 大使", "拉希德 阿利莫夫", "(签名)"),
        ("俄罗斯常驻联合国代表 大使", "谢尔盖 拉夫罗夫", "(签名)"),
    ]
    assert doc.letter.annex_heading == "附 件" and len(doc.letter.paragraphs) == 2
    assert [len(a.paragraphs) for a in doc.articles] == [2, 2, 3, 2, 1, 1, 3, 1, 2, 1, 3, 1]
    assert len(doc.preamble.recitals) == 6 and doc.preamble.formula == "兹协议如下"
    # and nothing else moved: the rest of the model is the built-in treaty's
    same = ("title", "session", "masthead", "agenda", "preamble", "articles", "signing", "signatories")
    assert {name: getattr(doc, name) for name in same} == {name: getattr(seed, name) for name in same}
    assert [f.text for f in doc.furniture] == [f.text for f in seed.furniture]
    assert non_whitespace("".join(doc.strings())) == non_whitespace(text)


_SEPARATORS = st.sampled_from([" -", " - ", "-", " —", " – ", ".", ". ", ":", ": ", " -5%", " (", "  "])
_HEADINGS = st.sampled_from(["Article {}", "ARTICLE {}", "Art. {}", "{}.", "第{}条", "第 {} 條"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(_HEADINGS, _SEPARATORS, st.text(alphabet="abc5%,.-— 甲乙", max_size=12)),
        min_size=2,
        max_size=8,
    )
)
def test_no_character_after_a_heading_number_is_lost(headings):
    """Separators after a heading's number ("Article 2 -5% of GDP") are text or heading."""
    text = "\n".join(
        form.format(n) + separator + rest for n, (form, separator, rest) in enumerate(headings, 1)
    )
    doc = parse_text(text, Source("t", b"", "utf-8"))
    assert non_whitespace("".join(doc.strings())) == non_whitespace(text)


def test_english_fixture(seed):
    doc = load_document(FIXTURES / "en-treaty.txt")
    assert doc.language == "en"
    assert doc.title == "TREATY OF FRIENDSHIP BETWEEN ARCADIA AND BOREALIA"
    assert doc.preamble.parties == "The Republic of Arcadia and the Kingdom of Borealia,"
    assert len(doc.preamble.recitals) == 2
    assert doc.preamble.formula == "Have agreed as follows:"
    assert [len(a.paragraphs) for a in doc.articles] == [1, 2, 1]
    assert (
        doc.articles[0]
        .paragraphs[0]
        .text.endswith("mutual respect and of non-interference in internal affairs.")
    )
    assert (doc.signing.date, doc.signing.place) == ("2001-03-03", "Geneva")
    assert [p.name for p in doc.signatories] == ["A. Adams", "B. Brown"]


def test_chinese_statute_fixture():
    doc = load_document(FIXTURES / "zh-statute.txt")
    assert doc.layout == "zh-article"
    assert doc.title == "中华人民共和国示例条约法"
    assert [len(a.paragraphs) for a in doc.articles] == [1, 1, 2, 1]
    assert doc.articles[1].paragraphs[0].text == "本法适用于以中华人民共和国名义缔结的条约和协定。"
    assert [a.heading for a in doc.articles][:2] == ["第一条", "第二条"]


@pytest.mark.parametrize(
    "text, number",
    [("12", 12), ("十二", 12), ("一百零九", 109), ("二十一", 21), ("十", 10), ("壹佰", 100), ("一九九九", 1999),
     ("１２", 12), ("五百十四", 514), ("一万零一", 10001), ("一千零五十", 1050), ("10500", 10500),
     ("x", None), ("", None), ("十十", None), ("1十", None), ("一二十", None), ("十百", None), ("万", None)],
)  # fmt: skip
def test_numerals(text, number):
    assert parse_number(text) == number
