"""The articles and what follows them: divisions, the signing, signature columns, annexes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import Annex, Article, Division, Document, Item, Paragraph, Section, Signatory, Signing
from ..numerals import parse_number
from ..script import is_wide
from ..vocabulary import alternatives, every
from .context import ITEM, Context
from .dates import find_date
from .headings import Heading, find_sections, is_annex_heading, opens_structure
from .lines import Line, join_text

# the place: no date in it (于二〇二〇年三月一日在上海签订 is signed in 上海)
_SIGNING_ZH = re.compile(r"[在于於]\s*([^\s在于於年月日\d]{1,12}?)\s*(?:签署|签订|簽署|簽訂|订立)")
# the place after DONE at, FAIT à, HECHO en, СОВЕРШЕНО в: a name (capitalised where the script
# has capitals), up to a comma or the date's first word
_SIGNING_WORDS = alternatives(every("signing_words")).replace(r"\ ", r"\s+")  # done at, over a wrap too
_SIGNING_WORDED = re.compile(
    rf"(?<!\w)(?i:{_SIGNING_WORDS})"
    r"\s+((?=\w)(?![a-zà-ÿа-я])[^\W\d_][\w\s-]*?)(?:,|\s+(?:on|this|the|le|el|del)\b|\s+\d|$)"
)
_WITNESS = re.compile(rf"^(?i:{alternatives(every('witness'))})")
_SIGNED_MARK = re.compile(r"[(（\[]\s*(签名|簽名|签字|簽字|Signed|signed)\s*[)）\]]")
SENTENCE_END = re.compile(r"[,，.。;；:：]$")  # ends a clause: what a title does not
# a repealed article keeps its heading and this mark, and counts
REPEALED = re.compile(r"^[（(\[【]\s*(?:已\s*)?(?:删除|刪除|废止|廢止|[Rr]epealed|[Dd]eleted)\s*[）)\]】]$")
# a role that a name follows: "For the Government of X:", "甲方代表：", "签字：张三"
_ROLE = re.compile(
    r"^(?P<role>(?:(?:For|FOR|On behalf of|ON BEHALF OF)\b[^:：]*|[^:：。，,;；]{1,20})[:：])\s*(?P<name>.*)$"
)
# a signature line is short and is no sentence
SIGNATURE_LINE_CHARS = 80
# a division title wraps over at most this many lines after its heading line
TITLE_LINES = 2
# a title is a short line without a stop: at most this many characters (Chinese, Latin)
TITLE_CHARS_WIDE, TITLE_CHARS_LATIN = 30, 80
# a title fused with its heading on one line ("第十条适用") is shorter still: a longer rest is text
FUSED_TITLE_CHARS = 16
# the place and date of signing stand on a short line; a longer one is a clause that cites a signing
SIGNING_LINE_CHARS = 90


def is_short_title(text: str, wide_limit: int = TITLE_CHARS_WIDE) -> bool:
    limit = wide_limit if any(is_wide(ch) for ch in text) else TITLE_CHARS_LATIN
    return len(text) <= limit and not SENTENCE_END.search(text) and not ITEM.match(text)


_ZH_ENUMERATION = re.compile(r"^(?P<label>[一二三四五六七八九十]{1,3}、)\s*")


_PRINTED_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s*\.\s+\S")


def _printed_number(text: str) -> int | None:
    """The number a paragraph is printed with: 2. in Latin script, 二、 in Chinese."""
    if (match := _PRINTED_NUMBER.match(text)) and not is_wide(text[match.end() - 1]):
        return int(match.group("n"))  # 1．关于… in Chinese is a sub-item (目), not a paragraph
    if match := _ZH_ENUMERATION.match(text):
        return parse_number(match.group("label")[:-1])
    return None


# a caption wrapped over several lines is still short (Article 5 of the BBNJ Agreement: 170)
CAPTION_CHARS = 300


def _is_caption(text: str) -> bool:
    """A text that reads as an article's caption: short, no sentence, no number or label."""
    return (
        len(text) <= CAPTION_CHARS
        and not SENTENCE_END.search(text)
        and _printed_number(text) is None
        and not ITEM.match(text)
    )


def _printed_paragraphs(texts: list[str]) -> list[str]:
    """Where an article's paragraphs are printed with numbers (1. 2. 3., 一、二、), each opens
    at the next number: a text between them that opens none (the rest of paragraph 1 after a
    page break, closing words after its items) goes on the one above, so that 6.2 is the
    paragraph printed 2. Texts that open an item keep their place; the words after a list
    stand as its last, unlabelled item (they are its wrap-up)."""
    numbers = [_printed_number(text) for text in texts]
    # (一、 after a colon is a list of items: 项 in the PRC, 款 in Taiwan)
    intro = len(texts) > 1 and numbers[0] is None and numbers[1] == 1 and texts[0].endswith(":")
    intro = intro and bool(_PRINTED_NUMBER.match(texts[1]))
    if intro:  # For the purposes of this Agreement: / 1. … / 2. …: the words before paragraph 1
        return [INTRO + texts[0], *_printed_paragraphs(texts[1:])]
    if not numbers or numbers[0] != 1 or sum(n is not None for n in numbers) < 2:
        return texts
    out, expected, listed = [], 1, False
    for index, (text, number) in enumerate(zip(texts, numbers, strict=True)):
        if number == expected:
            out.append(text)
            expected, listed = expected + 1, False
        elif ITEM.match(text) or not out:
            out.append(text)
            listed = True
        elif number is not None and _printed_number(out[-1].lstrip(WRAP_UP)) is not None:
            # 2. then 4. (3. deleted or misread), 1. twice: a paragraph of its own, never glued
            # onto the one above
            out.append(text)
            expected, listed = number + 1, False
        elif listed and not _item_follows(texts, numbers, index + 1, expected):
            out.append(WRAP_UP + text)
        else:
            out[-1] = join_text([out[-1], text])  # the rest of a paragraph, or of an item
    return out


