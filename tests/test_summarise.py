"""summarise: keywords, gists and what each unit cites, for the built-in treaty and documents
of other layouts; the summaries cache; the output forms.

Expected values come from reading the texts: the topic words of each article of the built-in
treaty (treatycli/data/ru-tj-allied-cooperation-1999.zh.txt), its dates, instruments and
organisations, and the cross-references the fixtures and the corpus write out."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli import summaries, summarising
from treatycli.commands import presentation
from treatycli.gist import GIST_CHARS
from treatycli.loader import load_document
from treatycli.units import build_units

from .conftest import FIXTURES, ROOT, SHARED, kept_files, needs_shared, read_kept, write_kept

CORPUS = SHARED / "corpus"
PRC_LAW = CORPUS / "prc-treaty-procedure-law-1990.zh.md"
ZH_CHAPTERS = str(FIXTURES / "zh-chapters.txt")
EN_AGREEMENT = str(FIXTURES / "en-agreement-references.txt")


@pytest.fixture(scope="module")
def _shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _cache(_shared_cache, monkeypatch):
    """Summaries computed once for this module's tests, out of the user's cache."""
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(_shared_cache))


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty cache directory, for the tests of the cache itself."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(folder))
    return folder


def _units(cli, *args) -> dict:
    return {unit["ref"]: unit for unit in cli(*args, "--json").json["units"]}


def _words(unit) -> list[str]:
    return [keyword["word"] for keyword in unit["keywords"]]


# -- the built-in treaty ------------------------------------------------------------------------

# What each article is about, read from its text: its top five keywords must name at least
# `needed` of these.
TOPICS = {
    "1": ({"结盟", "主权", "领土完整", "国界", "争端", "内政", "武力"}, 3),
    "2": ({"民族和解", "和平进程", "进程", "关于在塔吉克斯坦建立和平和民族和睦的总协定"}, 2),
    "3": ({"外交政策", "区域", "安全", "联合国宪章", "冲突", "和平"}, 3),
    "4": ({"军事", "集体安全条约", "防卫", "战略目标"}, 3),
    "5": ({"边界"}, 1),
    "6": ({"执法", "麻醉药品", "弹药", "武器", "恐怖主义", "极端主义", "犯罪", "贩运"}, 3),
    "7": ({"经济", "运输", "投资", "工业", "冶金", "企业", "金融"}, 3),
    "8": ({"独立国家联合体", "关税", "一体化", "深化经济和人道主义领域的一体化条约"}, 2),
    "9": ({"环境", "萨雷兹湖"}, 2),
    "10": ({"民族", "平等权利", "种族", "歧视", "公民", "俄罗斯族", "塔吉克族"}, 3),
    "11": ({"文化", "教育"}, 2),
    "12": ({"持久和平", "远景", "国民经济", "全世界", "中亚"}, 3),
}
# in every article, or nearly: they must not crowd out what is particular to one
EVERYWHERE = {"俄罗斯联邦", "塔吉克斯坦共和国", "塔吉克斯坦", "双方", "缔约国", "将", "合作"}


@pytest.mark.parametrize("ref", list(TOPICS))
def test_keywords_name_what_each_article_is_about(cli, ref):
    topics, needed = TOPICS[ref]
    words = _words(_units(cli, "summarise", ref)[ref])
    assert len(words) == 5
    assert len(topics & set(words)) >= needed, words
    assert not EVERYWHERE & set(words), words


def test_keywords_are_words_of_the_unit_and_never_numbers(cli):
    doc = load_document()
    root = build_units(doc)
    for ref, unit in _units(cli, "summarise", "all", "--top", "20").items():
        text = "".join(
            leaf.text
            for leaf in root.walk()
            if leaf.text and (leaf.ref == ref or leaf.ref.startswith(ref + "."))
        )
        for word in _words(unit):
            assert word in text, (ref, word)
            assert not re.fullmatch(r"[\d一二三四五六七八九十百千年月日\s]+", word), (ref, word)


def test_gists_are_exact_short_quotes(cli):
    root = build_units(load_document())
    units = _units(cli, "summarise", *[u.ref for u in root.walk() if u is not root])
    assert len(units) == len(list(root.walk())) - 1
    for unit in root.walk():
        if unit is root:
            continue
        gist = units[unit.ref]["gist"]
        texts = [leaf.text for leaf in unit.leaves() if leaf.text]
        if gist is None:
            continue
        assert len(gist) <= GIST_CHARS and len(gist) < sum(map(len, texts))
        assert any(gist in text for text in texts), (unit.ref, gist)
    for article in (u for u in root.children if u.kind == "article"):
        assert units[article.ref]["gist"], article.ref  # every article has a clause to quote


NUMERAL = "0123456789一二三四五六七八九十百千万零〇两"


def test_gists_do_not_cut_a_number_from_its_word(cli):
    """A quote does not start just after a numeral that the next word continues (article 12
    of the built-in treaty: 二十一世纪, not 世纪将为…), nor end on one."""
    root = build_units(load_document())
    units = _units(cli, "summarise", *[u.ref for u in root.walk() if u is not root])
    for unit in root.walk():
        gist = units.get(unit.ref, {}).get("gist")
        for text in (leaf.text for leaf in unit.leaves() if gist and gist in leaf.text):
            at = text.index(gist)
            assert not (at and text[at - 1] in NUMERAL and gist[0] not in NUMERAL), (unit.ref, gist)
            after = text[at + len(gist) : at + len(gist) + 1]
            assert not (gist[-1] in NUMERAL and after and after not in NUMERAL and not after.isspace()), gist


def test_clauses_where_pdf_text_lost_its_punctuation():
    """Article 1.1: a space after 两国人民之间的友好 stood for 。; in 尊重独立 主权 领土完整… the
    spaces stood for 、 in a list, so the list stays one clause."""
    from treatycli.gist import clauses

    root = build_units(load_document())
    text = next(unit.text for unit in root.walk() if unit.ref == "1.1")
    found = [text[start:end] for start, end in clauses(text)]
    assert any(clause.endswith("两国人民之间的友好") for clause in found)
    assert any("独立 主权 领土完整和国界不可侵犯" in clause for clause in found)
    assert "主权" not in found and "在即将跨入二十一世纪之际" in found  # a comma ends a clause too


def test_dates_instruments_and_organisations_of_the_built_in_treaty(cli):
    record = cli("summarise", "--json").json
    document = record["document"]
    assert document["signed"] == {"date": "1999-04-16", "place": "莫斯科"}
    instruments = {item["name"]: item for item in document["instruments"]}
    assert instruments["集体安全条约"]["date"] == "1992-05-15"
    assert instruments["集体安全条约"]["refs"] == ["4.1"]
    assert instruments["深化经济和人道主义领域的一体化条约"]["date"] == "1996-03-29"
    assert instruments["关于在塔吉克斯坦建立和平和民族和睦的总协定"]["date"] == "1997-06-27"
    (friendship,) = [name for name in instruments if "友好" in name and name.endswith("互助条约")]
    assert instruments[friendship]["date"] == "1993-05-25" and instruments[friendship]["refs"] == ["1.2"]
    assert instruments["联合国宪章"]["refs"] == ["3.2"]
    assert instruments["赫尔辛基最后文件"]["refs"] == ["preamble.6"]
    title = "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"
    assert title not in instruments  # the document itself is not something it refers to

    # organisations, counted in the source text (联合国 inside 联合国宪章 is the Charter)
    text = "".join("".join(line.split()) for line in _builtin_lines())
    expected = {
        "联合国": text.count("联合国") - text.count("联合国宪章"),
        "欧洲安全与合作组织": text.count("欧洲安全与合作组织"),
        "独立国家联合体": text.count("独立国家联合体"),
    }
    counts = {item["name"]: item["count"] for item in document["organizations"]}
    assert {name: counts.get(name) for name in expected} == expected

    units = _units(cli, "summarise", "1", "4", "8")
    assert units["4"]["dates"] == ["1992-05-15"]
    assert units["4"]["instruments"] == [{"name": "集体安全条约", "date": "1992-05-15"}]
    assert units["1"]["dates"] == ["1993-05-25"] and units["8"]["dates"] == ["1996-03-29"]
    assert {"name": "独立国家联合体", "count": 1} in units["8"]["organizations"]


def _builtin_lines():
    from treatycli.loader import BUILTIN_PATH

    return Path(BUILTIN_PATH).read_text(encoding="utf-8").splitlines()


def test_the_document_summary(cli):
    document = cli("summarise", "--json").json["document"]
    assert document["title"] == "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"
    assert document["parties"].startswith("俄罗斯联邦总统和塔吉克斯坦总统")
    doc = load_document()
    assert document["counts"] == {
        "articles": 12,
        "paragraphs": 22,  # README: list's second column adds up to this
        "recitals": 6,
        "characters": sum(len(u.text) for u in build_units(doc).walk() if u.text),
    }
    assert len(document["themes"]) == 5
    # the parties are named apart: their names are not themes (合作 may be: it is a cooperation treaty)
    assert not (EVERYWHERE - {"合作"}) & {theme["word"] for theme in document["themes"]}


# -- other layouts: a Chinese statute, an English agreement -------------------------------------


def _all_cross_references(cli, doc) -> dict:
    root = build_units(load_document(doc))
    leaves = [u.ref for u in root.walk() if u.text]
    units = _units(cli, "--doc", str(doc), "summarise", *leaves)
    return {ref: unit["cross_references"] for ref, unit in units.items() if unit["cross_references"]}


def test_cross_references_of_a_chinese_statute_with_chapters(cli):
    # 第四条: 第二条所称合作不包括军事合作
    assert _all_cross_references(cli, ZH_CHAPTERS) == {"4.1": ["2"]}
    assert cli("--doc", ZH_CHAPTERS, "show", "2").code == 0


def test_cross_references_of_a_taiwan_law_name_its_paragraphs(cli):
    # in Taiwan a 項 is a paragraph: 前項之未遂犯罰之 (271.2), 預備犯第一項之罪者 (271.3),
    # 犯第二百七十一條之罪者 (272-1.1), 以凌虐方式犯第二百七十一條第一項之罪者 (272-1.2),
    # 預備犯第二項之罪者 (272-1.4); 前條 (272.1) and 前項 (277.2) name the unit before
    found = _all_cross_references(cli, FIXTURES / "tw-criminal-code.md")
    assert found == {
        "271.2": ["271.1"], "271.3": ["271.1"], "272.1": ["271"], "272_1.1": ["271"],
        "272_1.2": ["271.1"], "272_1.3": ["272_1.2"], "272_1.4": ["272_1.2"], "277.2": ["277.1"],
    }  # fmt: skip


def test_cross_references_name_other_units_of_this_document_only(cli, tmp_path):
    zh = tmp_path / "zh.txt"
    zh.write_text(
        "示例协定\n\n第一条 一、缔约方应当通知。\n二、收到上述第一款所述通知后，缔约方应当答复。\n"
        "三、缔约方大会在根据本条作出决定时，应当依照该协定第五条。\n",
        encoding="utf-8",
    )
    # 上述第一款 is this article's paragraph 1; 本条 is where the clause stands; 该协定第五条 another's
    assert _all_cross_references(cli, zh) == {"1.2": ["1.1"]}
    en = tmp_path / "en.txt"
    en.write_text(
        "AGREEMENT ON EXAMPLES\n\nArticle 1\n\nThe Parties shall report.\n\nArticle 2\n\n"
        "1. Consent may be given under article 1 of consent to be bound by this Agreement.\n\n"
        "2. This article and article 5 of the Convention on Coastal Lights are noted.\n",
        encoding="utf-8",
    )
    assert _all_cross_references(cli, en) == {"2.1": ["1"]}


def test_cross_references_of_an_english_agreement(cli):
    # 2.2 "paragraph 1 of this article"; 3 "article 2"; 5 "articles 1 and 4";
    # 4 "article 5 of the Convention on Coastal Lights" is another instrument's
    found = _all_cross_references(cli, EN_AGREEMENT)
    assert found == {"2.2": ["2.1"], "3.1": ["2"], "5.1": ["1", "4"]}
    for refs in found.values():
        assert cli("--doc", EN_AGREEMENT, "show", *refs).code == 0


def test_dates_instruments_and_organisations_of_an_english_agreement(cli):
    record = cli("--doc", EN_AGREEMENT, "summarise", "--json").json
    document, units = record["document"], {u["ref"]: u for u in record["units"]}
    assert document["signed"] == {"date": "2030-12-02", "place": "Geneva"}
    assert document["instruments"] == [
        {"name": "Convention on Coastal Lights", "date": "2000-01-01", "refs": ["preamble.1", "4.1"]}
    ]
    assert document["organizations"] == [
        {"name": "International Maritime Organization", "count": 2},
        {"name": "United Nations", "count": 1},
    ]
    assert units["5"]["dates"] == ["2031-03-01"]
    assert "register" in _words(units["2"]) or "inspect" in _words(units["2"])
    assert "registers" in _words(units["3"])
    for unit in units.values():
        for word in _words(unit):
            if " " not in word:  # names stay as written; words are folded
                assert word == word.lower() and word not in {"shall", "the", "this", "agreement"}


@needs_shared("corpus", "prc-treaty-procedure-law-1990.zh.md")
def test_cross_references_of_a_real_statute(cli):
    # 7.2 前款规定的条约; 8.1 本法第七条第二款; 10.2 前款所列… 依照本法第七条、第八条、第九条;
    # 11.2 (一) and (二) 本法第七条第二款 (so 11.2 with its items too)
    found = _all_cross_references(cli, PRC_LAW)
    assert found == {
        "7.2": ["7.1"],
        "8.1": ["7.2"],
        "10.2": ["10.1", "7", "8", "9"],
        "11.2": ["7.2"],
        "11.2.1": ["7.2"],
        "11.2.2": ["7.2"],
    }
    for refs in found.values():
        assert cli("--doc", str(PRC_LAW), "show", *refs).code == 0


def test_gists_of_other_layouts_are_exact_short_quotes(cli):
    for doc in (ZH_CHAPTERS, EN_AGREEMENT, str(FIXTURES / "en-un-resolution-annex.pdftext.txt")):
        root = build_units(load_document(doc))
        units = _units(cli, "--doc", doc, "summarise", "all")
        for unit in root.children:
            if unit.ref in units and units[unit.ref]["gist"]:
                gist = units[unit.ref]["gist"]
                assert len(gist) <= GIST_CHARS
                assert any(gist in leaf.text for leaf in unit.leaves() if leaf.text), (doc, unit.ref)


# -- divisions and the outline --------------------------------------------------------------


def test_a_division_is_summarised_then_its_articles(cli):
    result = cli("--doc", ZH_CHAPTERS, "summarise", "chapter2")
    assert [line.split("\t")[0] for line in result.lines] == [
        "chapter2",
        "3",
        "3_2",
        "4",
    ]  # 第三条之二 is 3_2
    assert all(len(line.split("\t")) == 3 for line in result.lines)


def test_the_outline_of_a_document_with_divisions_is_a_tree(cli):
    out = cli("--doc", ZH_CHAPTERS, "summarise", terminal=True).out
    assert "第一章 总则" in out and "└──" in out and "├──" in out
    flat = cli("summarise", terminal=True).out
    assert "├──" not in flat  # no divisions, no outline


# -- output forms -------------------------------------------------------------------------------


def test_piped_document_lines_then_unit_lines(cli):
    result = cli("summarise")
    assert result.code == 0
    keys = [line.split("\t")[0] for line in result.lines]
    assert keys[:4] == ["title", "parties", "signed.date", "signed.place"]
    first_unit = keys.index("agenda")
    assert all(len(line.split("\t")) == 2 for line in result.lines[:first_unit])
    units = [line.split("\t") for line in result.lines[first_unit:]]
    assert all(len(fields) == 3 for fields in units)
    assert [fields[0] for fields in units] == ["agenda", "letter", "preamble"] + [
        str(n) for n in range(1, 13)
    ]
    assert all(len(fields[1].split("、")) == 5 for fields in units[3:])
    assert "\x1b" not in result.out


def test_english_keywords_are_joined_with_commas(cli):
    line = cli("--doc", EN_AGREEMENT, "summarise", "3").lines[0]
    ref, words, gist = line.split("\t")
    assert ref == "3" and ", " in words and "、" not in words
    assert gist in "Each Party shall keep the registers referred to in article 2 for ten years"


def test_json_has_the_documented_shape(cli):
    record = cli("summarise", "--json").json
    assert set(record) == {"document", "units"}
    assert set(record["document"]) == {
        "title",
        "parties",
        "signed",
        "counts",
        "themes",
        "instruments",
        "organizations",
    }
    for unit in record["units"]:
        assert set(unit) == {"ref", "kind", "keywords", "gist", "dates", "instruments", "organizations",
                             "cross_references"}  # fmt: skip
        assert all(set(k) == {"word", "weight"} and k["weight"] > 0 for k in unit["keywords"])
        weights = [k["weight"] for k in unit["keywords"]]
        assert weights == sorted(weights, reverse=True)
    assert cli("summarise", "4", "--json").json["document"] is None


def test_top_sets_the_number_of_keywords(cli):
    assert len(_words(_units(cli, "summarise", "7", "--top", "3")["7"])) == 3
    assert len(_words(_units(cli, "summarise", "7", "--top", "12")["7"])) == 12
    for bad in ("0", "21"):
        result = cli("summarise", "--top", bad)
        assert result.code == 2 and "--top" in result.err and result.out == ""


def test_summarize_is_the_same_command(cli):
    assert cli("summarize", "4", "9").out == cli("summarise", "4", "9").out


def test_a_reference_that_does_not_exist_is_an_error(cli):
    result = cli("summarise", "13")
    assert result.code == 2 and "no article 13" in result.err and result.out == ""


def test_terminal_panels_for_references(cli):
    out = cli("summarise", "4", terminal=True).out
    assert "第4条" in out and "集体安全条约" in out and "1992-05-15" in out and "╭" in out


def test_document_text_in_summaries_is_data(cli, tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "第一条 [bold]环境合作[/bold] \x1b[2J 保护环境。\n\n第二条 文化交流。\n", encoding="utf-8"
    )
    for terminal in (False, True):
        out = cli("--doc", str(path), "summarise", terminal=terminal).out
        assert "\x1b[2J" not in out
    assert "[bold]" in cli("--doc", str(path), "summarise", "1").out


# -- the cache ---------------------------------------------------------------------------------


def test_shipped_summaries_are_current():
    sys.path.insert(0, str(ROOT / "tools"))
    from make_builtin_summaries import builtin_record

    shipped = json.loads(Path(summaries.BUILTIN_SUMMARIES).read_text(encoding="utf-8"))
    assert shipped == builtin_record()


def test_the_built_in_treaty_is_never_summarised_again(cli, monkeypatch):
    monkeypatch.setattr(
        summarising, "compute", lambda *a: pytest.fail("summaries computed for the built-in treaty")
    )
    assert cli("summarise").code == 0 and cli("summarise", "4").code == 0


def test_other_documents_are_summarised_once_and_cached(cli, private_cache, monkeypatch):
    first = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    (cached,) = kept_files(private_cache, "summaries-")
    assert read_kept(cached)["format"] == summaries.FORMAT
    monkeypatch.setattr(
        summarising, "compute", lambda *a: pytest.fail("computed although the cache was warm")
    )
    assert cli("--doc", ZH_CHAPTERS, "summarise", "--json").out == first.out
    # and grep -w on it need not start jieba either
    assert kept_files(private_cache, "words-")


class _CountedReads:
    """A cache.FileReader that notes the size of each read."""

    def __init__(self, read):
        self.read, self.sizes = read, []

    def __call__(self, size):
        self.sizes.append(size)
        return self.read(size)

    def last(self, size):
        self.sizes.append(size)
        return self.read.last(size)

    def line(self, most):
        return self.read.line(most)

    def skip(self, size):
        return self.read.skip(size)

    @property
    def left(self):
        return self.read.left

    @property
    def at(self):
        return self.read.at


def test_summarising_one_unit_reads_only_the_piece_of_the_record_that_holds_it(
    cli, private_cache, monkeypatch
):
    """A unit's summary is bounded: summarise 3 reads the head of the kept record and the one
    piece holding article 3, not every unit's summary (72 MiB for a 5 MB document)."""
    from treatycli import cache

    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    computed = cli("--doc", ZH_CHAPTERS, "summarise", "--json", "3")
    (kept,) = kept_files(private_cache, "summaries-")
    assert len(read_kept(kept)["units"]) > 8  # pieces of two: several of them
    reads, real = [], cache.Records.load

    def load(self, read, *rest):
        if self is summaries.KEPT:
            read = _CountedReads(read)
            reads.append(read)
        return real(self, read, *rest)

    monkeypatch.setattr(cache.Records, "load", load)
    monkeypatch.setattr(
        summarising, "compute", lambda *a: pytest.fail("computed although the cache was warm")
    )
    again = cli("--doc", ZH_CHAPTERS, "summarise", "--json", "3")
    assert (again.code, again.out) == (0, computed.out) and computed.json["units"][0]["ref"] == "3"
    ((head, piece),) = [read.sizes for read in reads]  # the head, then one piece
    assert piece < kept.stat().st_size / 4


