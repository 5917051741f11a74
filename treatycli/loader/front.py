"""What stands before the articles: a UN masthead and agenda, a cover letter or resolution
up to the annex marker, then the treaty's title and preamble."""

from __future__ import annotations

import re

from ..model import AgendaItem, Document, Fragment, Letter, Preamble, Resolution
from ..numerals import parse_number
from ..script import has_wide
from ..vocabulary import LANGUAGES, alternatives, both_scripts, every
from .body import SENTENCE_END, read_signature_block, with_items
from .context import AUTHOR, NUMBERED, Context
from .dates import find_date
from .headings import ANNEX_MARKER, STYLES
from .lines import Line, join_text

# lines that may follow a letter's signatures before its annex marker and are no part of it
LETTER_TRAILING_LINES = 3
# a masthead line that names the session is short; a longer one is text that cites a session
SESSION_LINE_CHARS = 40
# an English agenda item's title runs over at most this many lines before the next masthead line
AGENDA_TITLE_LINES = 6
# the title is among the first few paragraphs, and is no longer than a long title
# (the Fish Stocks Agreement's title runs to 238 characters)
TITLE_PARAGRAPHS, TITLE_CHARS = 3, 400
# the formula ("兹协议如下", "Have agreed as follows:") and the parties are short paragraphs
FORMULA_CHARS, PARTIES_CHARS = 40, 80
# a table of contents: its lines up to the body are furniture, not a preamble
_CONTENTS = re.compile(r"^(目\s*录|目\s*錄|CONTENTS|Contents|TABLE OF CONTENTS|Table of contents)$")
_SESSION_ZH = re.compile(r"第\s*([0-9一二三四五六七八九十百]+)\s*届(?:会议)?")
_SESSION_EN = re.compile(r"^([A-Za-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th)) (?:special )?session$", re.I)
_AGENDA = re.compile(r"^\s*(议程项目|Agenda items?|Items?)\s*([0-9\s,和及与and()a-z]*)$", re.I)
_AGENDA_MORE = re.compile(r"^[0-9\s,和及与and]+$")
_AGENDA_NUMBER = re.compile(r"\d{1,3}")
_MASTHEAD_EN = re.compile(
    r"^(?:UNITED(?: [A-Z])?|NATIONS|[A-Z]|General Assembly.*|Security Council.*|Economic and Social Council.*|"
    r"Distr\.?:?.*|GENERAL|LIMITED|RESTRICTED|Original:\s*\w+|\d{1,2} [A-Z][a-z]+ \d{4}|\*\d+\*|"
    r"\d{2}-\d{4,6}\b.*|[A-Z]{1,6}/(?:[A-Z0-9.]+/)*[A-Z0-9.]+|(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|"
    r"RESOLUTION ADOPTED BY .*|\[.*\]|.*draft resolution|.*[Rr]evised draft resolution)$"
)
_CLOSING = re.compile(r"^(\d+(?:st|nd|rd|th) plenary meeting|第\S+次全体会议|\d{1,2} [A-Z][a-z]+ \d{4})$")
_FORMULA = re.compile(alternatives(every("formulas")), re.I)


def _instrument_nouns() -> str:
    """Any instrument's noun (vocabulary.py): Chinese ones in both scripts, Latin ones as words."""
    wide, latin = [], []
    for language in LANGUAGES.values():
        for noun in language.instruments:
            (wide if has_wide(noun) else latin).append(noun)
    return rf"{alternatives(both_scripts(wide))}|\b{alternatives(latin)}\b"


def _named(key: str) -> str:
    """A named part's words, as a heading writes them (序言, PREAMBLE, Preamble)."""
    words = [w for language in LANGUAGES.values() for w in language.named.get(key, ())]
    return alternatives(
        both_scripts(words) + tuple(v for w in words if not has_wide(w) for v in (w.upper(), w.capitalize()))
    )


_TREATY_NOUN = re.compile(_instrument_nouns(), re.I)
_PREAMBLE_HEADING = re.compile(rf"^({_named('preamble')})(?=\S|\s|$)")
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip


def ordinal(word: str) -> int | None:
    """53rd, Fifty-third → 53."""
    word = word.lower()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group(0))
    if word in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[word]
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _ORDINAL_UNITS:
        return _TENS[tens] + _ORDINAL_UNITS[unit]
    return None


_ORGANIZATION_LINES = {v for w in every("known_organizations") for v in (w, w.upper())}
_ADOPTION = (
    re.compile(rf"^[（(]?\d{{4}}\s*年.{{0,80}}{alternatives(every('adoption_words'))}[)）]?$")
    if every("adoption_words")
    else re.compile(r"(?!)")
)


