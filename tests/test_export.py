"""export: every format, for every layout the loader reads, read back by a standard reader.

Each document (the built-in treaty, the fixtures, the shared corpus when present) is exported
in each format and parsed back: JSON and JSON Lines with `json`, Markdown rendered with
markdown-it-py, Akoma Ntoso validated against the OASIS schema with lxml, SQLite queried.
Each must hold every unit's text, and nothing that is not the document's own text, a label,
a number or documented metadata.
"""

import hashlib
import json
import os
import re
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from treatycli.export import akn, files
from treatycli.export.akn import to_akn
from treatycli.export.markdown import escape, to_markdown
from treatycli.export.selection import select
from treatycli.loader import BUILTIN_PATH, load_document
from treatycli.model import Article, Division
from treatycli.units import build_units

from .conftest import FIXTURES, ROOT, SHARED, needs_shared

SCHEMA_FOLDER = SHARED / "akn"
CORPUS = SHARED / "corpus"
README = (ROOT / "README.md").read_text(encoding="utf-8")

DOCUMENTS = [
    pytest.param(None, id="built-in"),
    *(pytest.param(path, id=path.name) for path in sorted(FIXTURES.iterdir())),
    *(
        pytest.param(
            CORPUS / name,
            id=name,
            marks=needs_shared("corpus"),
        )
        for name in (
            "bbnj-2023.zh.cleaned.txt",
            "prc-treaty-procedure-law-1990.zh.md",
            "un-a-res-48-263-part-xi-agreement.en.pdftext.txt",
            "un-draft-resolution-right-to-development-2001.en.pdftext.txt",
        )
    ),
]


@pytest.fixture(scope="session")
def akn_schema():
    if not (SCHEMA_FOLDER / "akomantoso30.xsd").is_file():
        needs_shared("akn", "akomantoso30.xsd")  # raises when CI said the schema must be there
        pytest.skip("Akoma Ntoso schema not present")
    from lxml import etree  # a test dependency: its absence is a failure, not a skip

    return etree.XMLSchema(etree.parse(str(SCHEMA_FOLDER / "akomantoso30.xsd")))


def doc_args(path):
    return ["--doc", str(path)] if path else []


def text_units(doc):
    return [unit for unit in build_units(doc).walk() if unit.text is not None]


def source_bytes(path):
    return Path(path or BUILTIN_PATH).read_bytes()


# -- JSON and JSON Lines --------------------------------------------------------------------

# Keys whose values are metadata or derived (ISO dates, refs, kinds), not text of the document.
METADATA_KEYS = {"format", "name", "sha256", "encoding", "language", "layout", "date", "place", "ref", "division",
                 "kind", "ordinal", "insertion"}  # fmt: skip


def strings_in(value, key=None):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v, key)


@pytest.mark.parametrize("path", DOCUMENTS)
def test_json_holds_every_unit_text_and_only_the_document(cli, path):
    doc = load_document(path)
    model = cli(*doc_args(path), "export", "--format", "json").json
    # how the loader read the layout, and its notes, are the loader's words, not the document's
    found = [
        text
        for key, text in strings_in(
            {k: v for k, v in model.items() if k not in ("layout_decisions", "notes")}
        )
        if key not in METADATA_KEYS
    ]
    own = set(doc.strings())
    assert set(found) <= own
    # a signatory's unit text joins role, name and note, which JSON keeps apart
    assert {u.text for u in text_units(doc) if u.kind != "signatory"} <= set(found)
    assert model["source"]["sha256"] == hashlib.sha256(source_bytes(path)).hexdigest()


def test_json_flag_is_format_json(cli):
    assert cli("export", "--json").out == cli("export", "--format", "json").out == cli("export").out
    refused = cli("export", "--json", "--format", "md")
    assert refused.code == 2 and "--json means --format json" in refused.err and refused.out == ""


def test_json_with_references_gives_the_units_as_show_does(cli):
    exported = cli("export", "--format", "json", "4.2", "preamble.3").json
    assert (
        exported["format"] == "treatycli/1"
        and exported["title"] == "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"
    )
    assert exported["units"] == cli("show", "4.2", "preamble.3", "--json").json