def test_a_keyword_many_units_weigh_is_kept_once(cli, private_cache):
    """marshal writes a string once where the record holds it once (interned): the words of
    every unit's keywords were written again in each unit (the record was 3.5 times the text)."""
    cli("--doc", ZH_CHAPTERS, "summarise")
    (cached,) = kept_files(private_cache, "summaries-")
    words = [word for unit in read_kept(cached)["units"].values() for word, _ in unit["keywords"]]
    first = {}
    for word in words:
        first.setdefault(word, word)
    assert len(words) > len(first) and all(word is first[word] for word in words)


def test_summarising_keeps_the_segmentation_grep_w_would_make(cli, private_cache):
    from treatycli import segment
    from treatycli.search import leaves_in_scope

    doc = PRC_LAW if PRC_LAW.exists() else Path(ZH_CHAPTERS)
    cli("--doc", str(doc), "summarise")
    (kept,) = kept_files(private_cache, "words-")
    root = build_units(load_document(doc))
    lengths, names = segment.segment(leaves_in_scope(root, [root]))
    record = read_kept(kept)
    assert (record["units"], record["names"]) == (lengths, names)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda record: record["units"]["1"].update(gist="not a quote of article 1"), id="gist not quoted"
        ),
        pytest.param(
            lambda record: record["units"]["1"].update(keywords=[["合作", "heavy"]]), id="weight not a number"
        ),
        pytest.param(
            lambda record: record["units"]["1"].update(cross_references=["99"]), id="a ref not in it"
        ),
        pytest.param(lambda record: record["units"].pop("1"), id="a unit missing"),
        pytest.param(
            lambda record: record["units"]["1"].update(cross_references=[["2"]]), id="a ref not a string"
        ),
        pytest.param(lambda record: record.update(organizations={"联合国": 1}), id="wrong shape"),
    ],
)
def test_a_cached_summary_that_does_not_fit_is_computed_again(
    damage, cli, _shared_cache, tmp_path, monkeypatch
):
    expected = cli("--doc", ZH_CHAPTERS, "summarise", "--json", "--top", "20").out  # now in the shared cache
    doc = load_document(ZH_CHAPTERS)
    name = f"summaries-{summaries.digest(doc, build_units(doc))}.marshal"
    record = read_kept(_shared_cache / name)
    damage(record)
    private = tmp_path / "cache"
    private.mkdir(mode=0o700)
    write_kept(private / name, record)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(private))
    result = cli("--doc", ZH_CHAPTERS, "summarise", "--json", "--top", "20")
    assert (result.code, result.out, result.err) == (0, expected, "")


