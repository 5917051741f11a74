"""The one step that decides how a document is laid out; every later stage follows its record.

`decide_layout` looks at the lines once (furniture already taken out) and decides: are the
lines hard-wrapped at a width (PDF text) or one paragraph each (a web page); what opens a
paragraph; which heading style numbers the articles and whether headings are set off from
their text; the numbering; the division levels. The decisions are a `Layout` record on the
Document (`export` shows it), so a wrong one is visible and a new layout is one place to
change. Each threshold has a name and the reason for its value.
"""

from __future__ import annotations

import re
from collections import Counter, namedtuple

from ..model import Layout
from ..numerals import CHINESE_NUMERAL_CHARS, parse_number
from ..script import WIDE, is_wide
from ..vocabulary import LANGUAGES, SIMPLIFIED, TRADITIONAL, alternatives, hierarchy
from ..vocabulary import language as vocabulary_of
from .context import AUTHOR
from .headings import (
    ANNEX_MARKER,
    LEVELS,
    STYLES,
    Candidate,
    DivisionHeading,
    Heading,
    HeadingRun,
    find_divisions,
    find_headings,
    heading_notes,
    style_candidates,
    style_named,
)
from .lines import Line, Lines

# The opening of a long text says how it is laid out; reading a 5 MB text twice would not.
SAMPLE_LINES = 20_000
# The width a text is wrapped at: that of its longer lines (headings, titles and the ends
# of paragraphs are shorter), the 90th percentile.
WIDTH_PERCENTILE = 0.9
# Lines this close to that width are the ones a hard wrap broke.
NEAR_WIDTH = 0.85
# Hard-wrapped text breaks most full lines mid-clause; one paragraph per line almost never
# does (only a long title might). Measured: PDF text 0.5-1.0, web and cleaned text 0-0.5
# (0.5 being one line in two, in a fixture of seven lines).
WRAPPED_SHARE = 0.3
# A paragraph indent marks paragraphs when at least this share of lines is indented beyond
# the document's base indent and a flush line continues a full line (a hard wrap inside an
# indented paragraph). Measured: the built-in treaty 0.30 indented; English PDF text 0.02;
# clean text 0; web text indents every line, and no flush line continues one.
INDENT_SHARE = 0.1
# In hard-wrapped text, blank lines separate paragraphs when a blank follows at least this
# share of lines (a paragraph runs over several lines, so blanks are rarer than lines).
BLANK_SHARE = 0.08
# In text of one paragraph per line, blank lines separate paragraphs only if most lines are
# followed by one; a few blank lines here and there are no scheme.
BLANK_SHARE_UNWRAPPED = 0.5
# Headings are set off from their text (a space or the line's end) in this share of
# candidates or more: then a number fused with text is a citation, not a heading.
SET_OFF_SHARE = 0.8
# Traditional Chinese where this share of the Chinese characters of the title and the first
# article's opening is one OpenCC's table simplifies; simplified text has a few by chance.
TRADITIONAL_SHARE = 0.1
TRADITIONAL_SAMPLE = 200  # characters of the first article that the share is taken over
_CLOSES = re.compile(r"[。！？；：.!?;:」』”\"）)》\]]$")
_CLAUSE_GOES_ON = re.compile(r"[,，、]$")


class Outline(namedtuple("Outline", "headings divisions notes")):
    """What the layout step found while deciding: the article headings, the division
    headings (with their paths), and notes on odd numbering."""

    __slots__ = ()