@pytest.mark.parametrize("path", DOCUMENTS)
def test_jsonl_is_one_record_per_unit_with_where_it_stands(cli, path):
    doc = load_document(path)
    records = [json.loads(line) for line in cli(*doc_args(path), "export", "--format", "jsonl").lines]
    assert [(r["ref"], r["text"]) for r in records] == [(u.ref, u.text) for u in text_units(doc)]
    sha256 = hashlib.sha256(source_bytes(path)).hexdigest()
    article_keys = {a.key for a in doc.articles}
    for record in records:
        assert record["document_title"] == doc.title and record["source_sha256"] == sha256
        head, *rest = record["ref"].split(".")
        if head in article_keys:  # 4.2, 4.2.1: the ref says where the unit stands
            assert record["article"] == head
            # 4.2, or 4.title: the article's caption, in no paragraph
            assert record["paragraph"] == (int(rest[0]) if rest and rest[0] != "title" else None)
            assert record["division"] == next(a.division for a in doc.articles if a.key == head)
        else:
            assert record["article"] is None and record["division"] is None
    positions = [r["position"] for r in records]
    assert positions == list(range(1, len(records) + 1))


def test_jsonl_with_a_division_gives_its_articles(cli):
    lines = cli(
        "--doc", str(FIXTURES / "en-convention-parts.txt"), "export", "--format", "jsonl", "part2"
    ).lines
    records = [json.loads(line) for line in lines]
    # PART II of the fixture holds ARTICLE 3, ARTICLE 3 bis and ARTICLE 4, one paragraph each
    assert [r["ref"] for r in records] == ["3.1", "3bis.1", "4.1"]
    assert {r["division"] for r in records} == {"part2"}
    assert records[1]["text"] == "Parties shall also clean their lamps."


# -- Markdown -------------------------------------------------------------------------------


