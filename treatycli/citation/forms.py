"""The words a citation is made of, in both directions: `write` renders them, `read` reads them.

Chinese is written in simplified characters here; `TRADITIONAL` turns the few characters of this
vocabulary into traditional ones for a document written in them, and back when reading.
"""

from __future__ import annotations

import re

from ..numerals import CHINESE_NUMERAL_CHARS, LATIN_NAMES, LATIN_ORDINALS, parse_number

# Named parts as a Chinese and an English citation write them (the unit key is the dict key).
ZH_NAMES = {
    "preamble": "序言", "parties": "缔约方", "formula": "约定语", "title": "标题", "letter": "信函",
    "signatures": "签名", "signing": "签署", "agenda": "议程", "resolution": "决议",
}  # fmt: skip
EN_NAMES = {name: name for name in ZH_NAMES}

# Every simplified character the Chinese vocabulary writes that a traditional text writes otherwise.
TRADITIONAL = str.maketrans("条项节编缔约语标题签议决", "條項節編締約語標題簽議決")
SIMPLIFIED = str.maketrans("條項節編締約語標題簽議決", "条项节编缔约语标题签议决")

ZH_DIVISION_KINDS = {"编": "book", "分编": "subbook", "部分": "part", "章": "chapter", "节": "section"}
EN_DIVISION_KINDS = ("part", "chapter", "book", "subbook", "section")

# 之二 is the first article inserted after 8 (8 bis): the Latin names by insertion ordinal.
LATIN_INSERTIONS = LATIN_NAMES

_ZH_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """263 → 二百六十三, 10 → 十, 1005 → 一千零五: as Chinese legal texts number articles."""
    if number == 0:
        return "零"
    out, pending_zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                out.append("零")
            out.append(_ZH_DIGITS[digit] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


_ZH_INSERTION = re.compile(rf"之\s*(?P<k>[\d{CHINESE_NUMERAL_CHARS}]{{1,4}})")
_DASH_INSERTION = re.compile(r"\d\s*[-－‐]\s*(?P<k>\d{1,3})")
_LATIN_INSERTION = re.compile(rf"\d\s*(?P<k>{'|'.join(LATIN_ORDINALS)})\b", re.I)


def insertion(heading: str) -> tuple[str, int]:
    """How a heading marks an inserted article, and its ordinal: 第十七条之一 ("之", 1),
    第15-1條 ("-", 1), Article 8 bis ("latin", 2); ("", 0) for an article not inserted."""
    if match := _ZH_INSERTION.search(heading):
        return "之", parse_number(match.group("k")) or 0
    if match := _DASH_INSERTION.search(heading):
        return "-", int(match.group("k"))
    if match := _LATIN_INSERTION.search(heading):
        return "latin", LATIN_ORDINALS[match.group("k").lower()]
    return "", 0


_LABEL_CORE = re.compile(r"[()（）、.．\s]")


def label_core(label: str) -> str:
    """What names an item, without its brackets: （二） → 二, (b) → b, 1) → 1."""
    return _LABEL_CORE.sub("", label).lower()


def enclosing(ref: str, refs) -> list[str]:
    """The refs among `refs` of the divisions that division `ref` lies in, in their order:
    book2 and book2.chapter1 for book2.chapter1.section2, chapter1 for chapter1/section1."""
    return [r for r in refs if len(r) < len(ref) and ref.startswith(r) and ref[len(r)] in "./"]