def decide_layout(lines: list[Line], furniture: tuple[str, ...], removed: set[int]) -> tuple[Layout, Outline]:
    """The layout of a document whose furniture (of the forms given, on the lines numbered
    `removed`) is already out."""
    by_style = style_candidates(lines)
    style, run, set_off = _heading_style(by_style, text_language(lines))
    headings = run.headings if style else []
    divisions = find_divisions(lines, 0, len(lines), [h.index for h in headings]) if headings else []
    sample = lines[:SAMPLE_LINES]
    texts = [line for line in sample if line.text]
    widths = sorted(len(line.text) for line in texts)
    width = widths[int(len(widths) * WIDTH_PERCENTILE)] if widths else 0
    unstopped = _unstopped(lines, by_style, divisions)
    wrapped = _is_wrapped(
        [line for line in texts if line.number - 1 not in unstopped and not _record_line(line.text)], width
    )
    indents = [line.indent for line in texts]
    base, indent = _indents(indents)
    heading_lines = {c.heading.index for found in by_style.values() for c in found}
    heading_lines |= {d.index for d in divisions}
    continued = _continues_full_line(sample, indent, NEAR_WIDTH * width, heading_lines, removed)
    structure = _structure(lines, headings, divisions)
    layout = Layout(
        name=structure if structure in ("resolution", "resolution+treaty", "paragraphs") else style.name,
        structure=structure,
        wrapped=wrapped,
        paragraphs=_paragraph_mode(sample, indents, wrapped, base, removed, continued),
        indent=indent,
        headings=style.name if style else None,
        separator=("space" if set_off else "fused") if style else None,
        numbering=_numbering(headings),
        inserted=_inserted(by_style[style.name] if style else [], headings),
        divisions=tuple(level for level in LEVELS if any(d.kind == level for d in divisions)),
        furniture=furniture,
        width=width,
    )
    return layout, Outline(headings, divisions, heading_notes(run) if style else [])


_SCRIPTS = {"zh": re.compile(WIDE), "ru": re.compile("[\u0400-\u04ff]"), "ar": re.compile("[\u0600-\u06ff]")}
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")
# the text a language is told from: enough words, read quickly
LANGUAGE_SAMPLE = 50_000


def text_language(lines: list[Line]) -> str:
    """The language of a text, by its script (Chinese, Cyrillic, Arabic, Latin), and, among
    the languages written in Latin letters, by the small words only one of them has (the, of;
    le, des; el, los): English where nothing tells."""
    sample, size = [], 0
    for line in lines:
        sample.append(line.text)
        size += len(line.text)
        if size > LANGUAGE_SAMPLE:
            break
    # at most LANGUAGE_SAMPLE characters, however long a line: findall makes a string of each
    # character it finds (a 5 MB line took 130 MiB)
    sample = "\n".join(sample)[:LANGUAGE_SAMPLE]
    counts = {code: len(pattern.findall(sample)) for code, pattern in _SCRIPTS.items()}
    latin = len(_LATIN.findall(sample))
    script = max(counts, key=counts.get)
    if counts[script] > latin or (script == "zh" and counts[script] >= latin and latin):
        return script
    latin_languages = [code for code, language in LANGUAGES.items() if code not in _SCRIPTS]
    words = Counter(word.lower() for word in _WORD.findall(sample))
    own = {code: set(LANGUAGES[code].title_words) for code in latin_languages}
    scores = {
        code: sum(words[w] for w in own[code] - set().union(*(own[o] for o in own if o != code)))
        for code in latin_languages
    }
    best = max(scores, key=scores.get)
    return best if scores[best] else "en"


def layout_language(layout: Layout, lines: list[Line]) -> str:
    """A document's language: Chinese where its headings are (第X条), else its text's."""
    style = style_named(layout.headings)
    if style is not None and style.language == "zh":
        return "zh"
    return text_language(lines)


def _unstopped(
    lines: Lines, by_style: dict[str, list[Candidate]], divisions: list[DivisionHeading]
) -> set[int]:
    """Lines that end without a stop, wrapped or not: headings alone on their line, division
    headings, and the title lines under them. (A heading followed by its text wraps.)"""
    alone = {
        c.heading.index for found in by_style.values() for c in found if not c.heading.rest(lines).strip()
    }
    alone |= {d.index for d in divisions}
    return alone | {index + 1 for index in alone}


def _indents(indents: list[int]) -> tuple[int, int]:
    """The least indent, and the one that opens a paragraph: the commonest beyond the least."""
    base = min(indents, default=0)
    opening = Counter(indent for indent in indents if indent > base)
    return base, (min(opening, key=lambda n: (-opening[n], n)) if opening else base + 1)


_RECORD_LABELS = {
    w for language in LANGUAGES.values() for w in (*language.title_labels, *language.record_labels)
}


def _record_line(text: str) -> bool:
    """A line of a law's record (法規名稱：…, 修正日期：…): no text, so no sign of wrapping."""
    label, colon, _ = text.partition("：") if "：" in text else text.partition(":")
    if not colon or len(label) > max(map(len, _RECORD_LABELS), default=0) + 2:
        return False
    from ..fold import fold

    return fold(label).text.replace(" ", "") in _RECORD_LABELS