def test_without_a_cache_directory_summarise_still_works_and_says_nothing(cli, monkeypatch):
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", "/dev/null")
    result = cli("--doc", ZH_CHAPTERS, "summarise", "4")
    assert result.code == 0 and result.err == "" and result.lines[0].startswith("4\t")


def test_the_slow_part_is_bracketed_for_a_spinner_only_on_a_miss(cli, private_cache, monkeypatch):
    calls = []

    def spinner(color, message="segmenting words (once per document)…"):
        calls.append(message)
        return lambda running: calls.append(running)

    monkeypatch.setattr(presentation, "spinner", spinner)
    cli("--doc", ZH_CHAPTERS, "summarise")
    assert calls[0].startswith("summarising") and calls[1:] == [True, False]
    calls.clear()
    cli("--doc", ZH_CHAPTERS, "summarise")
    assert True not in calls


@pytest.mark.parametrize(
    "args", [["summarise"], ["summarise", "4"], ["--doc", ZH_CHAPTERS, "summarise", "chapter2"]]
)
def test_a_warm_run_imports_neither_jieba_nor_rich(args, cli, _shared_cache):
    assert cli(*args).code == 0  # now cached, if it was not
    code = (
        "import sys\n"
        "from treatycli.main import run\n"
        f"code = run({args!r})\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'rich') or 'summarising' in m)\n"
        "sys.exit(f'imported {heavy}' if heavy else code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYCLI_CACHE_DIR": str(_shared_cache)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr


def test_a_unit_longer_than_summarise_reads_is_summarised_from_its_start(cli, tmp_path, monkeypatch):
    """A text that fell into one unit cost memory in proportion to it (945 MB for 5 MB): a unit
    is summarised from its first MAX_SUMMARISED_CHARS characters, and a note says so."""
    from treatycli import limits

    monkeypatch.setattr(limits, "MAX_SUMMARISED_CHARS", 300)
    start = "缔约双方加强渔业合作。渔业资源的养护由渔业委员会负责。" * 10  # 270 characters
    rest = "缔约双方发展航空运输。航空公司的航线由航空当局商定。" * 200
    text = f"第一条\n{start}{rest}\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    done = cli("--doc", str(path), "summarise", "1", "--json")
    assert done.code == 0
    (record,) = done.json["units"] if isinstance(done.json, dict) else done.json
    words = [keyword["word"] for keyword in record["keywords"]]
    assert "渔业" in words and not any("航空" in word for word in words)
    assert record["gist"].rstrip("…") in (start + rest)[:300]
    assert "first 300 characters of 1.1" in done.err
    path.write_text(f"第一条\n{start}{rest}\n\n第二条\n缔约双方交换情报。\n", encoding="utf-8")
    other = cli("--doc", str(path), "summarise", "2")
    assert (other.code, other.err) == (0, "")  # article 1, long, was not asked for
    # grep -w segments the whole text itself: what summarise segmented was only its start
    assert cli("--doc", str(path), "grep", "-w", "-c", "航空公司").lines == ["1\t200"]


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=3), st.floats(min_value=0.001, max_value=100), min_size=1, max_size=12
    )
)
def test_a_clauses_score_does_not_depend_on_the_order_of_its_terms(weights):
    """Terms are a set, whose order changes with the hash seed: summarise quoted one clause
    or its equal by the seed (PYTHONHASHSEED=7 on a corpus note)."""
    from treatycli.gist import _score

    terms = list(weights)
    assert _score(terms, weights) == _score(terms[::-1], weights) == _score(sorted(terms), weights)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_a_summarys_units_are_found_by_their_keys_without_a_walk(path):
    """Checking a few units' summaries looks each ref up from the root, key by key: every
    unit of every fixture is found so, and a ref of none is not."""
    root = build_units(load_document(path))
    fit = summaries._Fit(root, set())
    for unit in list(root.walk())[1:]:
        assert fit._unit_of(unit.ref) is unit, unit.ref
    assert fit._unit_of("999.9") is None and fit._unit_of("nowhere") is None
    # and whether a ref names a unit is answered without keeping the articles' units made for it
    from treatycli.units import ArticleUnit

    fresh = build_units(load_document(path))
    fit = summaries._Fit(fresh, set())
    assert all(fit._names_a_unit(unit.ref) for unit in list(root.walk())[1:])
    assert not fit._names_a_unit("999.9") and not fit._names_a_unit("1.99")
    assert not any(isinstance(unit, ArticleUnit) and unit.made for unit in fresh.children)