def rendered(markdown: str):
    """(headings as (level, text), blocks of text) as a CommonMark reader sees them."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    headings, blocks = [], []
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        text = "".join(
            c.content if c.type in ("text", "code_inline") else f"<{c.type}>" for c in token.children
        )
        blocks.append(text)
        if tokens[i - 1].type == "heading_open":
            headings.append((int(tokens[i - 1].tag[1]), text))
    return headings, blocks


def made_of(block: str, pieces: set[str]) -> bool:
    """Is `block` a run of allowed pieces, one space or none between them?"""
    by_first: dict[str, list[str]] = {}
    for piece in pieces:
        if piece:
            by_first.setdefault(piece[0], []).append(piece)
    reached, todo = set(), [0]
    while todo:
        at = todo.pop()
        if at == len(block):
            return True
        for piece in by_first.get(block[at], ()):
            end = at + len(piece)
            if block.startswith(piece, at):
                for following in (end, end + 1) if block[end : end + 1] == " " else (end,):
                    if following not in reached:
                        reached.add(following)
                        todo.append(following)
    return False


@pytest.mark.parametrize("path", DOCUMENTS)
def test_markdown_renders_every_unit_under_headings_of_the_source(cli, path):
    doc = load_document(path)
    headings, blocks = rendered(cli(*doc_args(path), "export", "--format", "md").out)
    everything = "\n".join(blocks)
    for unit in text_units(doc):
        assert unit.text in everything, unit.ref
    units = list(build_units(doc).walk())
    pieces = {*doc.strings(), *(u.label for u in units), os.path.basename(doc.source.name)}
    pieces |= {f"{item.number}." for item in doc.agenda}
    for block in blocks:
        assert made_of(block, pieces), block
    assert [level for level, _ in headings].count(1) == 1 and headings[0][0] == 1
    # every article and division has a heading that starts as the source writes it, nested
    # one level below the divisions its dotted ref names, in document order
    article_headings = iter(headings)
    for article in doc.articles:
        depth = article.division.count(".") + 1 if article.division else 0
        level, text = next(h for h in article_headings if h[1].startswith(article.heading or "Article"))
        assert level == 2 + depth, (article.key, text)
    for division in doc.divisions:
        assert (
            division.ref.count(".") + 2,
            " ".join(filter(None, (division.heading, division.title))),
        ) in headings


_MARKDOWN_PIECES = st.sampled_from(
    [*"1.)-+=#*_`[]<>&\\|~!(): \tab合作", "&amp;", "&#65;", "http://x", "1.", "  "]
)


@given(st.lists(_MARKDOWN_PIECES | st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1))
def test_markdown_text_renders_as_itself(pieces):
    text = "".join(pieces).strip()
    assume(text)
    for markdown in (escape(text), f"- {escape(text)}", f"## {escape(text, block=False)}"):
        assert rendered(markdown)[1] == [text], markdown


def test_markdown_keeps_numbers_as_text(cli):
    headings, blocks = rendered(
        cli("--doc", str(FIXTURES / "en-convention-parts.txt"), "export", "--format", "md").out
    )
    assert "1. This Convention applies at sea." in blocks  # a paragraph, not a list renumbered
    assert (1, "CONVENTION ON SIGNAL LAMPS") in headings
    assert (2, "PART II OBLIGATIONS") in headings and (3, "ARTICLE 3 bis") in headings


def test_markdown_with_references_keeps_what_encloses_them(cli):
    headings, blocks = rendered(cli("export", "--format", "md", "4.2").out)
    assert headings == [(1, "俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约"), (2, "4.")]
    assert blocks[2:] == ["俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上发展军事和技术领域的合作"]


def test_all_is_the_whole_document(cli):
    for export_format in ("json", "jsonl", "md"):
        whole = cli("export", "--format", export_format).out
        assert cli("export", "--format", export_format, "all").out == whole
    # every part named is the whole document too: its witness formula and all
    parts = ["agenda", "letter", "title", "preamble", "1-12", "signing", "signatures"]
    assert cli("export", "--format", "md", *parts).out == cli("export", "--format", "md").out


def test_markdown_on_a_terminal_shows_control_characters_as_symbols(cli, tmp_path):
    path = tmp_path / "bidi.txt"
    path.write_text("第一条 甲\u202e乙。\n\n第二条 丙。\n", encoding="utf-8")
    assert "\u202e" not in cli("--doc", str(path), "export", "--format", "md", terminal=True).out
    assert "\u202e" in cli("--doc", str(path), "export", "--format", "md").out  # data, when piped


# -- Akoma Ntoso ----------------------------------------------------------------------------


def parse_xml(text: str):
    etree = pytest.importorskip("lxml.etree")
    return etree.fromstring(text.encode("utf-8"))


AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.mark.parametrize("path", DOCUMENTS)
def test_akn_validates_and_holds_every_unit_text(cli, path, akn_schema):
    doc = load_document(path)
    tree = parse_xml(cli(*doc_args(path), "export", "--format", "akn").out)
    assert akn_schema.validate(tree), akn_schema.error_log
    paragraphs = Counter("".join(p.itertext()) for p in tree.iter(f"{AKN}p"))
    units = Counter(u.text for u in text_units(doc))
    assert not units - paragraphs  # every unit text is the whole text of a <p>
    assert set(paragraphs) <= set(units) | set(doc.strings())
    labels = {*doc.strings(), *(u.key for u in build_units(doc).walk())}
    for element in (*tree.iter(f"{AKN}num"), *tree.iter(f"{AKN}heading")):
        assert element.text in labels or element.text.isdigit(), element.text
    eids = [e.get("eId") for e in tree.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))


def akn_of(cli, path, *refs):
    return parse_xml(cli(*doc_args(path), "export", "--format", "akn", *refs).out)


def test_akn_treaty_in_a_letter(cli):
    tree = akn_of(cli, None)
    letter = tree[0]
    assert letter.tag == f"{AKN}doc" and letter.get("name") == "officialLetter"
    treaty = letter.find(f"{AKN}attachments/{AKN}attachment/{AKN}act")
    assert treaty.get("name") == "treaty"
    paragraph = treaty.find(f".//{AKN}paragraph[@eId='att_1__art_4__para_2']")
    assert "".join(paragraph.find(f"{AKN}content/{AKN}p").itertext()) == (
        "俄罗斯联邦和塔吉克斯坦共和国将在相互可以接受的基础上发展军事和技术领域的合作"
    )
    recital = treaty.find(f".//{AKN}recital[@eId='att_1__preamble__recs_1__rec_3']")
    assert recital.findtext(f"{AKN}p").startswith("深信进一步加强俄罗斯联邦和塔吉克斯坦共和国之间的友好关系")
    conclusions = treaty.find(f"{AKN}conclusions")
    signing = conclusions.find(f"{AKN}p")
    assert signing.find(f"{AKN}date").get("date") == "1999-04-16"
    assert signing.find(f"{AKN}date").text == "1999年 4月 16日"
    assert signing.find(f"{AKN}location").text == "莫斯科"
    people = [p.text for p in conclusions.iter(f"{AKN}person")]
    roles = [r.text for r in conclusions.iter(f"{AKN}role")]
    assert people == ["叶利钦", "拉赫莫诺夫"] and roles == ["俄罗斯联邦总统", "塔吉克斯坦共和国总统"]


def test_akn_treaty_alone_has_plain_eids_and_its_annexes_attached(cli):
    tree = akn_of(cli, FIXTURES / "en-convention-parts.txt")
    act = tree[0]
    assert act.tag == f"{AKN}act" and act.get("name") == "treaty"
    part = act.find(f"{AKN}body/{AKN}part[@eId='part_2']")
    assert part.findtext(f"{AKN}num") == "PART II" and part.findtext(f"{AKN}heading") == "OBLIGATIONS"
    assert [a.get("eId") for a in part.findall(f"{AKN}article")] == ["art_3", "art_3bis", "art_4"]
    assert act.find(f".//{AKN}paragraph[@eId='art_2__para_2']") is not None
    annexes = act.findall(f"{AKN}attachments/{AKN}attachment")
    assert [a.findtext(f"{AKN}heading") for a in annexes] == ["ANNEX I", "ANNEX II"]
    assert annexes[1].find(f".//{AKN}paragraph[@eId='att_2__para_1']") is not None


@pytest.mark.parametrize(
    "name, element, kind",
    [
        ("zh-statute.txt", "act", "act"),  # 中华人民共和国示例条约法: a law (法)
        ("zh-chapters.txt", "act", "act"),  # 示例合作条例: a regulation
        ("en-treaty.txt", "act", "treaty"),
        ("en-draft-resolution.pdftext.txt", "statement", "resolution"),
        ("en-un-resolution-annex.pdftext.txt", "statement", "resolution"),
        ("plain-notes.txt", "doc", "text"),
    ],
)
def test_akn_document_type_follows_the_document(cli, name, element, kind):
    root = akn_of(cli, FIXTURES / name)[0]
    assert (root.tag, root.get("name")) == (f"{AKN}{element}", kind)


def test_akn_resolution_carries_the_agreement(cli):
    statement = akn_of(cli, FIXTURES / "en-un-resolution-annex.pdftext.txt")[0]
    assert statement.findtext(f"{AKN}preamble/{AKN}p/{AKN}docAuthority") == "The General Assembly,"
    assert statement.find(f"{AKN}mainBody/{AKN}paragraph[@eId='para_3']") is not None
    attachment = statement.find(f"{AKN}attachments/{AKN}attachment")
    assert attachment.findtext(f"{AKN}heading") == "ANNEX"
    agreement = attachment.find(f"{AKN}act")
    assert agreement.get("name") == "treaty"
    points = agreement.findall(f".//{AKN}paragraph[@eId='att_1__art_1__para_2']/{AKN}point")
    assert [(p.findtext(f"{AKN}num"), p.findtext(f"{AKN}content/{AKN}p")) for p in points] == [
        ("(a)", "Floating lights;"),
        ("(b)", "Private beacons."),
    ]
    section = agreement.find(f".//{AKN}section[@eId='att_1__att_1__sec_2']")
    assert section.findtext(f"{AKN}heading") == "RECORDS"
    witness = agreement.find(f"{AKN}conclusions/{AKN}formula/{AKN}p")
    assert witness.text.startswith("IN WITNESS WHEREOF")


def test_akn_nested_divisions_and_inserted_keys_stay_valid(akn_schema):
    """The loader may nest divisions (book2.chapter1) and key inserted articles 17_1."""
    doc = load_document(FIXTURES / "zh-chapters.txt")
    doc.divisions = [
        Division("book1", "book", 1, "第一编", None),
        Division("book1.chapter1", "chapter", 1, "第一章", "总则"),
        Division("book1.chapter1.section2", "section", 2, "第二节", None),
    ]
    doc.articles = [
        doc.articles[0]._replace(division="book1.chapter1"),
        doc.articles[1]._replace(division="book1.chapter1.section2"),
        Article(
            number=17,
            ordinal=1,
            insertion="之N",
            heading="第十七条之一",
            title=None,
            division="book1.chapter1.section2",
            paragraphs=doc.articles[2].paragraphs,
        ),
        doc.articles[3]._replace(division="book1"),
    ]
    tree = parse_xml(to_akn(select(doc), date(2031, 12, 2)))
    assert akn_schema.validate(tree), akn_schema.error_log
    section = tree.find(f".//{AKN}book[@eId='book_1']/{AKN}chapter[@eId='book_1__chp_1']/{AKN}section")
    assert section.get("eId") == "book_1__chp_1__sec_2"
    assert [a.get("eId") for a in section.findall(f"{AKN}article")] == ["art_2", "art_17-1"]
    assert tree.find(f".//{AKN}book[@eId='book_1']/{AKN}article").get("eId") == "art_3-2"  # 第三条之二
    headings, _ = rendered(to_markdown(select(doc)))
    assert [level for level, text in headings if text.startswith("第")] == [2, 3, 4, 4, 5, 5, 3]


def test_akn_with_references_stays_valid(cli, akn_schema):
    tree = akn_of(cli, None, "preamble.2")
    assert akn_schema.validate(tree), akn_schema.error_log
    texts = ["".join(p.itertext()) for p in tree.iter(f"{AKN}p")]
    assert texts == ["根据俄罗斯和塔吉克斯坦之间历史悠久的密切关系 两国人民之间的传统友好关系和往来,"]
    assert tree.find(f".//{AKN}body/{AKN}hcontainer").get("name") == "notExported"


@pytest.mark.parametrize(
    "title, language, expected",
    [
        ("中华人民共和国缔结条约程序法", "zh", "act"),
        ("《联合国海洋法公约》下国家管辖范围以外区域海洋生物多样性的养护和可持续利用协定", "zh", "treaty"),
        ("Act on the Treaty of Lisbon", "en", "act"),
        ("Agreement on the Law of the Sea", "en", "treaty"),
        ("示例条约（草案）", "zh", "treaty"),
    ],
)
def test_treaty_or_statute_by_the_head_word_of_the_title(title, language, expected):
    doc = load_document(FIXTURES / "zh-statute.txt")
    doc.title, doc.language = title, language
    assert akn.instrument(doc) == expected


# -- SQLite ---------------------------------------------------------------------------------


def export_db(cli, tmp_path, path=None, *refs):
    target = tmp_path / "treaty.db"
    result = cli(*doc_args(path), "export", "--format", "sqlite", "-o", str(target), *refs)
    assert result.code == 0 and result.out == "", result.err
    return sqlite3.connect(target)


@pytest.mark.parametrize("path", DOCUMENTS)
def test_sqlite_holds_every_unit_and_indexes_its_text(cli, tmp_path, path):
    doc = load_document(path)
    db = export_db(cli, tmp_path, path)
    rows = db.execute("SELECT ref, text FROM units ORDER BY position").fetchall()
    assert rows == [(u.ref, u.text) for u in text_units(doc)]
    assert db.execute("SELECT title, sha256 FROM documents").fetchall() == [
        (doc.title, hashlib.sha256(source_bytes(path)).hexdigest())
    ]
    assert [r[0] for r in db.execute("SELECT ref FROM divisions ORDER BY id")] == [
        d.ref for d in doc.divisions
    ]
    longest = max(text_units(doc), key=lambda u: len(u.text))
    needle = longest.text[len(longest.text) // 2 :][:6]
    found = db.execute(
        "SELECT units.ref FROM units_fts JOIN units ON units.id = units_fts.rowid WHERE units_fts MATCH ?",
        ['"' + needle.replace('"', '""') + '"'],
    ).fetchall()
    assert (longest.ref,) in found


def test_sqlite_readme_query_runs(cli, tmp_path):
    query = re.search(r"```sql\n(.*?)```", README, re.S).group(1)
    rows = export_db(cli, tmp_path).execute(query).fetchall()
    # article 4(1) of the built-in treaty names the 1992 集体安全条约
    assert "4.1" in [row[0] for row in rows]


def test_sqlite_schema_is_documented(cli, tmp_path):
    db = export_db(cli, tmp_path)
    rows = {line.split("|")[1].strip(" `"): line for line in README.splitlines() if line.startswith("| `")}
    tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'units_fts_%'")
    for (table,) in tables:
        assert table in rows, table
        for column in db.execute(f"PRAGMA table_info({table})"):
            assert column[1] in rows[table], (table, column[1])


def test_sqlite_with_references_keeps_their_divisions(cli, tmp_path):
    db = export_db(cli, tmp_path, FIXTURES / "zh-chapters.txt", "chapter2")
    assert db.execute("SELECT ref, parent FROM divisions").fetchall() == [("chapter2", None)]
    # zh-chapters.txt's chapter 2: 第三条, 第三条之二 (keyed 3_2) and 第四条
    assert [r[0] for r in db.execute("SELECT ref FROM units ORDER BY position")] == ["3.1", "3_2.1", "4.1"]


def test_sqlite_needs_a_file(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for argv in (("export", "--format", "sqlite"), ("export", "--format", "sqlite", "-o", "-")):
        result = cli(*argv)
        assert result.code == 2 and "-o FILE" in result.err and result.out == ""
    assert list(tmp_path.iterdir()) == []


def test_output_dash_is_standard_output(cli, tmp_path, monkeypatch):
    """`-o -` is stdout, as the README says: no file named '-' appears."""
    monkeypatch.chdir(tmp_path)
    for export_format in ("json", "jsonl", "md", "akn"):
        to_dash = cli("export", "--format", export_format, "-o", "-", "4")
        assert to_dash.code == 0 and to_dash.out == cli("export", "--format", export_format, "4").out != ""
    assert list(tmp_path.iterdir()) == []


# -- writing a file -------------------------------------------------------------------------


def test_output_file_is_written_and_not_overwritten_without_force(cli, tmp_path):
    target = tmp_path / "t.md"
    assert cli("export", "--format", "md", "-o", str(target)).code == 0
    written = target.read_text(encoding="utf-8")
    assert written == cli("export", "--format", "md").out
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.write_text("mine", encoding="utf-8")
    refused = cli("export", "--format", "md", "-o", str(target))
    assert refused.code == 2 and "already exists" in refused.err and "--force" in refused.err
    assert target.read_text(encoding="utf-8") == "mine"
    assert cli("export", "--format", "md", "-o", str(target), "--force").code == 0
    assert target.read_text(encoding="utf-8") == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.md"]


def test_a_file_that_appears_while_writing_is_not_overwritten(cli, tmp_path, monkeypatch):
    target = tmp_path / "t.json"
    original = files.write_chunks

    def racing(path, chunks, force):
        target.write_text("theirs", encoding="utf-8")  # another process, after the early check
        original(path, chunks, force)

    monkeypatch.setattr(files, "write_chunks", racing)
    result = cli("export", "-o", str(target))
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


@pytest.mark.parametrize("export_format", ["md", "sqlite"])
def test_interrupted_export_leaves_nothing_behind(cli, tmp_path, monkeypatch, export_format):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_link_unless_exists", interrupted)
    result = cli("export", "--format", export_format, "-o", str(tmp_path / "out"))
    assert result.code == 130
    assert list(tmp_path.iterdir()) == []


def test_failed_database_write_leaves_nothing_behind(cli, tmp_path, monkeypatch):
    from treatycli.export import sqlite as sqlite_export

    monkeypatch.setattr(sqlite_export, "SCHEMA", "CREATE TABLE units (;")
    result = cli("export", "--format", "sqlite", "-o", str(tmp_path / "t.db"))
    assert result.code == 2 and result.err.startswith("treatycli: cannot write the database")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "where, message",
    [
        ("folder", "is a directory"),
        ("missing/t.md", "no such directory"),
        ("doc.txt", "document being exported"),
    ],
)
def test_output_path_problems_are_one_line_errors(cli, tmp_path, where, message):
    (tmp_path / "folder").mkdir()
    source = tmp_path / "doc.txt"
    source.write_text((FIXTURES / "zh-statute.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    result = cli("--doc", str(source), "export", "--format", "md", "--force", "-o", str(tmp_path / where))
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1
    assert source.read_bytes() == before


def test_unknown_format_is_refused(cli):
    result = cli("export", "--format", "xml")
    assert result.code == 2 and "json, jsonl, md, akn, sqlite" in result.err


def test_force_never_replaces_a_link_a_pipe_or_a_device(cli, tmp_path):
    import os

    target = tmp_path / "target.json"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (link, fifo):
        result = cli("export", "-o", str(path), "--force")
        assert result.code == 2 and "is not a regular file" in result.err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "kept"
    assert fifo.is_fifo()


# -- what a killed export leaves behind (issue 21) -------------------------------------------

_KILLED_MID_WRITE = """
import sys, time
from treatycli.export import files
from treatycli.main import run

