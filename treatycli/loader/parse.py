"""Text → Document: take out page furniture, decide the layout once (layout.py), then read
what stands before, in and after the articles (front.py, body.py) as the layout says.

Every line is claimed by a part; lines nobody claims go to `unassigned`, so text the layout
did not expect is shown, never dropped.
"""

from __future__ import annotations

from ..model import Article, Document, Fragment, Paragraph, Source
from .body import read_annexes, read_articles, read_conclusion, read_divisions
from .context import Context
from .front import read_front
from .furniture import strip_furniture, survey_furniture
from .headings import division_candidate, find_annexes, opens_structure
from .layout import decide_hierarchy, decide_layout, decide_script, layout_language
from .lines import Lines, split_lines


def parse_text(text: str, source: Source, pages: list[str] | None = None) -> Document:
    """`pages`: the text of each page of a PDF, which `text` joins with a line break each."""
    return parse_lines(split_lines(text), source, pages)


def parse_lines(lines: Lines, source: Source, pages: list[str] | None = None) -> Document:
    """parse_text of the text these lines were split from, which the caller need not hold."""
    survey = survey_furniture(lines)
    lines, furniture, glued = strip_furniture(lines, survey)
    removed = {fragment.line for fragment in furniture}
    layout, outline = decide_layout(lines, survey.forms, removed)
    # the page's furniture, around which blank lines are the page's: not comments, not invisible lines
    page_texts = pages
    pages = removed - {i + 1 for i, kind in survey.kinds.items() if kind in ("comment", "invisible")}
    ctx = Context(
        lines, glued, furniture, layout, removed, pages, _page_starts(page_texts) if page_texts else None
    )
    doc = Document(
        source=source,
        language=layout_language(layout, lines),
        decisions=layout,
    )
    doc.notes = list(outline.notes)
    headings = outline.headings
    first = headings[0].index if headings else len(lines)
    annexes = find_annexes(lines, headings[-1].index + 1, numbered_only=True) if headings else []
    end, after = read_conclusion(ctx, doc, headings, annexes[0].index if annexes else len(lines))
    if not annexes and doc.signing:
        # after the signing and its signatures, a bare "ANNEX" cannot be an article's title
        annexes = find_annexes(lines, after, numbered_only=False)
    divisions = [d for d in outline.divisions if d.index < end]
    breaks = sorted({h.index for h in headings} | {d.index for d in divisions} | {end})
    read_divisions(ctx, doc, divisions, breaks)
    read_front(ctx, doc, min([first] + [d.index for d in divisions]))
    _repeated_title(ctx, doc)
    read_articles(ctx, doc, headings, breaks, divisions)  # and empties `headings`
    read_annexes(ctx, doc, annexes)
    if layout.structure == "paragraphs":
        if doc.preamble:
            _paragraphs_as_units(doc)
        else:  # a title alone: nothing to number, the name says so as it always has
            doc.decisions = layout._replace(name="plain")
    doc.furniture = sorted(ctx.furniture, key=lambda f: f.line)
    doc.unassigned = [
        Fragment(number, text)
        for number, text in enumerate(lines.texts(), 1)
        if text and number not in ctx.claimed
    ]
    # the lines, and the text they hold (as large as the model's), go before the model is read over
    del ctx, lines
    script = decide_script(doc)
    doc.decisions = doc.decisions._replace(script=script, hierarchy=decide_hierarchy(doc, script))
    return doc


def _page_starts(pages: list[str]) -> list[int]:
    """The line number each page after the first starts on, the pages joined by a line break."""
    starts, line = [], 1
    for text in pages[:-1]:
        line += text.count("\n") + 1
        starts.append(line)
    return starts


def _repeated_title(ctx: Context, doc: Document) -> None:
    """The title again on a line of its own (# 中华人民共和国民法典 before each book, a running
    title): the page's, not the text's."""
    if not doc.title:
        return
    lines = ctx.lines
    for index, text in enumerate(lines.texts()):
        if text == doc.title and index + 1 not in ctx.claimed:
            line = lines[index]
            after = next((i for i in range(index + 1, len(lines)) if lines[i].text), None)
            heading = after is not None and (
                opens_structure(lines[after].raw) or division_candidate(lines[after], after) is not None
            )
            before = next((lines[i].text for i in range(index - 1, -1, -1) if lines[i].text), "")
            if heading and not before.endswith(("：", ":", "，", ",")):
                # a running title before a heading (物权编); not a name a clause quotes
                ctx.furniture.append(Fragment(line.number, line.text))
                ctx.claim([line])


def _paragraphs_as_units(doc: Document) -> None:
    """No headings and no resolution: number the paragraphs so every command still works."""
    preamble = doc.preamble
    texts = [t for t in (preamble.parties, *preamble.recitals, preamble.formula) if t]
    if preamble.heading:
        doc.masthead.append(preamble.heading)
    doc.preamble = None
    doc.articles = [
        Article(
            number=n,
            ordinal=0,
            insertion="",
            heading="",
            title=None,
            division=None,
            paragraphs=[Paragraph(1, t)],
        )
        for n, t in enumerate(texts, start=1)
    ]