def test_a_summary_read_for_some_units_keeps_the_keywords_shown(cli, private_cache):
    """Read for the units shown, each summary is checked whole and kept with the keywords
    summarise shows (--top), not the MAX_KEYWORDS its record holds; the documents' themes
    alone are read across documents."""
    cli("--doc", ZH_CHAPTERS, "summarise", "3")
    (kept,) = kept_files(private_cache, "summaries-")
    ref = next(ref for ref, unit in read_kept(kept)["units"].items() if len(unit["keywords"]) > 2)
    doc = load_document(ZH_CHAPTERS)
    root = build_units(doc)
    read = summaries.load(doc, root, wanted={ref}, top=2)
    assert list(read.units) == [ref] and len(read.units[ref].keywords) == 2
    assert (
        read.themes == summaries.load(doc, root).themes
        and summaries.load(doc, root, wanted=set()).units == {}
    )


def test_a_whole_document_summary_keeps_no_articles_paragraphs_and_is_written_a_unit_at_a_time(
    private_cache,
):
    """A whole document's summary (a 5 MB document's --json took 136 MiB) reads its kept
    summaries without keeping the paragraph units made to check each gist, and writes each
    unit's JSON record and plain line before it asks for the next unit's summary."""
    from treatycli.render import plain, records
    from treatycli.units import ArticleUnit

    doc = load_document(ZH_CHAPTERS)
    summaries.load(doc, build_units(doc))  # computed and kept
    root = build_units(doc)
    shown = summaries.overview_units(root)
    read = summaries.load(doc, root, wanted={unit.ref for unit in shown}, top=5)
    articles = [unit for unit in root.children if isinstance(unit, ArticleUnit)]
    assert len(articles) > 2 and not any(article.made for article in articles)

    asked: list[str] = []

    class Watched(dict):
        def __getitem__(self, ref):
            asked.append(ref)
            return super().__getitem__(ref)

    report = summaries.Report(doc, root, read._replace(units=Watched(read.units)), shown, 5, True)
    first = next(iter(records.summary_record(report)["units"]))
    assert first["ref"] == shown[0].ref and set(asked) == {shown[0].ref}
    asked.clear()
    line = next(line for line in plain.summary_lines(report) if line.startswith(f"{shown[0].ref}\t"))
    assert line.split("\t")[2] == (read.units[shown[0].ref].gist or "") and set(asked) == {shown[0].ref}