def write_chunks(path, chunks, force):  # the export stops for good with its temporary file open
    files.write_atomically(path, lambda temporary: time.sleep(600), force)

files.write_chunks = write_chunks
sys.exit(run(["export", "-o", sys.argv[1]]))
"""


def _killed_export(target: Path) -> Path:
    """Run an export to `target` and kill it (SIGKILL: nothing in it runs) while it writes:
    the temporary file it leaves."""
    import subprocess
    import sys
    import time

    child = subprocess.Popen([sys.executable, "-c", _KILLED_MID_WRITE, str(target)], cwd=ROOT)
    try:
        for _ in range(600):
            left = [p for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.")]
            if left or child.poll() is not None:
                break
            time.sleep(0.05)
    finally:
        child.kill()
        child.wait()
    assert len(left) == 1, "the export should have been stopped while writing"
    return left[0]


def test_the_next_export_removes_what_a_killed_export_left(cli, tmp_path):
    # a killed export -o left its temporary file forever: now the next export in that folder
    # removes it, the process that wrote it being gone
    import time

    from treatycli import tempfiles

    left = _killed_export(tmp_path / "t.json")
    assert left.exists() and not (tmp_path / "t.json").exists()
    # just left: a container sharing the machine's name could be writing it still
    assert cli("export", "-o", str(tmp_path / "other.json")).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([left.name, "other.json"])
    quiet = time.time() - tempfiles.QUIET_FOR - 60
    os.utime(left, (quiet, quiet))
    assert cli("export", "-o", str(tmp_path / "other.json"), "--force").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.json"]


def test_only_stale_temporary_files_of_ours_are_removed(cli, tmp_path):
    import time

    from treatycli import tempfiles

    running = tmp_path / tempfiles.temporary_name("u.json")  # this process is alive: writing still
    not_ours = tmp_path / ".t.json.a1b2c3d4.tmp"  # another program's, or a name we never write
    elsewhere = tmp_path / ".v.json.treatycli-12345-00000000-0a0b0c0d.tmp"  # another machine's
    abandoned = tmp_path / ".w.json.treatycli-12345-00000000-0e0f0a0b.tmp"  # another machine's, a day old
    (folder := tmp_path / ".x.json.treatycli-1-00000000-0a0b0c0d.tmp").mkdir()  # not a file
    for path in (running, not_ours, elsewhere, abandoned):
        path.write_text("half", encoding="utf-8")
    day_ago = time.time() - tempfiles.STALE_AFTER - 60
    for path in (abandoned, not_ours, folder):
        os.utime(path, (day_ago, day_ago))
    assert cli("export", "-o", str(tmp_path / "t.json")).code == 0
    kept = {running.name, not_ours.name, elsewhere.name, folder.name, "t.json"}
    assert {p.name for p in tmp_path.iterdir()} == kept


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt"))[:12], ids=lambda p: p.name)
def test_the_json_export_written_as_it_is_made_is_the_record_written_at_once(path):
    """export --format json makes each article's record as it writes it (the whole model's
    records of a 5 MB document took 80 MiB): the same text as the whole record, written once."""
    from treatycli.export import export_chunks
    from treatycli.export.selection import select
    from treatycli.output import to_json
    from treatycli.render.records import export_record

    doc = load_document(path)
    chunks = list(export_chunks("json", select(doc, None)))
    assert "".join(chunks) == to_json(export_record(doc)) + "\n"
    assert len(chunks) > len(doc.articles)  # a piece an article at least


def test_akn_makes_each_articles_element_as_it_writes_it(monkeypatch):
    """The tree is built with a mark for each run of articles in one element (a chapter's;
    zh-chapters.txt has two), whose elements are made, written and let go in turn: when
    article 3's XML is written, no later article's was made."""
    made, real = [], akn._article_element
    monkeypatch.setattr(
        akn, "_article_element", lambda unit, *rest: made.append(unit.ref) or real(unit, *rest)
    )
    marks, mark = [], akn._Context.build_later
    monkeypatch.setattr(akn._Context, "build_later", lambda self, *rest: marks.append(1) or mark(self, *rest))
    doc = load_document(FIXTURES / "zh-chapters.txt")
    chunks = akn.akn_chunks(select(doc), date(2031, 12, 2))
    for chunk in chunks:
        if 'eId="art_3"' in chunk:
            break
    assert made[-1] == "3" and "4" not in made
    rest = "".join(chunks)
    assert (
        'eId="art_4"' in rest
        and made[-1] == [u.ref for u in build_units(doc).children if u.kind == "article"][-1]
    )
    assert len(marks) == 2
