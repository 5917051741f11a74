"""Structure survives every layout the loader claims.

A random model (divisions nested with numbers restarting under each parent, articles with
inserted ones, paragraphs, items, a preamble, signatures) is written out as each kind of
source writes it (a Chinese PDF with hard wraps, lost 、 and an indent per paragraph; a web
page with one paragraph per line; clean blank-separated text; Taiwan's law database; an
English treaty; English PDF text), with page numbers, footnotes and invisible lines sprinkled
in. Loading it back must give the model: the same articles, paragraphs, items, divisions and
text (text compared with whitespace between Chinese characters removed), nothing unassigned
and no character lost.
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatycli.grammar.references import parse_references, resolve_all
from treatycli.loader.parse import parse_text
from treatycli.model import Source
from treatycli.numerals import LATIN_NAMES
from treatycli.units import build_units

Division = namedtuple("Division", "kind number title ref heading ordinal", defaults=(0,))
Article = namedtuple("Article", "number ordinal heading title paragraphs division")
Paragraph = namedtuple("Paragraph", "text items")  # items: ((label, text), ...)
Model = namedtuple("Model", "title preamble blocks signing signatories")
Preamble = namedtuple("Preamble", "parties recitals formula")

# words that cannot open a heading, an item or a page number wherever a line breaks
_ZH_WORDS = (
    "缔约方 应当 加强 合作 交流 信息 保护 环境 发展 经济 技术 领域 双方 机构 实施 措施 促进 相互 "
    "和平 安全 贸易 投资 文化 教育 卫生 能源 交通 农业 科学 研究 人员 培训 协调 支持 建立 机制"
).split()
_ZH_TITLES = "总则 一般规定 合作机制 实施 附则 争端解决 机构设置 财务安排 保障措施".split()
_EN_WORDS = (
    "parties shall cooperate in the field of trade and environment exchange information promote "
    "development measures protect resources each other within their national laws training research"
).split()
_EN_TITLES = "Scope Definitions Cooperation Institutions Finance Review Amendments Entry into force".split(
    " "
)
_ZH_ORDINALS = "一二三四五六七八九"
_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def chinese(n: int) -> str:
    """A Chinese numeral as statutes write article numbers: 十二, 一百零九, 一百一十."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + digits[rest] if rest < 10 else "一" * (rest < 20) + chinese(rest))
    return digits[n // 100] + "百" + tail


# -- the model --------------------------------------------------------------------------------


class Style(namedtuple("Style", "name language levels inserted titles items preamble signatures repealed")):
    """What a kind of source holds: its division levels (choices), how it numbers inserted
    articles (literal ordinals), whether articles have titles, the item labels, and whether a
    preamble, signatures or repealed articles appear."""

    __slots__ = ()


STYLES = {
    "zh-pdf": Style("zh-pdf", "zh", [(), ("chapter",), ("chapter", "section")], (1, 2), False, "（{}）", True, True, False),
    "zh-web": Style("zh-web", "zh", [(), ("chapter",), ("book", "chapter"), ("book", "subbook", "chapter")], (1, 2), False, "（{}）", False, False, False),
    "zh-blank": Style("zh-blank", "zh", [(), ("chapter",), ("book", "chapter", "section")], (1, 2, 3), False, "（{}）", False, False, True),
    "tw": Style("tw", "zh", [(), ("chapter",), ("chapter", "section")], (1, 2), False, "{}、", False, False, True),
    "en": Style("en", "en", [(), ("part",), ("part", "chapter")], (2, 3), True, "({})", True, True, False),
    "en-pdf": Style("en-pdf", "en", [(), ("part",), ("chapter", "section")], (2,), True, "({})", True, True, False),
}  # fmt: skip


def _zh_sentence(draw, stop="。") -> str:
    words = draw(st.lists(st.sampled_from(_ZH_WORDS), min_size=3, max_size=14))
    cut = draw(st.integers(1, len(words) - 1))
    return "".join(words[:cut]) + draw(st.sampled_from(["，", "、", ""])) + "".join(words[cut:]) + stop


def _en_sentence(draw, stop=".") -> str:
    words = draw(st.lists(st.sampled_from(_EN_WORDS), min_size=4, max_size=16))
    return draw(st.sampled_from(["The", "Each", "Their"])) + " " + " ".join(words) + stop


def _paragraph(draw, style: Style, with_items: bool) -> Paragraph:
    sentence = _zh_sentence if style.language == "zh" else _en_sentence
    if not with_items:
        count = 1 if style.name == "en-pdf" else draw(st.integers(1, 2))  # flow text: one sentence
        joiner = "" if style.language == "zh" else " "
        return Paragraph(joiner.join(sentence(draw) for _ in range(count)), ())
    items = []
    total = draw(st.integers(2, 3))
    for n in range(1, total + 1):
        mark = _ZH_ORDINALS[n - 1] if style.language == "zh" else "abc"[n - 1]
        label = style.items.format(mark)
        stop = ("。" if n == total else "；") if style.language == "zh" else ("." if n == total else ";")
        text = sentence(draw, stop)
        items.append((label, text[0].lower() + text[1:] if style.language == "en" else text))
    return Paragraph(sentence(draw, "：" if style.language == "zh" else ":"), tuple(items))


@st.composite
def models(draw, style: Style) -> Model:
    levels = draw(st.sampled_from(style.levels))
    named_books = style.name == "zh-web" and draw(st.booleans())
    blocks: list = []
    number = 0

    def article(ordinal: int, division: str | None) -> Article:
        repealed = style.repealed and draw(st.integers(0, 5)) == 0
        if repealed:
            paragraphs = [Paragraph("（刪除）" if style.name == "tw" else "[已删除]", ())]
        else:
            count = draw(st.integers(1, 3))
            paragraphs = [
                _paragraph(draw, style, n == 0 and draw(st.integers(0, 3)) == 0) for n in range(count)
            ]
        title = draw(st.sampled_from(_EN_TITLES)) if style.titles else None
        return Article(number, ordinal, None, title, paragraphs, division)

    def fill(depth: int, parent: str) -> None:
        nonlocal number
        if depth < len(levels):
            kind = levels[depth]
            for n in range(1, draw(st.integers(1, 2)) + 1):
                ref = f"{parent}.{kind}{n}" if parent else f"{kind}{n}"
                title = draw(st.sampled_from(_ZH_TITLES if style.language == "zh" else _EN_TITLES)).upper()
                if style.language == "zh":
                    title = title.lower()
                if kind == "book" and named_books:
                    title = None  # 物权编: a book named, not numbered
                blocks.append(Division(kind, n, title, ref, None))
                fill(depth + 1, ref)
                if style.language == "zh" and title is not None and draw(st.integers(0, 3)) == 0:
                    # 第五章之一: a division inserted after chapter 5
                    blocks.append(Division(kind, n, title, f"{ref}_1", None, 1))
                    fill(depth + 1, f"{ref}_1")
            return
        for _ in range(draw(st.integers(1, 3))):
            number += 1
            blocks.append(article(0, parent or None))
            if draw(st.integers(0, 3)) == 0:
                for ordinal in style.inserted[: draw(st.integers(1, len(style.inserted)))]:
                    blocks.append(article(ordinal, parent or None))

    fill(0, "")
    preamble = None
    if style.preamble:
        count = draw(st.integers(1, 3))
        if style.language == "zh":
            parties = "甲国和乙国，"
            recitals = [_zh_sentence(draw, "，") for _ in range(count)]
            preamble = Preamble(parties, ["认识到" + r for r in recitals], "兹协议如下：")
        else:
            verbs = draw(st.lists(st.sampled_from(["Recognizing", "Desiring", "Noting", "Considering"]),
                                  min_size=count, max_size=count))  # fmt: skip
            recitals = [f"{verb} that {_en_sentence(draw, ',').split(' ', 1)[1]}" for verb in verbs]
            preamble = Preamble("The Parties to this Agreement,", recitals, "Have agreed as follows:")
    title = "示例合作协定" if style.language == "zh" else "AGREEMENT ON LIGHTHOUSE COOPERATION"
    if style.name in ("zh-web", "zh-blank", "tw"):
        title = "示例合作法"
    signing = signatories = None
    if style.signatures:
        if style.language == "zh":
            signing = "1999年4月16日在莫斯科签署"
            signatories = [("甲国总统", "张三", "(签名)"), ("乙国总统", "李四", "(签名)")]
        elif draw(st.booleans()):
            signing = "DONE at Geneva on 3 March 2001, in two originals."
            signatories = [("For Arcadia", "A. Adams", "(Signed)"), ("For Borealia", "B. Brown", "(Signed)")]
        else:  # one under the other, unmarked
            signing = "DONE at Geneva on 3 March 2001, in two originals."
            signatories = [("For the Government of Arcadia:", "A. Adams", ""),
                           ("For the Government of Borealia:", "B. Brown", "")]  # fmt: skip
    return Model(title, preamble, blocks, signing, signatories)


# -- writing it out --------------------------------------------------------------------------


def _wrap(text: str, width: int, first: int = 0) -> list[str]:
    """Hard wraps at `width` (the first line holds `first` characters less): anywhere in
    Chinese, at spaces in English."""
    if any(ord(ch) > 0x2E80 for ch in text[:4]):
        lines, position = [], 0
        take = width - first
        while position < len(text):
            lines.append(text[position : position + take])
            position, take = position + take, width
        return lines
    lines, line, room = [], "", width - first
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > room:
            lines.append(line)
            line, room = word, width
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def zh_heading(style: Style, article: Article, numerals: str) -> str:
    n, ordinal = article.number, article.ordinal
    if style.name == "tw":
        if numerals == "arabic":
            return f"第 {n}-{ordinal} 條" if ordinal else f"第 {n} 條"
        return f"第{chinese(n)}之{chinese(ordinal)}條" if ordinal else f"第{chinese(n)}條"
    return f"第{chinese(n)}条" + (f"之{chinese(ordinal)}" if ordinal else "")


def en_heading(article: Article) -> str:
    return f"Article {article.number}" + (f" {LATIN_NAMES[article.ordinal]}" if article.ordinal else "")


def division_heading(style: Style, division: Division, numerals: str) -> str:
    if style.language == "en":
        number = _ROMAN[division.number] if division.kind == "part" else str(division.number)
        return f"{division.kind.upper()} {number}"
    if division.title is None:
        return "物权编合同编侵权编"[3 * (division.number - 1) : 3 * division.number]
    kind = {"book": "编", "subbook": "分编", "chapter": "章", "section": "节"}[division.kind]
    inserted = f"之{chinese(division.ordinal)}" if division.ordinal else ""
    if style.name == "tw":
        kind = {"章": "章", "节": "節"}[kind]
        return f"第 {chinese(division.number)} {kind}{inserted}"
    return f"第{chinese(division.number)}{kind}{inserted}"


class Page:
    """Page marks in one of the forms PDFs print, numbered on as they are written."""

    def __init__(self, form: str, footnotes: bool):
        self.form, self.footnotes, self.number = form, footnotes, 1

    def mark(self) -> list[str]:
        self.number += 1
        n = self.number
        mark = {"dash": f"— {n} —", "hyphen": f"- {n} -", "wide": f"－{n}－", "zh": f"第 {n} 页",
                "of": f"{n}/99", "page": f"Page {n} of 99", "lone": str(n)}[self.form]  # fmt: skip
        note = [
            "____________",
            f"{n} 见本协定第二次会议的报告。" if self.form in ("zh", "wide") else f"{n} See the report.",
        ]
        return (note if self.footnotes else []) + [mark]


def write(style: Style, model: Model, draw) -> tuple[str, Model]:
    """The source text, and the model with each heading as written."""
    numerals = draw(st.sampled_from(["arabic", "chinese"])) if style.name == "tw" else "chinese"
    blocks = []
    for block in model.blocks:
        if isinstance(block, Division):
            blocks.append(block._replace(heading=division_heading(style, block, numerals)))
        else:
            heading = en_heading(block) if style.language == "en" else zh_heading(style, block, numerals)
            blocks.append(block._replace(heading=heading))
    model = model._replace(blocks=blocks)
    writer = {
        "zh-pdf": _zh_pdf,
        "zh-web": _zh_web,
        "zh-blank": _zh_blank,
        "tw": _tw,
        "en": _en,
        "en-pdf": _en_pdf,
    }
    return writer[style.name](model, draw), model


def _items(paragraph: Paragraph) -> list[str]:
    return [label + text for label, text in paragraph.items]


def _zh_pdf(model: Model, draw) -> str:
    """Indented paragraphs hard-wrapped at a width, 、 lost to a space, page marks between lines."""
    width = draw(st.integers(24, 34))
    page = Page(draw(st.sampled_from(["dash", "hyphen", "wide", "zh", "of", "lone"])), draw(st.booleans()))
    indent = "　　"
    lines = [indent + indent + model.title]
    preamble = model.preamble
    for text in [preamble.parties, *preamble.recitals, preamble.formula]:
        lines += [indent + piece if n == 0 else piece for n, piece in enumerate(_wrap(lost(text), width, 2))]
    for block in model.blocks:
        if isinstance(block, Division):
            lines.append("          " + block.heading + "　" + block.title)
            continue
        texts = [t for p in block.paragraphs for t in [p.text, *_items(p)]]
        opening = indent + block.heading + "　"
        for n, text in enumerate(texts):
            pieces = _wrap(lost(text), width, len(opening) if n == 0 else 2)
            pieces[0] = (opening if n == 0 else indent) + pieces[0]
            lines += pieces
    lines += [indent + model.signing, ""]
    lines += [" 甲国总统          乙国总统", " 张三(签名)        李四(签名)"]
    return "\n".join(_sprinkle(lines, page, draw, every=draw(st.integers(6, 15)))) + "\n"


def lost(text: str) -> str:
    return text.replace("、", " ")


def _sprinkle(lines: list[str], page: Page, draw, every: int) -> list[str]:
    if page.form == "lone":
        every = min(every, max(1, (len(lines) - 4) // 2))  # one lone number alone is text
    out = []
    for n, line in enumerate(lines, start=1):
        out.append(line)
        if n % every == 0 and n < len(lines) - 3:
            out += page.mark()
    return out


def _zh_web(model: Model, draw) -> str:
    """One paragraph per line, each indented by two full-width spaces, no blank lines; lines of
    invisible characters here and there."""
    indent = "　　"
    lines = [model.title]
    for block in model.blocks:
        if isinstance(block, Division):
            lines.append(block.heading + ("　" + block.title if block.title else ""))
            continue
        texts = [t for p in block.paragraphs for t in [p.text, *_items(p)]]
        lines.append(indent + block.heading + "　" + texts[0])
        lines += [indent + text for text in texts[1:]]
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["\u200b", "\ufeff", "\u200b\u200b", "\u3000", "\u00a0"])))
    return "\n".join(lines) + "\n"