def test_a_whole_document_summary_read_back_a_piece_at_a_time_is_the_one_computed(
    cli, private_cache, monkeypatch
):
    """More units shown than a piece of the kept record holds (a whole document's articles):
    their summaries are read again a piece at a time as they are shown, and what is shown,
    plain and JSON, is what the first run showed."""

    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    first = [cli("--doc", ZH_CHAPTERS, "summarise", *args).out for args in (["--json"], [], ["--top", "2"])]
    doc = load_document(ZH_CHAPTERS)
    root = build_units(doc)
    shown = summaries.overview_units(root)
    assert len(shown) > 2 * summaries.KEPT.piece_items
    read = summaries.load(doc, root, wanted={unit.ref for unit in shown}, top=3, in_order=True)
    assert not isinstance(read.units, dict) and set(read.units) == {unit.ref for unit in shown}
    held = summaries.load(doc, root, wanted={unit.ref for unit in shown}, top=3)  # in any order
    assert type(held.units) is dict and held.units == dict(read.units)
    again = [cli("--doc", ZH_CHAPTERS, "summarise", *args).out for args in (["--json"], [], ["--top", "2"])]
    assert again == first
    units = json.loads(first[0])["units"]
    assert [unit["ref"] for unit in units] == [unit.ref for unit in shown]
    assert all(read.units[unit["ref"]].gist == unit["gist"] for unit in units)
    assert all(
        [word for word, _ in read.units[unit["ref"]].keywords] == [k["word"] for k in unit["keywords"]][:3]
        for unit in units
    )