def read_front_matter(ctx: Context, doc: Document, lines: list[Line]) -> list[Line]:
    """A law's record before its text: its labelled lines (法規名稱：中華民國刑法, 修正日期：…;
    the title from the first, the label kept as furniture, the others to the masthead) and the
    line that says when it was adopted (1990年12月28日第七届…会议通过). The lines left."""
    from ..fold import fold

    titles, records = set(every("title_labels")), set(every("record_labels"))
    index = 0
    while index < len(lines):
        line = lines[index]
        label, colon, value = line.text.partition("：")
        if not colon:
            label, colon, value = line.text.partition(":")
        key = fold(label).text.replace(" ", "") if colon else ""
        if key in titles and value.strip() and doc.title is None:
            doc.title = value.strip()
            ctx.furniture.append(Fragment(line.number, label + colon))
        elif key in records or _ADOPTION.match(line.text):
            doc.masthead.append(line.text)
        else:
            break
        ctx.claim([line])
        index += 1
    return lines[index:]


def read_front_matter_groups(ctx: Context, doc: Document, groups: list[list[Line]]) -> list[list[Line]]:
    """The record's lines after the title (# 中华人民共和国民法典, then …会议通过): the groups left."""
    while groups and len(groups[0]) == 1 and not read_front_matter(ctx, doc, groups[0]):
        groups = groups[1:]
    return groups


def read_front(ctx: Context, doc: Document, end: int) -> None:
    """As the layout's structure says: a resolution up to the annex marker, or a letter; a
    resolution standing alone; or a treaty's title. Then the preamble."""
    structure = ctx.layout.structure
    lines = ctx.nonblank(0, end)
    lines = read_front_matter(ctx, doc, lines[read_masthead(ctx, doc, lines) :])
    contents = next((i for i, line in enumerate(lines) if _CONTENTS.match(line.text)), None)
    if contents is not None:
        ctx.furniture.extend(Fragment(line.number, line.text) for line in ctx.claim(lines[contents:]))
        lines = lines[:contents]
    marker = next((i for i, line in enumerate(lines) if ANNEX_MARKER.match(line.raw)), None)
    if marker is not None:
        cover, annex_line, lines = lines[:marker], lines[marker], lines[marker + 1 :]
        ctx.claim([annex_line])
        if structure == "resolution+treaty" and any(AUTHOR.match(line.text) for line in cover):
            read_resolution(ctx, doc, cover, annex_line)
        else:
            read_letter(ctx, doc, cover, annex_line)
    groups = ctx.paragraphs(lines)
    author = next((i for i, g in enumerate(groups) if AUTHOR.match(ctx.join(g))), None)
    if structure == "resolution" and author is not None:
        # a resolution standing alone: its title, then "The General Assembly," as the parties
        _claim_title(ctx, doc, groups, author)
    elif doc.title is None:
        read_title(ctx, doc, groups)
    if groups and doc.title is not None:
        groups[:] = read_front_matter_groups(ctx, doc, groups)
    read_preamble(ctx, doc, groups)


def read_masthead(ctx: Context, doc: Document, lines: list[Line]) -> int:
    """Session, symbol, dates and agenda items at the top; returns how many lines they took."""
    position = 0
    numbers: list[int] = []
    titles: list[list[Line]] = []
    chinese_agenda = False
    while position < len(lines):
        line = lines[position]
        text = line.text
        session_zh = _SESSION_ZH.search(text) if len(text) < SESSION_LINE_CHARS else None
        session_en = _SESSION_EN.match(text)
        agenda = _AGENDA.match(line.raw)
        if session_zh and doc.session is None:
            doc.session = parse_number(session_zh.group(1))
        elif session_en and doc.session is None:
            doc.session = ordinal(session_en.group(1))
        elif agenda:
            found = [int(n) for n in _AGENDA_NUMBER.findall(agenda.group(2))]
            numbers += found
            chinese_agenda = agenda.group(1).startswith("议")
            if not chinese_agenda and len(found) == 1:
                # an English agenda item's title runs until the next masthead line
                after = lines[position + 1 : position + 1 + AGENDA_TITLE_LINES]
                stop = next((i for i, n in enumerate(after) if _MASTHEAD_EN.match(n.text)), None)
                if stop:
                    titles.append(after[:stop])
                    doc.masthead.append(text)
                    ctx.claim([line])
                    position += 1 + stop
                    continue
        elif numbers and _AGENDA_MORE.match(text):
            numbers += [int(n) for n in _AGENDA_NUMBER.findall(text)]
        elif not _MASTHEAD_EN.match(text) or any(style.pattern.match(line.raw) for style in STYLES):
            break
        doc.masthead.append(text)
        ctx.claim([line])
        position += 1
    if chinese_agenda:
        while position < len(lines) and (len(titles) < len(numbers) or lines[position].indent):
            line = lines[position]
            if line.indent and titles:
                titles[-1].append(line)  # a hanging indent continues the title above
            elif len(titles) < len(numbers):
                titles.append([line])
            else:
                break
            position += 1
    seen: set[int] = set()
    for i, number in enumerate(numbers):
        group = titles[i] if i < len(titles) else []
        if number in seen:  # listed twice: the first keeps the number, the title stays text
            if group:
                doc.masthead.append(ctx.join(group))
                ctx.claim(group)
            continue
        seen.add(number)
        doc.agenda.append(AgendaItem(number, ctx.join(group)))
        ctx.claim(group)
    return position