def _item_follows(texts: list[str], numbers: list, start: int, expected: int) -> bool:
    """Does an item open after `start` before the paragraph numbered `expected`? Then a text
    before it is the rest of the item above (over a page break), not the list's wrap-up."""
    for text, number in zip(texts[start:], numbers[start:], strict=True):
        if number == expected:
            return False
        if ITEM.match(text):
            return True
    return False


# marks a text that closes a list: an unlabelled item after the labelled ones
WRAP_UP = "\x00"
# marks the words that introduce paragraphs printed 1. 2. …: paragraph 0, so that each other
# keeps its printed number
INTRO = "\x01"
# a 目: 1． or 1. opening a text under a Chinese item
_SUB_ITEM = re.compile(r"^\d{1,2}\s*[.．]\s*[^\d\s]")
_ZH_BRACKETED = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def _is_sub_item(label: str, text: str) -> bool:
    """Is `text` a level below the item labelled `label`: （一） under a Taiwan 款 一、, or
    1． under a 项 （一） or a 款 一、?"""
    if not label:
        return False
    if _ZH_ENUMERATION.match(label):
        return bool(_ZH_BRACKETED.match(text) or _SUB_ITEM.match(text))
    if _ZH_BRACKETED.match(label):
        return bool(_SUB_ITEM.match(text))
    return False


def with_items(texts: list[str]) -> list[Paragraph]:
    """Paragraphs from texts. A text that opens with an item label（一）/(a) joins the
    paragraph above as one of its items; so does 一、 after a paragraph that ends in a colon
    (a list of 项), while 一、 elsewhere numbers a paragraph (款), as in the BBNJ Agreement.
    Where paragraphs are printed with numbers, they are numbered as printed."""
    paragraphs: list[Paragraph] = []
    listing = False  # the paragraph above introduced a list of 一、 items
    for text in _printed_paragraphs(texts):
        last = paragraphs[-1] if paragraphs else None
        if last and last.items and not last.items[-1].text and not ITEM.match(text.lstrip(WRAP_UP)):
            # （三） alone on its line, its text on the next: one item
            item = last.items[-1]._replace(text=text.lstrip(WRAP_UP))
            paragraphs[-1] = last._replace(items=(*last.items[:-1], item))
            continue
        if last and last.items and _is_sub_item(last.items[-1].label, text.lstrip(WRAP_UP)):
            # 1．/（一） under an item of a higher level (a 目 under its 项, a 目 under a Taiwan 款):
            # part of that item, so that the items keep the numbers they are cited by
            item = last.items[-1]
            item = item._replace(text=join_text([item.text, text.lstrip(WRAP_UP)]))
            paragraphs[-1] = last._replace(items=(*last.items[:-1], item))
            continue
        if text[:1] == WRAP_UP and last and last.items:
            paragraphs[-1] = last._replace(items=(*last.items, Item(len(last.items) + 1, "", text[1:])))
            continue
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
        elif text[:1] == INTRO:
            paragraphs.append(Paragraph(0, text[1:]))
        else:
            paragraphs.append(
                Paragraph(len(paragraphs) + (0 if paragraphs and paragraphs[0].number == 0 else 1), text)
            )
    return paragraphs


def read_divisions(ctx: Context, doc: Document, divisions, breaks: list[int]) -> None:
    """Each division heading with its title: the rest of its line and the short lines that
    follow it before the next heading (PART I, then GENERAL PROVISIONS; or a title wrapped)."""
    for division in divisions:
        ctx.claim([ctx.lines[division.index]])
        stop = breaks[bisect_right(breaks, division.index)]
        following = ctx.nonblank(division.index + 1, stop)[:TITLE_LINES]
        title_lines = []
        for line in following:
            title = is_short_title(line.text) or (line.text.isupper() and _is_caption(line.text))
            if not title or REPEALED.match(line.text) or opens_structure(line.raw):
                break  # a title in capitals may run longer: PART II's in the BBNJ Agreement
            title_lines.append(line)
        rest = division.rest
        if title_lines:
            ctx.claim(title_lines)
            rest = join_text([rest, ctx.join(title_lines)])
        heading, title = _heading_and_title(division.label, rest)
        doc.divisions.append(
            Division(division.ref, division.kind, division.number, heading, title, division.ordinal)
        )


