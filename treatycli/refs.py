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
from .loader.headings import DIVISION_KINDS
from .numerals import CHINESE_NUMERAL_CHARS, INSERTED_SUFFIXES, parse_number
from .units import Unit

EXAMPLES = "4, 4.2, 4(2), 3-5, 3.1-2, 1,4,7, 第四条第二款, art. 4(2), preamble.3, all"

# -- the named pieces ---------------------------------------------------------------------
_NUM = r"\d{1,4}"
_ZH_NUM = rf"[\d{CHINESE_NUMERAL_CHARS}]{{1,8}}"
_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies)"
_BARE = rf"(?P<a>{_NUM}{_SUFFIX}?)(?:[.:](?P<p>{_NUM})(?:\.(?P<i>{_NUM}))?|\((?P<pp>{_NUM})\))?"
_ZH = rf"第(?P<za>{_ZH_NUM})[条條](?:之(?P<zs>[二三四五六]))?(?:第(?P<zp>{_ZH_NUM})款)?"
_ZH_DIVISION = rf"第(?P<zd>{_ZH_NUM})(?P<zk>部分|编|編|章|节|節)|附件(?P<zx>{_ZH_NUM})"
_DIVISION_KIND = r"(?:part|chapter|book|section)\d{1,3}"
_DIVISION = rf"(?P<div>(?:{_DIVISION_KIND}|annex\d{{1,3}})(?:/{_DIVISION_KIND})*)(?P<drest>(?:\.[a-z0-9]+)*)"
_EN = (
    rf"(?:article|art\.?)\s*(?P<ea>{_NUM})(?:\s*(?P<es>{_SUFFIX}))?"
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


def _single(text: str, original: str) -> Reference:
    match = _SINGLE.fullmatch(text.strip())
    if not match:
        raise ReferenceSyntaxError(f"cannot read reference {original!r}: try {EXAMPLES}")
    groups = match.groupdict()
    if groups["div"]:
        return Reference((groups["div"], *(seg for seg in groups["drest"].split(".") if seg)))
    if groups["zk"]:
        return Reference((f"{DIVISION_KINDS[groups['zk']]}{parse_number(groups['zd'])}",))
    if groups["zx"]:
        return Reference((f"annex{parse_number(groups['zx'])}",))
    if groups["name"]:
        name = _PART_NAMES[groups["name"]]
        rest = tuple(seg for seg in groups["rest"].split(".") if seg)
        return Reference((name, *rest))
    article = groups["a"] or groups["ea"] or groups["za"]
    paragraph = next(
        (groups[k] for k in ("p", "pp", "ep", "ep2", "ep3", "zp") if groups[k]),
        None,
    )
    suffix = INSERTED_SUFFIXES.get(groups["zs"] or "", "") or groups["es"] or ""
    digits = article.rstrip("abcdefghijklmnopqrstuvwxyz")
    suffix = suffix or article[len(digits) :]
    key = f"{parse_number(digits)}{suffix}"
    path = (key, str(parse_number(paragraph))) if paragraph else (key,)
    return Reference((*path, groups["i"]) if groups["i"] else path)


def parse_reference(text: str) -> Reference | RangeReference:
    """One reference or range, as typed by the user."""
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
        end = Reference((*start.path[:-1], end_text))  # 3.1-2 is 3.1-3.2
    else:
        end = _single(end_text, text)
    if len(start.path) != len(end.path):
        raise ReferenceSyntaxError(
            f"cannot read range {text!r}: both ends must be articles (3-5) or paragraphs (3.1-3.2)"
        )
    return RangeReference(start, end)


def parse_references(arguments: list[str]) -> list[Reference | RangeReference]:
    """Several arguments, each possibly a comma list: `1,4,7` `3-5` `第四条`."""
    refs = []
    for argument in arguments:
        for piece in re.split(r"[,，、;；]", argument):
            if piece.strip():
                refs.append(parse_reference(piece))
            elif len(argument.strip()) == 0:
                raise ReferenceSyntaxError(f"empty reference: try {EXAMPLES}")
    return refs


# -- resolving against a document ---------------------------------------------------------


def _span(keys: list[str]) -> str:
    """'1-12' for a run of numbers, else the keys listed."""
    numbers = [int(k) for k in keys if k.isdecimal()]
    if numbers and len(numbers) == len(keys) and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(keys)


def _describe(parent: Unit, root: Unit) -> str:
    """What `parent` holds, for an error message."""
    if parent is root:
        names = [u.ref for u in root.children if u.kind != "article"]
        articles = [u.key for u in root.children if u.kind == "article"]
        held = names + ([f"articles {_span(articles)}"] if articles else [])
        return "the document has " + ", ".join(held)
    keys = [child.key for child in parent.children]
    if not keys:
        return f"{parent.ref} has no parts"
    if parent.kind == "article":
        if len(keys) == 1:
            return f"article {parent.ref} has only paragraph {keys[0]}"
        return f"article {parent.ref} has paragraphs {_span(keys)}"
    return f"{parent.ref} has {_span(keys)}"


def _find(root: Unit, ref: Reference) -> Unit:
    if ref.path == ("all",):
        return root
    unit = root
    for depth, key in enumerate(ref.path):
        child = next((c for c in unit.children if c.key == key), None)
        if child is None:
            if unit is root and key[:1].isdecimal():
                articles = [u.key for u in root.children if u.kind == "article"]
                where = f"articles are {_span(articles)}" if articles else "this document has no articles"
                raise ReferenceNotFound(f"no article {key}: {where}")
            if unit is root:
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
        raise ReferenceSyntaxError(f"range {ref} runs backwards: write {ref.end}-{ref.start}")
    return same_kind[first : last + 1]


def resolve_all(root: Unit, refs: list[Reference | RangeReference]) -> list[Unit]:
    units = []
    for ref in refs:
        units.extend(resolve(root, ref))
    return units