def _is_wrapped(sample: list[Line], width: int) -> bool:
    """Lines broken at a width end mid-clause; whole paragraphs end with a stop."""
    ends = [line.text[-1:] for line in sample if len(line.text) >= NEAR_WIDTH * width]
    broken = sum(1 for end in ends if not _CLOSES.match(end) and not _CLAUSE_GOES_ON.match(end))
    stopped = sum(1 for end in ends if _CLOSES.match(end))
    return broken >= WRAPPED_SHARE * max(1, broken + stopped)


def _continues_full_line(
    lines: list[Line], indent: int, full: float, headings: set[int], removed: set[int]
) -> bool:
    """Does a line indented less than a paragraph opens follow a full line, furniture between
    them aside? Then the text is hard-wrapped inside indented paragraphs."""
    before = None
    for index, line in enumerate(lines):
        if not line.text:
            if line.number not in removed:
                before = None
            continue
        if before is not None and line.indent < indent and index not in headings and len(before.text) >= full:
            return True
        before = line
    return False


def _paragraph_mode(
    lines: list[Line], indents: list[int], wrapped: bool, base: int, removed: set[int], continued: bool
) -> str:
    """indent (PDF text that indents each paragraph), blank (blank lines between them),
    lines (one paragraph per line), or flow (PDF text with neither: sentence ends decide).
    `indents` are those of the non-blank lines; a line of furniture taken out is no gap;
    `continued`: a flush line continues a full one somewhere."""
    indented = sum(1 for indent in indents if indent > base)
    if continued and indented >= INDENT_SHARE * max(1, len(indents)):
        return "indent"
    gaps = sum(  # a text line after a blank one (a blank line left by furniture is none)
        1
        for before, line in zip(lines, lines[1:], strict=False)
        if line.text and not before.text and before.number not in removed
    )
    if gaps >= (BLANK_SHARE if wrapped else BLANK_SHARE_UNWRAPPED) * max(1, len(indents)):
        return "blank"
    return "flow" if wrapped else "lines"


def _heading_style(by_style: dict, language: str):
    """The named style (第X条, Article N) with the longest run of two or more, of the text's
    language where languages write headings alike (Article: English and French); else bare
    numbers ("1."), which also number resolution paragraphs and lists inside articles."""
    runs = []
    for style in STYLES:
        found = by_style[style.name]
        set_off = bool(found) and sum(c.set_off for c in found) >= SET_OFF_SHARE * len(found)
        runs.append((style, find_headings(found, set_off_only=set_off), set_off))
    named = [run for run in runs if run[0].language and len(run[1].headings) >= 2]
    if named:
        return max(named, key=lambda run: (len(run[1].headings), run[0].language == language))
    if runs[-1][1].headings:
        return runs[-1]
    best = max(runs[:-1], key=lambda run: len(run[1].headings))  # one named heading still beats none
    return best if best[1].headings else (None, HeadingRun([], [], []), False)


def _structure(lines: list[Line], headings: list[Heading], divisions: list[DivisionHeading]) -> str:
    """treaty; resolution (its numbered paragraphs are the units); resolution+treaty (a
    resolution up to an annex marker, then the treaty); paragraphs (no headings at all)."""
    end = min([h.index for h in headings[:1]] + [d.index for d in divisions[:1]] + [len(lines)])
    author = marker = None
    for index in range(end):
        text = lines[index].text
        if author is None and AUTHOR.match(text):
            author = index
        elif marker is None and ANNEX_MARKER.match(lines[index].raw):
            marker = index
    if author is not None:
        return "resolution+treaty" if marker is not None and author < marker else "resolution"
    return "treaty" if headings else "paragraphs"


# ISO 15924, in lower case, of the languages not written in Latin letters
_SCRIPT_CODES = {"ru": "cyrl", "ar": "arab"}


def decide_script(doc) -> str:
    """hans, hant, latn, cyrl or arab. A Chinese document's first article heading says which where it
    writes 条 or 條; otherwise the share of the characters of its title and first article that
    OpenCC's table would simplify (a simplified text has one it changes only by chance)."""
    if doc.language != "zh":
        return _SCRIPT_CODES.get(doc.language, "latn")
    article = vocabulary_of("zh").units["article"].words[0]
    traditional = article.translate(TRADITIONAL)
    for first in doc.articles[:1]:
        if traditional in first.heading or article in first.heading:
            return "hant" if traditional in first.heading else "hans"
    opening = "".join(p.text for p in doc.articles[0].paragraphs) if doc.articles else ""
    sample = [ch for ch in (doc.title or "") + opening[:TRADITIONAL_SAMPLE] if is_wide(ch)]
    if not sample:
        return "hans"
    from ..fold import traditional_to_simplified

    table = traditional_to_simplified()
    return "hant" if sum(ch in table for ch in sample) >= TRADITIONAL_SHARE * len(sample) else "hans"