def _zh_blank(model: Model, draw) -> str:
    """Clean text: blank lines between paragraphs, footnotes under a rule, blank lines of
    no-break spaces."""
    lines = [model.title, ""]
    for block in model.blocks:
        if isinstance(block, Division):
            lines += [f"{block.heading} {block.title}", ""]
            continue
        texts = [t for p in block.paragraphs for t in [p.text, *_items(p)]]
        lines += [f"{block.heading} {texts[0]}", ""]
        for text in texts[1:]:
            lines += [text, draw(st.sampled_from(["", "\u00a0"]))]
        if draw(st.integers(0, 5)) == 0:
            lines += ["____", "1 见本法第二次审议的说明。", ""]
    return "\n".join(lines) + "\n"


def _tw(model: Model, draw) -> str:
    """Taiwan's law database: the heading alone on its line, then one paragraph per line."""
    lines = [model.title]
    for block in model.blocks:
        if isinstance(block, Division):
            lines.append(f"{block.heading} {block.title}")
            continue
        lines.append(block.heading)
        lines += [t for p in block.paragraphs for t in [p.text, *_items(p)]]
    return "\n".join(lines) + "\n"


def _en(model: Model, draw) -> str:
    """A clean English treaty: blank-separated, titles under the headings, page marks and
    footnotes between blocks."""
    page = Page(draw(st.sampled_from(["page", "hyphen", "of"])), draw(st.booleans()))
    preamble = model.preamble
    lines = [model.title, "", preamble.parties, ""]
    for text in [*preamble.recitals, preamble.formula]:
        lines += [text, ""]
    for block in model.blocks:
        if isinstance(block, Division):
            lines += [block.heading, block.title, ""]
            continue
        lines += [block.heading, block.title, ""]
        for text in (t for p in block.paragraphs for t in [p.text, *_items(p)]):
            lines += [text, ""]
        if draw(st.integers(0, 3)) == 0:
            lines += [*page.mark(), ""]
    lines += [model.signing, ""] + _en_signatures(model)
    return "\n".join(lines) + "\n"


