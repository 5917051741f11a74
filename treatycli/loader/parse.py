"""Text → Document: find the articles, then read what stands before and after them.

The parser claims every line it uses; lines nobody claims go to `unassigned`, so text the
layout did not expect is shown, never dropped.
"""

from __future__ import annotations

import re

from ..model import (
    AgendaItem,
    Annex,
    Article,
    Division,
    Document,
    Fragment,
    Item,
    Letter,
    Paragraph,
    Preamble,
    Signatory,
    Signing,
    Source,
)
from ..numerals import parse_number
from .dates import find_date
from .headings import Heading, choose_style, find_annexes, find_divisions
from .lines import Line, is_wide, join_lines, join_text, split_lines

_ANNEX_MARKER = re.compile(r"^\s*(附\s*件|附\s*錄|ANNEX|Annex)\s*$")
_SESSION = re.compile(
    r"第\s*([0-9一二三四五六七八九十百]+)\s*届(?:会议)?|\b(\d{1,3})(?:st|nd|rd|th) session", re.I
)
_AGENDA = re.compile(r"^\s*(议程项目|Agenda items?|Items?)\s*([0-9\s,和及与and()a-z]*)$", re.I)
_AGENDA_MORE = re.compile(r"^[0-9\s,和及与and]+$")
_AGENDA_NUMBER = re.compile(r"\d{1,3}")
_FORMULA = re.compile(r"(协议如下|议定如下|协定如下|同意如下|agreed? as follows)", re.I)
_TREATY_NOUN = re.compile(
    r"(条约|條約|协定|協定|公约|公約|议定书|議定書|宪章|憲章|协议|協議|法|条例|條例|"
    r"\b(?:TREATY|AGREEMENT|CONVENTION|PROTOCOL|CHARTER|ACT)\b)",
    re.I,
)
_SENTENCE_END = re.compile(r"[,，.。;；:：]$")
_SIGNING_ZH = re.compile(r"[在于於]\s*(\S{1,12}?)\s*(?:签署|签订|簽署|簽訂|订立)")
_SIGNING_EN = re.compile(r"\b(?:Done|DONE|Signed|SIGNED) at\s+([A-Z][\w\s-]*?)(?:,|\s+on\b|\s+this\b|$)")
_SIGNED_MARK = re.compile(r"[(（]\s*(签名|簽名|Signed|signed)\s*[)）]")
_ITEM = re.compile(
    r"^(?P<label>[（(](?:[一二三四五六七八九十]{1,3}|[a-z]|[ivx]{1,4}|\d{1,2})[）)]|[a-z]\)|\d{1,2}\))\s*"
)
_PREAMBLE_HEADING = re.compile(r"^(序言|PREAMBLE|Preamble)(?=\S|\s|$)")
_RULE = re.compile(r"^[\s\-–—_=*·.…]+$")


def detect_language(text: str) -> str:
    wide = sum(1 for ch in text if is_wide(ch))
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "zh" if wide >= letters else "en"