# the citations that tell a convention are read in this much of the articles' text
CONVENTION_SAMPLE = 200_000


def decide_hierarchy(doc, script: str) -> tuple[str, ...]:
    """The words the document's own citations name its levels with: of its language's
    conventions, the one its text cites by most, the first where the text does not say.

    A citation tells where it orders the levels (第一項第二款 in Taiwan, 第一款第（二）项 in
    the PRC), where it names the one before (前項, 前款), and where it names one level of an
    article of this document that has only as many of the other (第三條之一第二項 of an article
    of two paragraphs and no items: 項 is a paragraph)."""
    language = vocabulary_of(doc.language)
    conventions = language.conventions
    if len(conventions) < 2:
        return hierarchy(doc.language, script)
    texts, size = [], 0
    for paragraph in (p for article in doc.articles for p in article.paragraphs):
        texts += [paragraph.text, *(item.text for item in paragraph.items)]
        size += len(paragraph.text) + sum(len(item.text) for item in paragraph.items)
        if size > CONVENTION_SAMPLE:
            break
    text = "".join(texts).translate(SIMPLIFIED)
    mark = alternatives(language.number_mark)
    digits = f"[0-9{CHINESE_NUMERAL_CHARS}]+"
    number = rf"{mark}[（(]?{digits}[）)]?"
    previous = alternatives(language.previous)
    scores = [
        len(re.findall(rf"{previous}{paragraph}|{paragraph}{number}{item}", text))
        for _, paragraph, item in (convention.words for convention in conventions)
    ]
    levels = {word for convention in conventions for word in convention.words[1:]}
    article = alternatives({convention.words[0] for convention in conventions})
    cited = rf"{mark}({digits}){article}(?:之({digits}))?{mark}({digits})({alternatives(levels)})"
    citations = []  # (the article's number and ordinal, the level's number, its word)
    for found in re.finditer(cited, text):
        number, ordinal, count = (parse_number(g) if g else 0 for g in found.group(1, 2, 3))
        if number and count:
            citations.append(((number, ordinal or 0), count, found.group(4)))
    # the first article of each number cited (a table of every article was the parse's peak)
    cited_keys = {key for key, _, _ in citations}
    articles: dict = {}
    for held in doc.articles:
        if (held.number, held.ordinal) in cited_keys:
            articles.setdefault((held.number, held.ordinal), held)
    for key, count, word in citations:
        held = articles.get(key)
        if held is None:
            continue
        items = max((len(p.items) for p in held.paragraphs), default=0)
        fits = (
            {1}
            if items < count <= len(held.paragraphs)
            else {2}
            if len(held.paragraphs) < count <= items
            else set()
        )
        for n, convention in enumerate(conventions):
            scores[n] += any(convention.words[level] == word for level in fits)
    if not any(scores) and script == "hant" and _numbered_items(doc):
        # no citation to tell: a traditional text whose items are 一、 (a 款 in Taiwan; a PRC
        # item is （一）) follows Taiwan's
        scores = [int(convention.item is None) for convention in conventions]
    chosen = max(range(len(conventions)), key=lambda n: (scores[n], -n))
    return hierarchy(doc.language, script, chosen)


def _numbered_items(doc) -> bool:
    """Are the document's items labelled 一、二、 rather than （一）（二）?"""
    labels = [item.label for article in doc.articles[:200] for p in article.paragraphs for item in p.items]
    return bool(labels) and sum(label.endswith("、") for label in labels) > len(labels) / 2


def _numbering(headings: list[Heading]) -> str | None:
    if not headings:
        return None
    chinese = set(CHINESE_NUMERAL_CHARS)
    return "chinese" if any(ch in chinese for h in headings for ch in h.label) else "arabic"


def _inserted(found: list[Candidate], headings: list[Heading]) -> tuple[str, ...]:
    """The forms of the inserted articles among the headings: 之N, N-M, N之M, bis."""
    forms = {c.heading.index: c.form for c in found if c.form}
    return tuple(sorted({forms[h.index] for h in headings if h.index in forms}))