def _en_signatures(model: Model) -> list[str]:
    (role_a, name_a, note_a), (role_b, name_b, note_b) = model.signatories
    if note_a:
        return [f"{role_a:<30}{role_b}", f"{note_a + ' ' + name_a:<30}{note_b} {name_b}"]
    return [role_a, name_a, role_b, name_b]


def _en_pdf(model: Model, draw) -> str:
    """English PDF text: hard wraps at a width, no blank lines and no indents, page marks
    between lines."""
    width = draw(st.integers(50, 78))
    page = Page(draw(st.sampled_from(["page", "hyphen", "of", "lone"])), draw(st.booleans()))
    preamble = model.preamble
    lines = [model.title, preamble.parties]
    for text in [*preamble.recitals, preamble.formula]:
        lines += _wrap(text, width)
    for block in model.blocks:
        if isinstance(block, Division):
            lines += [block.heading, block.title]
            continue
        lines += [block.heading, block.title]
        for text in (t for p in block.paragraphs for t in [p.text, *_items(p)]):
            lines += _wrap(text, width)
    lines = _sprinkle(lines, page, draw, every=draw(st.integers(8, 20)))
    return "\n".join(lines + [model.signing] + _en_signatures(model)) + "\n"


# -- comparing -------------------------------------------------------------------------------

