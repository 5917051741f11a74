"""The articles and what follows them: divisions, the signing, signature columns, annexes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Annex, Article, Division, Document, Item, Paragraph, Section, Signatory, Signing
from .context import ITEM, Context
from .dates import find_date
from .headings import Heading, find_divisions, is_annex_heading
from .lines import Line, is_wide, join_text

_SIGNING_ZH = re.compile(r"[在于於]\s*(\S{1,12}?)\s*(?:签署|签订|簽署|簽訂|订立)")
_SIGNING_EN = re.compile(
    r"\b(?:Done|DONE|Signed|SIGNED)\s+(?:at|AT)\s+([A-Z][\w\s-]*?)(?:,|\s+on\b|\s+this\b|\s+the\b|$)"
)
_WITNESS = re.compile(r"^(IN WITNESS WHEREOF|In witness whereof|下列签署|为此|以昭信守)")
_SIGNED_MARK = re.compile(r"[(（]\s*(签名|簽名|Signed|signed)\s*[)）]")
SENTENCE_END = re.compile(r"[,，.。;；:：]$")  # ends a clause: what a title does not


def is_short_title(text: str, wide_limit: int = 30) -> bool:
    limit = wide_limit if any(is_wide(ch) for ch in text) else 80
    return len(text) <= limit and not SENTENCE_END.search(text) and not ITEM.match(text)


_ZH_ENUMERATION = re.compile(r"^(?P<label>[一二三四五六七八九十]{1,3}、)\s*")


def with_items(texts: list[str]) -> list[Paragraph]:
    """Paragraphs from texts. A text that opens with an item label（一）/(a) joins the
    paragraph above as one of its items; so does 一、 after a paragraph that ends in a colon
    (a list of 项), while 一、 elsewhere numbers a paragraph (款), as in the BBNJ Agreement."""
    paragraphs: list[Paragraph] = []
    listing = False  # the paragraph above introduced a list of 一、 items
    for text in texts:
        match = ITEM.match(text)
        enumeration = _ZH_ENUMERATION.match(text)
        opens_list = (
            enumeration
            and enumeration.group("label") == "一、"
            and paragraphs
            and not paragraphs[-1].items
            and paragraphs[-1].text.endswith(("：", ":"))
        )
        if enumeration and (listing or opens_list):
            match, listing = enumeration, True
        elif not match:
            listing = False
        if match and paragraphs:
            last = paragraphs[-1]
            item = Item(len(last.items) + 1, match.group("label"), text[match.end() :])
            paragraphs[-1] = last._replace(items=(*last.items, item))
        elif match:
            item = Item(1, match.group("label"), text[match.end() :])
            paragraphs.append(Paragraph(1, "", (item,)))
        else:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text))
    return paragraphs


def read_divisions(ctx: Context, doc: Document, divisions, breaks: list[int]) -> None:
    for division in divisions:
        ctx.claim([ctx.lines[division.index]])
        if not division.rest.strip():
            # PART I, then GENERAL PROVISIONS on its own line: the division's title
            stop = breaks[bisect_right(breaks, division.index)]
            following = ctx.nonblank(division.index + 1, stop)
            if following and is_short_title(following[0].text):
                ctx.claim(following[:1])
                division = division._replace(rest=following[0].text)
        ref = f"{division.kind}{division.number}"
        parents = [d.ref for d in doc.divisions if d.kind != division.kind]
        if any(d.ref == ref for d in doc.divisions) and parents:
            ref = f"{parents[-1]}/{ref}"  # sections numbered afresh in each chapter
        heading, title = _heading_and_title(division.label, division.rest)
        doc.divisions.append(Division(ref, division.kind, division.number, heading, title))


def read_articles(ctx: Context, doc: Document, headings: list[Heading], breaks: list[int], divisions) -> None:
    division_starts = [d.index for d in divisions]
    for heading in headings:
        stop = breaks[bisect_right(breaks, heading.index)]
        heading_line = ctx.lines[heading.index]
        ctx.claim([heading_line])
        body = ctx.nonblank(heading.index + 1, stop)
        groups = ctx.paragraphs(body)
        texts = [ctx.join(group) for group in groups]
        title = None
        rest = join_text([heading.rest])
        if rest:
            if groups and not ctx.starts_paragraph(groups[0][0], heading_line):
                texts[0] = join_text([rest, texts[0]])
            elif groups and heading.label[:1] in "第Aa" and is_short_title(rest, wide_limit=16):
                title = rest  # "第十条适用", then its paragraphs: the heading's title
            else:
                texts.insert(0, rest)
        elif len(groups) > 1 and len(groups[0]) == 1 and is_short_title(texts[0]):
            title = texts.pop(0)  # a heading line, then a title line, then the text
        ctx.claim(body)
        held_by = bisect_left(division_starts, heading.index)
        division = doc.divisions[held_by - 1].ref if held_by else None
        doc.articles.append(
            Article(
                number=heading.number,
                heading=heading.label,
                paragraphs=with_items(texts),
                title=title,
                division=division,
                suffix=heading.suffix,
            )
        )


def read_annexes(ctx: Context, doc: Document, annexes) -> None:
    for i, annex in enumerate(annexes):
        stop = annexes[i + 1].index if i + 1 < len(annexes) else len(ctx.lines)
        ctx.claim([ctx.lines[annex.index]])
        sections = [d for d in find_divisions(ctx.lines, annex.index + 1, stop) if d.kind == "section"]
        section_starts = [s.index for s in sections] + [stop]
        texts = _texts(ctx, annex.index + 1, section_starts[0])
        if annex.rest.strip():
            texts.insert(0, join_text([annex.rest]))
        parts = []
        for j, section in enumerate(sections):
            ctx.claim([ctx.lines[section.index]])
            heading, title = _heading_and_title(section.label, section.rest)
            body = _texts(ctx, section.index + 1, section_starts[j + 1])
            parts.append(Section(section.number, heading, title, with_items(body)))
        doc.annexes.append(Annex(annex.number, annex.label, with_items(texts), tuple(parts)))


def _heading_and_title(label: str, rest: str) -> tuple[str, str | None]:
    """ "SECTION 1" + ". COSTS…" → ("SECTION 1.", "COSTS…"): punctuation stays with the heading."""
    rest = rest.strip()
    title = rest.lstrip(".:-–— ")
    punctuation = rest[: len(rest) - len(title)].strip()
    return label + punctuation, title.strip() or None


def _texts(ctx: Context, start: int, stop: int) -> list[str]:
    body = ctx.nonblank(start, stop)
    ctx.claim(body)
    return [ctx.join(group) for group in ctx.paragraphs(body)]


def read_conclusion(ctx: Context, doc: Document, headings: list[Heading], limit: int) -> tuple[int, int]:
    """Find the place and date of signing after the last article; return where the articles
    end and where the signing and its signatures end."""
    if not headings:
        return limit, limit
    start = headings[-1].index + 1
    for index in range(start, limit):
        line = ctx.lines[index]
        if line.blank or len(line.text) > 90 or line.number in ctx.claimed:
            continue
        place = _SIGNING_ZH.search(line.text) or _SIGNING_EN.search(line.text)
        if not place or (ctx.mode == "indent" and not line.indent):
            continue
        signing_lines = [line]
        following = ctx.nonblank(index + 1, limit)
        for nxt in following:
            if (
                ctx.starts_paragraph(nxt, signing_lines[-1])
                or is_annex_heading(nxt.raw)
                or len(nxt.columns()) > 1
            ):
                break
            signing_lines.append(nxt)
        ctx.claim(signing_lines)
        end, witness = index, None
        before = ctx.nonblank(start, index)
        opening = next((i for i in range(len(before) - 1, -1, -1) if _WITNESS.match(before[i].text)), None)
        if opening is not None and not any(
            ctx.starts_paragraph(b, a) or is_annex_heading(b.raw)
            for a, b in zip(before[opening:], before[opening + 1 :], strict=False)
        ):
            witness_lines = before[opening:]
            ctx.claim(witness_lines)
            witness = ctx.join(witness_lines)
            end = witness_lines[0].number - 1  # line numbers are 1-based indices
        text = ctx.join(signing_lines)
        doc.signing = Signing(find_date(text), place.group(1).strip(), text, witness)
        last = signing_lines[-1].number
        rows = ctx.nonblank(last, limit)
        doc.signatories = read_signature_block(ctx, rows)
        signed = [row.number for row in rows if row.number in ctx.claimed]
        return end, max([last, *signed])
    return limit, limit


def read_signature_block(ctx: Context, rows: list[Line]) -> list[Signatory]:
    """Signatures laid out in columns: roles in the upper rows, names in the last."""
    rows = [row for row in rows if row.columns()]
    if not rows or not any(_SIGNED_MARK.search(row.text) for row in rows):
        return []
    width = len(rows[-1].columns())
    if any(len(row.columns()) != width for row in rows):
        return []
    ctx.claim(rows)
    people = []
    for column in range(width):
        cells = [row.columns()[column] for row in rows]
        name, note = cells[-1], ""
        mark = _SIGNED_MARK.search(name)
        if mark:
            note = mark.group(0)
            name = (name[: mark.start()] + name[mark.end() :]).strip()
        people.append(Signatory(role=" ".join(cells[:-1]), name=name, note=note))
    return people