def test_a_whole_document_summary_read_again_is_checked_once_and_its_refs_are_not_held(
    cli, private_cache, monkeypatch
):
    """A kept record read a piece at a time is checked whole as it is first read: a summary
    read again as it is shown is not checked again, and no set of the refs checked is held
    (a 5 MB document's 10,500 articles: 1 MiB)."""
    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    first = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    fits, checked = [], []

    class Spied(summaries._Fit):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            fits.append(self)

        def _checked(self, ref, fields):
            checked.append(ref)
            return super()._checked(ref, fields)

    monkeypatch.setattr(summaries, "_Fit", Spied)
    again = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    assert (again.code, again.out) == (0, first.out)
    shown = [unit["ref"] for unit in json.loads(first.out)["units"]]
    assert len(shown) > 2 * summaries.KEPT.piece_items and sorted(checked) == sorted(shown)
    assert len(fits) == 1 and fits[0].valid == set()


def test_a_whole_document_summary_reads_its_kept_record_again_as_it_writes_and_survives_its_damage(
    cli, private_cache, monkeypatch
):
    """summarise of a whole document with more units than a piece holds: a second run reads
    each piece of the kept record again as it shows its units, computing nothing; and with
    the record written over in place between the two reads (a cache that cannot be read),
    the answer is the same, computed again, and nothing more is printed."""
    from treatycli import cache

    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    first = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    (path,) = kept_files(private_cache, "summaries-")
    with monkeypatch.context() as patch:
        pieces, piece = [], cache.KeptEntries._piece
        patch.setattr(cache.KeptEntries, "_piece", lambda self, n: pieces.append(n) or piece(self, n))
        patch.setattr(summarising, "compute", lambda *a: pytest.fail("computed although the cache was warm"))
        again = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    assert (again.code, again.out, again.err) == (0, first.out, first.err)
    assert len(pieces) > 2 and pieces == sorted(set(pieces))
    read_back = summaries.from_record

    def written_over(record, wanted=None):
        data = path.read_bytes()
        start = data.index(b"\n") + 1  # the pieces, after the header line
        with open(path, "r+b") as file:
            file.seek(start)
            file.write(bytes(byte ^ 0xFF for byte in data[start : len(data) * 3 // 4]))
        return read_back(record, wanted)

    monkeypatch.setattr(summaries, "from_record", written_over)
    computed, compute = [], summarising.compute
    monkeypatch.setattr(summarising, "compute", lambda *a: computed.append(1) or compute(*a))
    damaged = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    assert (damaged.code, damaged.out, damaged.err) == (0, first.out, first.err)
    assert computed == [1]  # once, for every unit after it, not once for each piece damaged


def test_a_first_whole_document_summary_is_shown_from_the_record_it_wrote(
    cli, private_cache, monkeypatch, tmp_path
):
    """A whole document's summaries, computed, are written to the cache and shown by reading
    that record back a piece at a time, not held while they are written; where the cache
    cannot be written, or the record is not written whole, the answer is the same, and
    nothing more is printed. Each is computed once; a record not written whole is made
    again from that computation."""
    import gc

    from treatycli import cache
    from treatycli.summary import UnitSummary

    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    computed, compute = [], summarising.compute
    monkeypatch.setattr(summarising, "compute", lambda *a: computed.append(1) or compute(*a))
    shared = tmp_path / "shared"  # writable by others: never used as a cache
    shared.mkdir(mode=0o777)
    os.chmod(shared, 0o777)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(shared))
    expected = [cli("--doc", ZH_CHAPTERS, "summarise", *args) for args in (["--json"], [])]
    assert not os.listdir(shared) and all(run.code == 0 for run in expected) and computed == [1, 1]
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(private_cache))
    pieces, piece = [], cache.KeptEntries._piece
    monkeypatch.setattr(cache.KeptEntries, "_piece", lambda self, n: pieces.append(n) or piece(self, n))
    held, read_cached = [], cache.Records.read_cached

    def counted(self, *args, **kwargs):  # the summaries alive as the record is read (back)
        if self is summaries.KEPT:
            gc.collect()  # not what an earlier test left in a cycle, not yet collected
            held.append(sum(isinstance(thing, UnitSummary) for thing in gc.get_objects()))
        return read_cached(self, *args, **kwargs)

    monkeypatch.setattr(cache.Records, "read_cached", counted)
    first = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    assert (first.out, first.err) == (expected[0].out, expected[0].err) and computed == [1, 1, 1]
    assert len(pieces) > 2 and pieces == sorted(set(pieces))  # read back, in order, once each
    assert held == [0, 0] and kept_files(private_cache, "summaries-")  # before, and once written

    # a cache that fills while the record is written: the summaries are made again, once
    for path in kept_files(private_cache, "summaries-"):
        path.unlink()
    real_pack = cache.Records.pack

    def filling(self, record):
        made, head = real_pack(self, record)
        if self is not summaries.KEPT:
            return made, head

        def pieces_then_full():
            yield next(made)
            raise OSError(28, "No space left on device")

        return pieces_then_full(), head

    monkeypatch.setattr(cache.Records, "pack", filling)
    computed.clear()
    made, make = [], summarising._Made.__iter__
    monkeypatch.setattr(summarising._Made, "__iter__", lambda self: made.append(1) or make(self))
    for run, args in zip(expected, (["--json"], []), strict=True):
        full = cli("--doc", ZH_CHAPTERS, "summarise", *args)
        assert (full.code, full.out, full.err) == (0, run.out, run.err)
    # made again from what each run computed: jieba does not segment twice (a 5 MB document
    # took 22.7 s and 291 MiB so, against 13.9 s and 227 MiB held as they were written)
    assert computed == [1, 1] and made == [1, 1, 1, 1] and not kept_files(private_cache, "summaries-")


def test_a_first_whole_document_summary_not_read_back_is_the_one_computed(cli, private_cache, monkeypatch):
    """A record just written that is not read back (here: a unit's summary refused by the
    checks of a kept one) is computed again and shown as computed: the answer is the one a
    cache that cannot be written gives."""
    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    expected = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
    for path in kept_files(private_cache, "summaries-"):
        path.unlink()
    check = summaries._Fit._unit
    monkeypatch.setattr(
        summaries._Fit, "_unit", lambda self, unit, fields: unit.ref != "2" and check(self, unit, fields)
    )
    for _ in range(2):
        again = cli("--doc", ZH_CHAPTERS, "summarise", "--json")
        assert (again.code, again.out, again.err) == (0, expected.out, expected.err)


def test_a_whole_document_summary_drawn_by_rich_reads_no_piece_twice(cli, private_cache, monkeypatch):
    """Rich draws a document with chapters twice (an outline, then a table) and holds what it
    draws: its summaries are read once, not a piece at a time for each drawing."""
    from treatycli import cache

    monkeypatch.setattr(summaries.KEPT, "piece_items", 2)
    first = cli("--doc", ZH_CHAPTERS, "summarise", terminal=True)
    pieces, piece = [], cache.KeptEntries._piece
    monkeypatch.setattr(cache.KeptEntries, "_piece", lambda self, n: pieces.append(n) or piece(self, n))
    again = cli("--doc", ZH_CHAPTERS, "summarise", terminal=True)
    assert (again.code, again.out) == (0, first.out) and "chapter1" in again.out
    assert len(pieces) == len(set(pieces))


def test_a_first_summary_keeps_the_segmentation_grep_w_reads(cli, private_cache, monkeypatch, tmp_path):
    """Summarising segments every unit with jieba and keeps the token lengths (made as they
    are written, not held beside the summaries): grep -w then starts no jieba, and finds what
    it finds where it segments the document itself."""
    from treatycli import segment

    alone = tmp_path / "alone"
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(alone))
    expected = cli("--doc", ZH_CHAPTERS, "grep", "-w", "合作")
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(private_cache))
    cli("--doc", ZH_CHAPTERS, "summarise", "1")
    assert kept_files(private_cache, "words-")
    monkeypatch.setattr(
        segment, "new_tokenizer", lambda: pytest.fail("jieba started: no segmentation was kept")
    )
    found = cli("--doc", ZH_CHAPTERS, "grep", "-w", "合作")
    assert (found.code, found.out) == (0, expected.out) and found.lines