_BETWEEN_WIDE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def same_text(text: str | None) -> str | None:
    """Text as the comparison sees it: 、 lost as PDF text loses it, no whitespace between
    Chinese characters, runs of spaces as one."""
    if text is None:
        return None
    return re.sub(r"\s+", " ", _BETWEEN_WIDE.sub("", lost(text))).strip()


def expected(model: Model):
    articles = [b for b in model.blocks if isinstance(b, Article)]
    divisions = [b for b in model.blocks if isinstance(b, Division)]
    return {
        "keys": [_key(a) for a in articles],
        "headings": [a.heading for a in articles],
        "titles": [a.title for a in articles],
        "paragraphs": [[same_text(p.text) for p in a.paragraphs] for a in articles],
        "items": [
            [[(label, same_text(text)) for label, text in p.items] for p in a.paragraphs] for a in articles
        ],
        "divisions": [(d.ref, d.heading, same_text(d.title)) for d in divisions],
        "held_by": [a.division for a in articles],
    }


def _key(article: Article) -> str:
    if not article.ordinal:
        return str(article.number)
    if article.heading.isascii():
        return f"{article.number}{LATIN_NAMES[article.ordinal]}"
    return f"{article.number}_{article.ordinal}"


def loaded(doc):
    return {
        "keys": [a.key for a in doc.articles],
        "headings": [a.heading for a in doc.articles],
        "titles": [a.title for a in doc.articles],
        "paragraphs": [[same_text(p.text) for p in a.paragraphs] for a in doc.articles],
        "items": [
            [[(i.label, same_text(i.text)) for i in p.items] for p in a.paragraphs] for a in doc.articles
        ],
        "divisions": [(d.ref, d.heading, same_text(d.title)) for d in doc.divisions],
        "held_by": [a.division for a in doc.articles],
    }