def read_articles(ctx: Context, doc: Document, headings: list[Heading], breaks: list[int], divisions) -> None:
    """Read the article of each heading, taking the headings out of `headings` (which ends
    empty): each goes as its article is made, and its memory is the next article's. A 5 MB
    document's 10,500 headings, held until the last article was made, were 1.2 MiB of the
    parse's peak."""
    division_starts = [d.index for d in divisions]
    headings.reverse()
    while headings:
        heading = headings.pop()
        stop = breaks[bisect_right(breaks, heading.index)]
        heading_line = ctx.lines[heading.index]
        ctx.claim([heading_line])
        body = ctx.nonblank(heading.index + 1, stop)
        groups = ctx.paragraphs(body)
        texts = [ctx.join(group) for group in groups]
        title = None
        rest = join_text([heading.rest(ctx.lines)])
        if rest:
            if REPEALED.match(rest):
                texts.insert(0, rest)  # 第 9 條（刪除）: the mark is all its text
            elif groups and not ctx.starts_paragraph(groups[0][0], heading_line):
                texts[0] = join_text([rest, texts[0]])
            elif (
                groups
                and heading.label[:1] in "第笫Aa"
                and is_short_title(rest, wide_limit=FUSED_TITLE_CHARS)
            ):
                title = rest  # "第十条适用", then its paragraphs: the heading's title
            else:
                texts.insert(0, rest)
        elif (
            len(groups) > 1
            and len(groups[0]) == 1
            and is_short_title(texts[0])
            and not REPEALED.match(texts[0])
        ):
            title = texts.pop(0)  # a heading line, then a title line, then the text
        elif len(texts) > 1 and _printed_number(texts[1]) == 1 and _is_caption(texts[0]):
            title = texts.pop(0)  # a caption wrapped over lines, then paragraph 1.
        ctx.claim(body)
        held_by = bisect_left(division_starts, heading.index)
        doc.articles.append(
            Article(
                number=heading.number,
                ordinal=heading.ordinal,
                insertion=heading.insertion,
                heading=heading.label,
                title=title,
                division=doc.divisions[held_by - 1].ref if held_by else None,  # the innermost
                paragraphs=with_items(texts),
                page=ctx.page_of(heading_line),
            )
        )


def read_annexes(ctx: Context, doc: Document, annexes) -> None:
    for i, annex in enumerate(annexes):
        stop = annexes[i + 1].index if i + 1 < len(annexes) else len(ctx.lines)
        ctx.claim([ctx.lines[annex.index]])
        sections = find_sections(ctx.lines, annex.index + 1, stop)
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
        if line.blank or len(line.text) > SIGNING_LINE_CHARS or line.number in ctx.claimed:
            continue
        place = _SIGNING_ZH.search(line.text) or _SIGNING_WORDED.search(line.text)
        if not place or (ctx.layout.paragraphs == "indent" and line.indent < ctx.layout.indent):
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
    """Signatures, marked "(签名)"/"(Signed)" or not: laid out in columns (roles in the upper
    rows, names in the last), or one under the other ("For the Government of X:" then the
    name; "甲方代表：张三"; names alone under "DONE at…"). Rows that read as sentences are
    no signature block."""
    rows = [row for row in rows if row.columns()]
    if not rows:
        return []
    width = len(rows[-1].columns())
    if width > 1 and all(len(row.columns()) == width for row in rows):
        people = _columns(rows, width)
    elif width == 1 and all(_signature_line(row.text) for row in rows):
        people = _one_under_another(rows)
    else:
        return []
    ctx.claim(rows)
    return people


def _signature_line(text: str) -> bool:
    return len(text) <= SIGNATURE_LINE_CHARS and not text.endswith(("。", ".", ";", "；"))


def _person(role: str, cell: str) -> Signatory:
    name, note = cell, ""
    if mark := _SIGNED_MARK.search(cell):
        note = mark.group(0)
        name = (cell[: mark.start()] + cell[mark.end() :]).strip()
    return Signatory(role=role, name=name, note=note)


def _columns(rows: list[Line], width: int) -> list[Signatory]:
    people = []
    for column in range(width):
        cells = [row.columns()[column] for row in rows]
        people.append(_person(" ".join(cells[:-1]), cells[-1]))
    return people


def _one_under_another(rows: list[Line]) -> list[Signatory]:
    """A role line ending in a colon takes the next line as its name, unless the name
    stands on its own line already; any other line is a name."""
    people = []
    pending = None  # a role waiting for its name
    for row in rows:
        text = row.columns()[0] if len(row.columns()) == 1 else row.text
        role = _ROLE.match(text)
        if pending is not None and not (role and not role.group("name")):
            people.append(_person(pending, text))
            pending = None
            continue
        if pending is not None:
            people.append(Signatory(role=pending, name=""))  # 签字： then 乙方代表：
            pending = None
        if role and not role.group("name"):
            pending = role.group("role")
        elif role:
            people.append(_person(role.group("role"), role.group("name")))
        else:
            people.append(_person("", text))
    if pending is not None:
        people.append(Signatory(role=pending, name=""))
    return people