class _Parser:
    def __init__(self, text: str):
        self.lines = split_lines(text)
        self.claimed: set[int] = set()
        self.furniture: list[Fragment] = []
        indented = sum(1 for line in self.lines if not line.blank and line.indent)
        flush = sum(1 for line in self.lines if not line.blank and not line.indent)
        # PDF text marks a paragraph by its indent and scatters blank lines; clean text
        # separates paragraphs by blank lines and indents nothing (or everything).
        self.indent_marks_paragraphs = indented >= 0.1 * (indented + flush) and flush > indented

    # -- bookkeeping ---------------------------------------------------------------------

    def claim(self, lines: list[Line]) -> list[Line]:
        self.claimed.update(line.number for line in lines)
        return lines

    def nonblank(self, start: int, end: int) -> list[Line]:
        """Unclaimed non-blank lines in [start, end); rule lines become furniture."""
        out = []
        for line in self.lines[start:end]:
            if line.blank or line.number in self.claimed:
                continue
            if _RULE.match(line.raw):
                self.furniture.append(Fragment(line.number, line.text))
                self.claimed.add(line.number)
                continue
            out.append(line)
        return out

    def starts_paragraph(self, line: Line, previous: Line | None) -> bool:
        if previous is None:
            return True
        if self.indent_marks_paragraphs:
            return line.indent > 0
        return any(self.lines[n - 1].blank for n in range(previous.number + 1, line.number))

    def paragraphs(self, lines: list[Line]) -> list[list[Line]]:
        """Group lines into paragraphs by indent (PDF text) or by blank lines (clean text)."""
        groups: list[list[Line]] = []
        previous: Line | None = None
        for line in lines:
            if self.starts_paragraph(line, previous):
                groups.append([line])
            else:
                groups[-1].append(line)
            previous = line
        return groups

    # -- the document --------------------------------------------------------------------

    def parse(self, source: Source) -> Document:
        text_language = detect_language("\n".join(line.raw for line in self.lines))
        style, headings = choose_style(self.lines)
        doc = Document(
            source=source,
            language=style.language if style and style.language else text_language,
            layout=style.name if style else "plain",
        )
        first = headings[0].index if headings else len(self.lines)
        annexes = find_annexes(self.lines, headings[-1].index + 1, numbered_only=True) if headings else []
        end = self.read_conclusion(doc, headings, annexes[0].index if annexes else len(self.lines))
        if not annexes and doc.signing:
            annexes = find_annexes(self.lines, end + 1, numbered_only=False)
        divisions = find_divisions(self.lines, 0, end) if headings else []
        breaks = sorted({h.index for h in headings} | {d.index for d in divisions} | {end})
        front_end = min([first] + [d.index for d in divisions])
        self.read_divisions(doc, divisions, breaks)
        self.read_front(doc, front_end)
        self.read_articles(doc, headings, breaks, divisions)
        self.read_annexes(doc, annexes)
        doc.furniture = sorted(self.furniture, key=lambda f: f.line)
        doc.unassigned = [
            Fragment(line.number, line.text)
            for line in self.lines
            if not line.blank and line.number not in self.claimed
        ]
        return doc

    def read_divisions(self, doc: Document, divisions, breaks: list[int]) -> None:
        for division in divisions:
            self.claim([self.lines[division.index]])
            ref = f"{division.kind}{division.number}"
            parents = [d.ref for d in doc.divisions if d.kind != division.kind]
            if any(d.ref == ref for d in doc.divisions) and parents:
                ref = f"{parents[-1]}-{ref}"  # sections numbered afresh in each chapter
            doc.divisions.append(
                Division(ref, division.kind, division.number, division.label, division.rest.strip() or None)
            )

    def read_articles(self, doc: Document, headings: list[Heading], breaks: list[int], divisions) -> None:
        for heading in headings:
            stop = next(b for b in breaks if b > heading.index)
            heading_line = self.lines[heading.index]
            self.claim([heading_line])
            body = self.nonblank(heading.index + 1, stop)
            groups = self.paragraphs(body)
            texts = [join_lines(group) for group in groups]
            title = None
            if heading.rest.strip():
                if groups and not self.starts_paragraph(groups[0][0], heading_line):
                    texts[0] = join_text([heading.rest, texts[0]])
                else:
                    texts.insert(0, join_text([heading.rest]))
            elif len(groups) > 1 and len(groups[0]) == 1 and _is_short_title(texts[0]):
                title = texts.pop(0)  # a heading line, then a title line, then the text
            self.claim(body)
            holder = [d for d in divisions if d.index < heading.index]
            division = doc.divisions[len(holder) - 1].ref if holder else None
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

    def read_annexes(self, doc: Document, annexes) -> None:
        for i, annex in enumerate(annexes):
            stop = annexes[i + 1].index if i + 1 < len(annexes) else len(self.lines)
            self.claim([self.lines[annex.index]])
            body = self.nonblank(annex.index + 1, stop)
            texts = [join_lines(group) for group in self.paragraphs(body)]
            if annex.rest.strip():
                texts.insert(0, join_text([annex.rest]))
            self.claim(body)
            doc.annexes.append(Annex(annex.number, annex.label, with_items(texts)))

    def read_conclusion(self, doc: Document, headings: list[Heading], limit: int) -> int:
        """Find the place and date of signing after the last article; return where articles end."""
        if not headings:
            return len(self.lines)
        start = headings[-1].index + 1
        for index in range(start, limit):
            line = self.lines[index]
            if line.blank or len(line.text) > 80:
                continue
            place = _SIGNING_ZH.search(line.text) or _SIGNING_EN.search(line.text)
            if not place or (self.indent_marks_paragraphs and not line.indent):
                continue
            self.claim([line])
            doc.signing = Signing(date=find_date(line.text), place=place.group(1).strip(), text=line.text)
            doc.signatories = self.read_signature_block(self.nonblank(index + 1, limit))
            return index
        return limit

    def read_signature_block(self, rows: list[Line]) -> list[Signatory]:
        """Signatures laid out in columns: roles in the upper rows, names in the last."""
        rows = [row for row in rows if row.columns()]
        if not rows or not any(_SIGNED_MARK.search(row.text) for row in rows):
            return []
        width = len(rows[-1].columns())
        if any(len(row.columns()) != width for row in rows):
            return []
        self.claim(rows)
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

    # -- before the articles -------------------------------------------------------------

    def read_front(self, doc: Document, first: int) -> None:
        marker = next(
            (i for i in range(first) if _ANNEX_MARKER.match(self.lines[i].raw)),
            None,
        )
        treaty_start = 0
        if marker is not None:
            self.read_letter(doc, marker)
            treaty_start = marker + 1
        groups = self.paragraphs(self.nonblank(treaty_start, first))
        self.read_title(doc, groups)
        self.read_preamble(doc, groups)

    def read_title(self, doc: Document, groups: list[list[Line]]) -> None:
        """The title: the first short, unpunctuated paragraphs, up to one naming the instrument."""
        for count, group in enumerate(groups[:3], start=1):
            text = join_lines(group)
            if _SENTENCE_END.search(text) or len(text) > 200:
                return
            if _TREATY_NOUN.search(text):
                title_groups = groups[:count]
                doc.title = join_text([line.raw for g in title_groups for line in g])
                for g in title_groups:
                    self.claim(g)
                del groups[:count]
                return

    def read_preamble(self, doc: Document, groups: list[list[Line]]) -> None:
        if not groups:
            return
        texts = [join_lines(group) for group in groups]
        for group in groups:
            self.claim(group)
        heading = None
        if match := _PREAMBLE_HEADING.match(texts[0]):
            heading = match.group(1)
            rest = texts[0][match.end() :].strip()
            texts = ([rest] if rest else []) + texts[1:]
        if not texts:
            doc.preamble = Preamble(None, [], None, heading)
            return
        formula = None
        if _FORMULA.search(texts[-1]) and len(texts[-1]) < 40:
            formula = texts.pop()
        parties = None
        if len(texts) > 1 and len(texts[0]) < 80:
            parties = texts.pop(0)
        doc.preamble = Preamble(parties=parties, recitals=texts, formula=formula, heading=heading)

    def read_letter(self, doc: Document, marker: int) -> None:
        """A UN cover letter: masthead, agenda, title, paragraphs, signatures, then 附件."""
        annex_line = self.lines[marker]
        lines = self.nonblank(0, marker)
        position = self.read_masthead(doc, lines)
        lines = lines[position:]
        signature_rows = []
        while lines and len(lines[-1].columns()) > 1:
            signature_rows.insert(0, lines.pop())
        title_lines = []
        while lines and not (self.indent_marks_paragraphs and lines[0].indent and title_lines):
            title_lines.append(lines.pop(0))
        title = join_lines(title_lines)
        paragraphs = [join_lines(group) for group in self.paragraphs(lines)]
        self.claim(title_lines + lines + [annex_line])
        doc.letter = Letter(
            date=find_date(title),
            title=title,
            paragraphs=paragraphs,
            signatories=self.read_signature_block(signature_rows),
            annex_heading=annex_line.text,
        )

    def read_masthead(self, doc: Document, lines: list[Line]) -> int:
        """Session and agenda items; returns how many of `lines` they took."""
        position = 0
        numbers: list[int] = []
        while position < len(lines):
            line = lines[position]
            session = _SESSION.search(line.text)
            agenda = _AGENDA.match(line.raw)
            if session and doc.session is None and len(line.text) < 40:
                doc.session = parse_number(session.group(1) or session.group(2))
            elif agenda:
                numbers += [int(n) for n in _AGENDA_NUMBER.findall(agenda.group(2))]
            elif numbers and _AGENDA_MORE.match(line.text):
                numbers += [int(n) for n in _AGENDA_NUMBER.findall(line.text)]
            else:
                break
            doc.masthead.append(line.text)
            self.claim([line])
            position += 1
        titles: list[list[Line]] = []
        while position < len(lines) and (len(titles) < len(numbers) or lines[position].indent):
            line = lines[position]
            if line.indent and titles:
                titles[-1].append(line)  # a hanging indent continues the title above
            elif len(titles) < len(numbers):
                titles.append([line])
            else:
                break
            position += 1
        for number, group in zip(numbers, titles, strict=False):
            doc.agenda.append(AgendaItem(number, join_lines(group)))
            self.claim(group)
        return position


def _is_short_title(text: str) -> bool:
    limit = 30 if any(is_wide(ch) for ch in text) else 80
    return len(text) <= limit and not _SENTENCE_END.search(text) and not _ITEM.match(text)


def with_items(texts: list[str]) -> list[Paragraph]:
    """Paragraphs from texts; a text that opens with an item label（一）/(a) joins the paragraph
    above as one of its items."""
    paragraphs: list[Paragraph] = []
    for text in texts:
        match = _ITEM.match(text)
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


def parse_text(text: str, source: Source) -> Document:
    return _Parser(text).parse(source)