def read_letter(ctx: Context, doc: Document, lines: list[Line], annex_line: Line) -> None:
    """A UN cover letter: title, paragraphs, signatures (the last rows in columns, a line or
    two after them left to `unassigned`), then 附件."""
    lines = lines[: len(lines) - _after_signatures(lines)]
    signature_rows = []
    while lines and len(lines[-1].columns()) > 1:
        signature_rows.insert(0, lines.pop())
    title_lines: list[Line] = []
    while lines and not (title_lines and ctx.starts_paragraph(lines[0], title_lines[-1])):
        title_lines.append(lines.pop(0))
    title = ctx.join(title_lines)
    paragraphs = [ctx.join(group) for group in ctx.paragraphs(lines)]
    ctx.claim(title_lines + lines)
    doc.letter = Letter(
        date=find_date(title),
        title=title,
        paragraphs=paragraphs,
        signatories=read_signature_block(ctx, signature_rows),
        annex_heading=annex_line.text,
    )


def _after_signatures(lines: list[Line]) -> int:
    """How many lines (LETTER_TRAILING_LINES at most) follow the letter's last row in columns."""
    for count in range(min(LETTER_TRAILING_LINES, len(lines) - 1) + 1):
        if len(lines[-1 - count].columns()) > 1:
            return count
    return 0


def read_resolution(ctx: Context, doc: Document, lines: list[Line], annex_line: Line) -> None:
    """A resolution that annexes the treaty: title, author, recitals, operative paragraphs."""
    ctx.claim(lines)
    lines = list(lines)
    closing: list[str] = []
    while lines and _CLOSING.match(lines[-1].text):
        closing.insert(0, lines.pop().text)
    texts = [ctx.join(group) for group in ctx.paragraphs(lines)]
    author = next(i for i, text in enumerate(texts) if AUTHOR.match(text))
    first_operative = next((i for i in range(author + 1, len(texts)) if NUMBERED.match(texts[i])), len(texts))
    doc.resolution = Resolution(
        title=" ".join(texts[:author]),
        author=texts[author],
        recitals=texts[author + 1 : first_operative],
        paragraphs=with_items(texts[first_operative:]),
        closing=closing,
        annex_heading=annex_line.text,
    )


def _claim_title(ctx: Context, doc: Document, groups: list[list[Line]], count: int) -> None:
    title_groups = groups[:count]
    if not title_groups:
        return
    last = title_groups[-1][-1]
    if sum(map(len, title_groups)) > 1 and last.text in _ORGANIZATION_LINES:
        # 联合国 / United Nations under the title: the publisher's line, not the title's end
        ctx.furniture.append(Fragment(last.number, last.text))
        ctx.claim([last])
        title_groups = (
            [*title_groups[:-1], title_groups[-1][:-1]] if len(title_groups[-1]) > 1 else title_groups[:-1]
        )
    doc.title = join_text([ctx.join(g) for g in title_groups])
    for group in title_groups:
        ctx.claim(group)
    del groups[:count]


def read_title(ctx: Context, doc: Document, groups: list[list[Line]]) -> None:
    """The title: the first short, unpunctuated paragraphs, up to one naming the instrument."""
    for count, group in enumerate(groups[:TITLE_PARAGRAPHS], start=1):
        text = ctx.join(group)
        if SENTENCE_END.search(text) or len(text) > TITLE_CHARS:
            return
        if _TREATY_NOUN.search(text):
            _claim_title(ctx, doc, groups, count)
            return


def read_preamble(ctx: Context, doc: Document, groups: list[list[Line]]) -> None:
    if not groups:
        return
    texts = [ctx.join(group) for group in groups]
    for group in groups:
        ctx.claim(group)
    heading = None
    if match := _PREAMBLE_HEADING.match(texts[0]):
        heading = match.group(1)
        rest = texts[0][match.end() :].strip()
        texts = ([rest] if rest else []) + texts[1:]
    if not texts:
        doc.preamble = Preamble(heading=heading, parties=None, recitals=[], formula=None)
        return
    formula = None
    if _FORMULA.search(texts[-1]) and len(texts[-1]) < FORMULA_CHARS:
        formula = texts.pop()
    parties = None
    if texts and (len(texts) > 1 or AUTHOR.match(texts[0])) and len(texts[0]) < PARTIES_CHARS:
        parties = texts.pop(0)
    doc.preamble = Preamble(heading=heading, parties=parties, recitals=texts, formula=formula)