def non_whitespace(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def check(style_name: str, data) -> None:
    style = STYLES[style_name]
    model = data.draw(models(style))
    text, model = write(style, model, data.draw)
    doc = parse_text(text, Source(style_name, b"", "utf-8"))
    assert loaded(doc) == expected(model), text
    assert same_text(doc.title) == same_text(model.title)
    if model.preamble:
        preamble = model.preamble
        assert doc.preamble.parties == preamble.parties
        assert [same_text(r) for r in doc.preamble.recitals] == [same_text(r) for r in preamble.recitals]
        assert doc.preamble.formula == preamble.formula
    if model.signatories:
        assert same_text(doc.signing.text) == same_text(model.signing)
        assert [tuple(p) for p in doc.signatories] == [tuple(p) for p in model.signatories]
    assert doc.unassigned == [], text
    assert non_whitespace("".join(doc.strings())) == non_whitespace(text)
    root = build_units(doc)
    for unit in root.walk():
        if unit is not root:
            (found,) = resolve_all(root, parse_references([unit.ref]))
            assert found is unit


@pytest.mark.parametrize("layout", list(STYLES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_model_written_in_each_layout_reads_back(layout, data):
    """zh-pdf: hard wraps, indents, page marks; zh-web: one paragraph per line; zh-blank:
    blank lines and footnotes; tw: Taiwan's law database; en: a clean English treaty; en-pdf:
    English PDF text."""
    check(layout, data)