def _word_tokens(text: str):
    from treatycli.keywords import Token

    return [Token(match.group().lower(), match.start(), match.end()) for match in re.finditer(r"\w+", text)]


def test_a_texts_clauses_keep_its_tokens_only_for_a_clause_over_the_gist_limit():
    """A text whose clauses all fit a gist is scored by each clause's terms: its tokens are
    not held (60 bytes a character, most of what summarise held of a text). A clause over the
    limit keeps them, for the best window of whole words within it."""
    from treatycli import gist

    short = "The Parties shall cooperate, and consult each other."
    clauses = gist.Clauses(short, _word_tokens(short))
    assert clauses.tokens == () and clauses.starts == ()
    assert [short[start:end] for start, end, _ in clauses.spans] == [
        "The Parties shall cooperate",
        "and consult each other",
    ]
    assert gist.choose([clauses], {"consult": 1.0}) == "and consult each other"
    long = "The Parties shall " + "cooperate closely " * 5 + "in every field of their relations."
    clauses = gist.Clauses(long, _word_tokens(long))
    assert len(clauses.tokens) == len(long.split()) and clauses.spans[0][2] is None
    quoted = gist.choose([clauses], {"relations": 1.0})
    assert quoted.endswith("field of their relations") and len(quoted) <= GIST_CHARS and quoted in long


