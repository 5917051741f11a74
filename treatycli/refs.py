"""The reference grammar every command shares: parse, resolve against a document, format.

A reference is read with `fullmatch` into an immutable `Reference` (a path such as ("4", "2") or
("preamble", "3")) or a `RangeReference`; `resolve` turns it into units or raises an error
that says what does exist. `format_reference` is the inverse: `parse_reference(unit.ref)`
resolves back to that unit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import namedtuple

from .errors import ReferenceNotFound, ReferenceSyntaxError
from .numerals import DIVISION_KINDS, LATIN_ORDINALS, MAX_DIGITS, parse_number
from .units import Unit

EXAMPLES = "4, 4.2, 4(2), 3-5, 3.1-2, 1,4,7, 第四条第二款, art. 4(2), 17_1, 8bis, preamble.3, all"

# -- the named pieces ---------------------------------------------------------------------
_NUM = r"\d+"
# a number as typed, in any script; `_number` reads it or refuses it (十十, 1十). Lazy, so
# that 之, 条 or 章 after it end it; a word class, since a class of the numerals compiles slowly;
# never 第, 至 or 到, so that 第1部分至第3部分 is a range, not one division named "1部分至第3"
_ZH_NUM = r"[^\W_第至到]+?"
_LATIN = "(?:" + "|".join(sorted(LATIN_ORDINALS, key=len, reverse=True)) + ")"
# an inserted article after its number: 17_1, 8bis, 17之1
_BARE = (
    rf"(?P<a>{_NUM})(?:_(?P<ao>{_NUM})|(?P<al>{_LATIN})|之(?P<az>{_ZH_NUM}))?"
    rf"(?:[.:](?P<p>{_NUM})(?:\.(?P<i>{_NUM}))?|\((?P<pp>{_NUM})\))?"
)
# 第四条, 第十七条之一, 第17条之1, 第15-1條, 第 15-1 條, 第八之二條, then 第二款
_ZH = (
    rf"第\s*(?P<za>{_ZH_NUM})\s*(?:-\s*(?P<zd>{_NUM})\s*[条條]|之\s*(?P<zb>{_ZH_NUM})\s*[条條]"
    rf"|[条條](?:\s*之\s*(?P<zs>{_ZH_NUM}))?)(?:第(?P<zp>{_ZH_NUM})款)?"
)
_ZH_LEVEL = re.compile(rf"第({_ZH_NUM})(分编|分編|部分|编|編|章|节|節)")
_ZH_DIVISION = rf"(?P<zdiv>(?:第{_ZH_NUM}(?:分编|分編|部分|编|編|章|节|節))+)|附件(?P<zx>{_ZH_NUM})"
_LEVEL = r"(?:book|subbook|part|chapter|section)\d+"
_DIVISION = rf"(?P<div>{_LEVEL}|annex\d+)(?P<drest>(?:\.[a-z0-9_]+)*)"
_EN = (
    rf"(?:article|art\.?)\s*(?P<ea>{_NUM})(?:\s*(?P<es>{_LATIN})|_(?P<eo>{_NUM}))?"
    rf"(?:\s*\((?P<ep>{_NUM})\)|[.:](?P<ep2>{_NUM})|\s*,?\s*(?:paragraph|para\.?|§)\s*(?P<ep3>{_NUM}))?"
)
_PART_NAMES = {
    "title": "title", "标题": "title", "標題": "title",
    "preamble": "preamble", "序言": "preamble",
    "letter": "letter", "信": "letter", "信函": "letter",
    "agenda": "agenda", "议程": "agenda", "議程": "agenda",
    "signing": "signing", "签署": "signing", "簽署": "signing",
    "signatures": "signatures", "签名": "signatures", "簽名": "signatures",
    "resolution": "resolution", "决议": "resolution",
    "all": "all", "全部": "all",
}  # fmt: skip
_NAMED = r"(?P<name>" + "|".join(map(re.escape, _PART_NAMES)) + r")(?P<rest>(?:\.[a-z0-9]+)*)"
_SINGLE = re.compile(rf"{_ZH}|{_ZH_DIVISION}|{_EN}|{_BARE}|{_DIVISION}|{_NAMED}")
_RANGE_DASH = re.compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*")
_LIST_SEPARATOR = re.compile(r"[,，、;；]")
_ARTICLE_KEY = re.compile(rf"(\d+)(?:_(\d+)|({_LATIN}))?")


class Reference(namedtuple("Reference", "path")):
    """A path such as ("4", "2") or ("preamble", "3")."""

    __slots__ = ()

    def __str__(self) -> str:
        return format_reference(self.path)


class RangeReference(namedtuple("RangeReference", "start end")):
    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


def format_reference(path: tuple[str, ...]) -> str:
    return ".".join(path)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _number(text: str, original: str) -> str:
    """A number as a key: Arabic digits as written (no leading zeros, no limit), Chinese
    numerals read; a numeral that is not one (十十, 1十) is refused."""
    if text.isascii() and text.isdigit():
        return text.lstrip("0") or "0"
    number = parse_number(text)
    if number is None:
        raise ReferenceSyntaxError(
            f"cannot read the number {text!r} in {original!r}: write it in digits (10) or as a "
            "Chinese numeral (十)"
        )
    return str(number)


def _single(text: str, original: str) -> Reference:
    match = _SINGLE.fullmatch(text.strip())
    if not match:
        raise ReferenceSyntaxError(f"cannot read reference {original!r}: try {EXAMPLES}")
    groups = match.groupdict()
    if groups["div"]:
        return Reference((groups["div"], *(seg for seg in groups["drest"].split(".") if seg)))
    if groups["zdiv"]:
        return Reference(
            tuple(
                f"{DIVISION_KINDS[kind]}{_number(n, original)}"
                for n, kind in _ZH_LEVEL.findall(groups["zdiv"])
            )
        )
    if groups["zx"]:
        return Reference((f"annex{_number(groups['zx'], original)}",))
    if groups["name"]:
        name = _PART_NAMES[groups["name"]]
        rest = tuple(seg for seg in groups["rest"].split(".") if seg)
        return Reference((name, *rest))
    article = _number(groups["a"] or groups["ea"] or groups["za"], original)
    latin = groups["al"] or groups["es"]
    ordinal = next((groups[k] for k in ("ao", "az", "eo", "zd", "zb", "zs") if groups[k]), None)
    if latin:
        key = f"{article}{latin}"
    elif ordinal:
        key = f"{article}_{_number(ordinal, original)}"
    else:
        key = article
    paragraph = next((groups[k] for k in ("p", "pp", "ep", "ep2", "ep3", "zp") if groups[k]), None)
    path = (key, _number(paragraph, original)) if paragraph else (key,)
    return Reference((*path, _number(groups["i"], original)) if groups["i"] else path)


def is_part_name(word: str) -> bool:
    """Is `word` a named part of a document (signing, preamble, 序言…)?"""
    return _normalise(word) in _PART_NAMES


def parse_reference(text: str) -> Reference | RangeReference:
    """One reference or range, as typed by the user. A dash between two numbers is a range:
    `15-1` runs from 15 to 1 (backwards, refused); the inserted article 第15-1條 is `15_1`."""
    normal = _normalise(text)
    if not normal:
        raise ReferenceSyntaxError(f"empty reference: try {EXAMPLES}")
    try:
        return _single(normal, text)
    except ReferenceSyntaxError:
        pieces = _RANGE_DASH.split(normal)
        if len(pieces) != 2 or not all(pieces):
            raise
    start = _single(pieces[0], text)
    end_text = pieces[1].strip()
    if re.fullmatch(_NUM, end_text) and len(start.path) > 1:
        end = Reference((*start.path[:-1], _number(end_text, text)))  # 3.1-2 is 3.1-3.2
    else:
        end = _single(end_text, text)
    if len(start.path) != len(end.path):
        raise ReferenceSyntaxError(
            f"cannot read range {text!r}: both ends must be articles (3-5) or paragraphs (3.1-3.2)"
        )
    return RangeReference(start, end)


def parse_references(arguments: list[str]) -> list[Reference | RangeReference]:
    """Several arguments, each one reference (`Article 4, paragraph 2`) or a list of them
    separated by commas, 、 or semicolons: `1,4,7` `3-5` `第四条`."""
    refs = []
    for argument in arguments:
        if _LIST_SEPARATOR.search(argument):
            try:
                refs.append(parse_reference(argument))  # a comma inside one reference
                continue
            except ReferenceSyntaxError:
                pieces = [piece for piece in _LIST_SEPARATOR.split(argument) if piece.strip()]
            if not pieces:
                raise ReferenceSyntaxError(f"no reference in {argument!r}, only separators: try {EXAMPLES}")
            refs.extend(parse_reference(piece) for piece in pieces)
        else:
            refs.append(parse_reference(argument))
    return refs


def article_order(key: str) -> tuple[int, int] | None:
    """(number, ordinal) of an article key: 17 → (17, 0), 17_1 → (17, 1), 8bis → (8, 2)."""
    match = _ARTICLE_KEY.fullmatch(key)
    if not match or len(match.group(1)) > MAX_DIGITS:
        return None
    ordinal = int(match.group(2)) if match.group(2) else LATIN_ORDINALS.get(match.group(3) or "", 0)
    return int(match.group(1)), ordinal


# -- resolving against a document ---------------------------------------------------------


def _span(keys: list[str]) -> str:
    """'1-12' for a run of numbers, else the keys listed."""
    numbers = [int(k) for k in keys if k.isdecimal()]
    if numbers and len(numbers) == len(keys) and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(keys)


def _article_span(keys: list[str]) -> str:
    """Articles in runs, inserted ones between: '1-17, 17_1, 18-20'."""
    pieces: list[list] = []
    for key in keys:
        if key.isdecimal() and pieces and isinstance(pieces[-1][1], int) and int(key) == pieces[-1][1] + 1:
            pieces[-1][1] = int(key)
        else:
            pieces.append([key, int(key) if key.isdecimal() else None])
    return ", ".join(
        first if last is None or str(last) == first else f"{first}-{last}" for first, last in pieces
    )


def _describe(parent: Unit, root: Unit) -> str:
    """What `parent` holds, for an error message."""
    if parent is root:
        names = [u.ref for u in root.children if u.kind != "article"]
        articles = [u.key for u in root.children if u.kind == "article"]
        held = names + ([f"articles {_article_span(articles)}"] if articles else [])
        return "the document has " + ", ".join(held)
    keys = [child.key for child in parent.children]
    if not keys:
        return f"{parent.ref} has no parts"
    if parent.kind == "article":
        if len(keys) == 1:
            return f"article {parent.ref} has only paragraph {keys[0]}"
        return f"article {parent.ref} has paragraphs {_span(keys)}"
    return f"{parent.ref} has {_span(keys)}"


def _article(root: Unit, key: str) -> Unit | None:
    """The article a key names, by number and ordinal: 8bis finds 第八条之二 (8_2), and 8_2
    finds Article 8 bis."""
    order = article_order(key)
    if order is None:
        return None
    return next(
        (u for u in root.children if u.kind == "article" and (u.node.number, u.node.ordinal) == order), None
    )


def _find(root: Unit, ref: Reference) -> Unit:
    if ref.path == ("all",):
        return root
    unit = root
    for depth, key in enumerate(ref.path):
        child = next((c for c in unit.children if c.key == key), None)
        if child is None and unit is root:
            child = _article(root, key)
        if child is None:
            if unit is root and key[:1].isdecimal():
                articles = [u.key for u in root.children if u.kind == "article"]
                where = (
                    f"articles are {_article_span(articles)}" if articles else "this document has no articles"
                )
                raise ReferenceNotFound(f"no article {key}: {where}")
            if unit is root:
                nested = [u.ref for u in root.walk() if u.kind == "division" and u.key == key]
                if nested:
                    raise ReferenceNotFound(
                        f"no {key} at the top of this document: write {' or '.join(nested[:4])}"
                    )
                raise ReferenceNotFound(f"no {key} in this document: {_describe(root, root)}")
            noun = "paragraph" if unit.kind == "article" else "part"
            raise ReferenceNotFound(
                f"no {noun} {format_reference(ref.path[: depth + 1])}: {_describe(unit, root)}"
            )
        unit = child
    return unit


def resolve(root: Unit, ref: Reference | RangeReference) -> list[Unit]:
    """The units a reference names, in document order."""
    if isinstance(ref, Reference):
        unit = _find(root, ref)
        if unit is root:  # divisions only regroup articles that `all` lists anyway
            return [u for u in root.children if u.kind != "division"]
        return [unit]
    start, end = _find(root, ref.start), _find(root, ref.end)
    if start.kind != end.kind:
        raise ReferenceSyntaxError(f"cannot read range {ref}: {ref.start} and {ref.end} are not alike")
    same_kind = [u for u in root.walk() if u.kind == start.kind]
    first, last = same_kind.index(start), same_kind.index(end)
    if last < first:
        inserted = _article(root, f"{ref.start}_{ref.end}") if start.kind == "article" else None
        hint = f" (the inserted article {inserted.label} is {inserted.ref})" if inserted else ""
        raise ReferenceSyntaxError(f"range {ref} runs backwards: write {ref.end}-{ref.start}{hint}")
    return same_kind[first : last + 1]


def resolve_all(root: Unit, refs: list[Reference | RangeReference]) -> list[Unit]:
    units = []
    for ref in refs:
        units.extend(resolve(root, ref))
    return units