def test_paragraph_units_of_one_number_share_their_label():
    """第2款 is one string for every article's second paragraph (a large document's 40,000
    paragraphs share a few dozen labels)."""
    root = build_units(load_document())
    seconds = [unit.child("2") for unit in root.children if unit.kind == "article"]
    seconds = [unit for unit in seconds if unit is not None]
    assert len(seconds) > 1 and {unit.label for unit in seconds} == {"第2款"}
    assert all(unit.label is seconds[0].label for unit in seconds)


def test_a_simplified_text_is_segmented_without_a_copy_and_a_traditional_one_as_simplified():
    """jieba reads simplified characters: a text already simplified is passed as it is (a
    copy of every unit's text was a MiB a MB), a traditional one as its simplified form."""
    from treatycli import segment

    root = build_units(load_document())
    leaves = [unit for unit in root.walk() if unit.text]
    _, _, _, simplified = segment._prepared(leaves, None)
    assert all(simplified[leaf.ref] is leaf.text for leaf in leaves)
    taiwan = build_units(load_document(FIXTURES / "tw-treaty-act.txt"))
    leaves = [unit for unit in taiwan.walk() if unit.text and "條約" in unit.text]
    _, _, _, simplified = segment._prepared(leaves, None)
    assert leaves and all(
        "条约" in simplified[leaf.ref] and "條約" not in simplified[leaf.ref] for leaf in leaves
    )


def test_a_first_summary_loads_jiebas_dictionary_once_before_it_makes_the_leaves(monkeypatch):
    """jieba's dictionary (115 MiB as it loads) is loaded before every leaf's unit and what
    each mentions are made, not beside them, and once: the segmentation uses that tokenizer."""
    from treatycli import mentions, segment

    calls = []
    made, discover = segment.new_tokenizer, mentions.discover
    monkeypatch.setattr(segment, "new_tokenizer", lambda: calls.append("dictionary") or made())
    monkeypatch.setattr(mentions, "discover", lambda *a: calls.append("mentions") or discover(*a))
    doc = load_document()
    computed, _ = summarising.compute(doc, build_units(doc))
    assert calls == ["dictionary", "mentions"]
    assert dict(computed.units)["4"].keywords  # segmented: article 4 has its keywords
    english = load_document(FIXTURES / "en-convention-parts.txt")
    calls.clear()
    summarising.compute(english, build_units(english))
    assert calls == ["mentions"]  # English is not segmented by jieba
