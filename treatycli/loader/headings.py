"""Article, division and annex headings in the styles documents write them.

A heading counts only where its number continues the sequence, so that a cross-reference
which happens to begin a line ("第十九条要求的…", "1993 年", "附件七仲裁法庭") is read as
text, not as a heading. Damaged numbering does not end the sequence: a heading that jumps
ahead is taken when the headings after it continue from it, so one missing or misspelt
heading costs one article, not the rest of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import namedtuple

from ..numerals import CHINESE_NUMERAL_CHARS, inserted_key, parse_number, parse_ordinal, roman
from ..script import has_wide, is_wide
from ..vocabulary import (
    DIVISION_LEVELS,
    LANGUAGES,
    LATIN_ORDINALS,
    SIMPLIFIED,
    alternatives,
    both_scripts,
    inserted_after_word,
)
from .lines import Line, Lines

# spaces may stand inside a number as inside a heading (第一百 二十八条, 第 15-1 條): they are
# taken out before it is read (one character class: each copy costs compile time at import)
_NUMERAL = f"[0-9０-９{CHINESE_NUMERAL_CHARS} ]+"
# the ordinal after 之 ends a heading: no space in it, so that the space after stays outside
_ORDINAL = f"[0-9０-９{CHINESE_NUMERAL_CHARS}]+"
_ROMAN = r"[IVXLC]+"
_LATIN = r"(?i:" + "|".join(sorted(LATIN_ORDINALS, key=len, reverse=True)) + r")\b"
_DASHES = "[-－‐]"


def _cased(words) -> tuple[str, ...]:
    """A Latin-script heading word as headings write it: Title Case or CAPITALS."""
    return tuple(dict.fromkeys(v for word in words for v in (word[:1].upper() + word[1:], word.upper())))


def _spaced(word: str) -> str:
    """A Chinese word as a PDF may space it out: 附 件."""
    return r"\s*".join(re.escape(ch) for ch in word)


def _word_first(form) -> bool:
    return form.template.startswith("{w}")


def _goes_on() -> str:
    """What follows a number that is cited, not a heading: 第十条的规定, 第五条之规定 (right after
    the number: a heading is set off by a space), Article 5 of, Article 4, paragraph 2."""
    wide, latin = ["、", "，", ",", "。"], []
    for language in LANGUAGES.values():
        words = [*language.goes_on, *language.list_words, *language.range_words, *language.of]
        for kind in ("paragraph", "item"):
            if kind in language.units:
                words += language.units[kind].words
        if _word_first(language.units["article"]):
            latin += [w for w in words if w.isalpha()]
        else:
            wide += [*both_scripts(w for w in words if w != ","), language.number_mark[0]]
    return rf"{alternatives(wide)}|\s+{alternatives(latin)}\b"


_CITATION_GOES_ON = re.compile(_goes_on())
# how far ahead a heading that skips numbers looks for the headings that confirm it
CONFIRM_WINDOW = 50
# the heading that confirms one after a gap may itself follow one more lost heading
CONFIRM_STEP = 2
# at most this many gaps are named one by one in the notes
NOTED_GAPS = 3


class HeadingStyle(namedtuple("HeadingStyle", "name language pattern opens forms", defaults=({},))):
    """`language` is the language whose headings the style writes ("" for bare numbers).
    The pattern has the groups label, num and rest, and those of an inserted article's
    ordinal, which `forms` names (group → 之N, N-M, N之M, bis); `opens` holds the characters
    a heading line can start with, a cheap test."""

    __slots__ = ()


class Heading(namedtuple("Heading", "index number ordinal label rest_at insertion", defaults=("",))):
    """`index` is the line's position in the list; `label` the heading as written ("1.",
    "第四条", "第十七条之一"); `ordinal` numbers an inserted article, and `insertion` says how its
    heading marks it (之N, N-M, N之M, bis; "" for an article not inserted); `rest_at` where
    on its line the text that follows the heading starts (rest() gives it: a string each,
    held for every heading of a 5 MB document, were 3.5 MiB at the parse's peak)."""

    __slots__ = ()

    def rest(self, lines: Lines) -> str:
        """The text that follows the heading on its line."""
        return lines.raw(self.index)[self.rest_at :]

    @property
    def order(self) -> tuple[int, int]:
        return (self.number, self.ordinal)


def _article_style(language) -> HeadingStyle:
    """The headings of articles as a language writes them (vocabulary.py): 第四条 with its
    inserted forms (第十七条之一, 第15-1條, 第八之二條), or Article 4 / ARTICLE 4 / Art. 4 (8 bis)."""
    form = language.units["article"]
    if _word_first(form):
        words = _cased(form.heading_words)
        full = [w for w in words if not w.endswith(".")]
        abbreviated = [w for w in words if w.endswith(".")]
        opening = rf"{alternatives(full)}\s+" + (rf"|{alternatives(abbreviated)}\s*" if abbreviated else "")
        # the words first: 1er is a word, not 1 then er
        spelled = rf"(?i:{alternatives(language.number_words)})\b|" if language.number_words else ""
        pattern = (
            rf"^\s*(?P<label>(?:{opening})(?P<num>{spelled}\d+)(?:\s*(?P<latin>{_LATIN}))?"
            r"(?:\s*[.:\-–—](?=\s|$))?)(?P<rest>.*)$"
        )
        opens = {w[0] for w in words}
        return HeadingStyle(
            f"{language.code}-article", language.code, re.compile(pattern), opens, {"latin": "bis"}
        )
    words = alternatives(both_scripts(form.words))
    marks = "[" + "".join(language.number_mark) + "]"
    tails, forms = [], {}
    for index, (name, template) in enumerate([*language.inserted.items(), ("", form.template)]):
        if name:
            forms[f"o{index}"] = name
        tail = template.split("{n}", 1)[1]
        pieces = []
        for piece in re.split(r"(\{[wo]\})", tail):
            if piece == "{w}":
                pieces.append(words)
            elif piece == "{o}":
                last = tail.endswith("{o}")
                pieces.append(rf"(?P<o{index}>{_ORDINAL if last else _NUMERAL})")
            elif piece:
                pieces.append(_DASHES if piece == "-" else re.escape(piece))
        tails.append(r"\s*".join(pieces))
    pattern = rf"^\s*(?P<label>{marks}\s*(?P<num>{_NUMERAL})\s*(?:{'|'.join(tails)}))(?P<rest>.*)$"
    opens = set(language.number_mark)
    return HeadingStyle(f"{language.code}-article", language.code, re.compile(pattern), opens, forms)


STYLES = (
    *(_article_style(language) for language in LANGUAGES.values()),
    HeadingStyle(
        "numbered",
        "",
        re.compile(r"^\s*(?P<label>(?P<num>\d+)\s*\.)(?!\d)(?P<rest>.*)$"),
        "0123456789",
    ),
)


def _citation_tail() -> str:
    """A citation wrapped after its number: 第十条 alone on a line, then 的规定办理 (a paragraph
    may open with 第…, so that is no sign)."""
    words = ["、", "，", ","]
    for language in LANGUAGES.values():
        if not _word_first(language.units["article"]):
            units = [w for kind in ("paragraph", "item") for w in language.units[kind].words]
            words += both_scripts((*language.goes_on, *units))
    return alternatives(words)


_CITATION_TAIL = re.compile(_citation_tail())
# what may follow a heading's number instead of a space: 第一条：, 第十条（定义）, 第一条【目的】
_SETS_OFF = "：:．.（(【[〔"


# a line a citation is wrapped after is a full line of text, longer than a heading or title line
WRAPPED_LINE_CHARS = 15
# what a line that a wrapped citation breaks after does not end with
_CLAUSE_END = re.compile(r"[。；：！？.;:!?]$")


def _wrapped_citation(lines: list[Line], index: int) -> bool:
    """Is 第十条, alone on its line, a citation wrapped over lines (依照\n第十条\n的规定办理)?
    Only where the line before goes on into it: after a blank line or the end of a sentence it
    is a heading, whatever its text starts with (第二条 / 所有缔约方…)."""
    if index + 1 >= len(lines) or not _CITATION_TAIL.match(lines[index + 1].text):
        return False
    before = lines[index - 1] if index else None
    if before is None or not before.text or _CLAUSE_END.search(before.text):
        return False
    if _DIVISION.match(before.raw):
        return False  # 第一章 总则: a division's heading goes on into nothing
    # a short line is a title's, unless it opens an article whose text goes on (第一条 甲方应当依照本法)
    return len(before.text) > WRAPPED_LINE_CHARS or any(
        style.pattern.match(before.raw) for style in STYLES if style.language
    )


class Candidate(namedtuple("Candidate", "heading set_off form misspelt opens", defaults=(False,))):
    """A line that reads as a heading: whether it is set off from its text by a space or
    the line's end, the form of its inserted ordinal (之N, N-M, N之M, bis: vocabulary.py),
    whether it is misspelt (笫), and whether it `opens` a paragraph as a heading does: alone on
    its line, or set off after a blank line or a sentence's end (第四百六十三条 本编调整…)."""

    __slots__ = ()


def _digits(text: str) -> str:
    return text.replace(" ", "")  # 第 15 條, 第一百 二十八条


_NUMBER_WORDS = {
    word.lower(): n for language in LANGUAGES.values() for word, n in language.number_words.items()
}


def heading_number(text: str) -> int | None:
    """A heading's number: digits, Chinese numerals, or a word that numbers (Article premier,
    الجزء الأول)."""
    return _NUMBER_WORDS.get(text.lower()) or parse_number(_digits(text))


def candidates(lines: Lines, style: HeadingStyle, indices: list[int]) -> list[Candidate]:
    """The lines among `indices` that the style reads as headings, cited numbers left out."""
    pattern = style.pattern
    found = []
    for index in indices:
        raw = lines.raw(index)
        match = pattern.match(raw)
        if not match:
            continue
        number = heading_number(match.group("num"))
        if number is None:
            continue
        groups = match.groupdict()
        group = next((name for name in style.forms if groups.get(name)), None)
        form = style.forms[group] if group else None
        ordinal = parse_ordinal(_digits(groups[group])) if group else 0
        if ordinal is None:
            continue
        rest = match.group("rest")
        if _CITATION_GOES_ON.match(rest):
            continue
        if not rest.strip() and _wrapped_citation(lines, index):
            continue
        label = match.group("label").strip()
        after = raw[match.end("label") : match.end("label") + 1]
        set_off = not after or after.isspace() or after in _SETS_OFF or label[-1] in ".:-–—"
        heading = Heading(index, number, ordinal, label, match.start("rest"), form or "")
        before = lines[index - 1].text if index else ""
        opens = not rest.strip() or (set_off and (not before or bool(_CLAUSE_END.search(before))))
        found.append(Candidate(heading, set_off, form, label[:1] == "笫", opens))
    return found


def _follows(order: tuple[int, int], last: tuple[int, int]) -> bool:
    """Does a heading numbered `order` come right after `last`? After article N come its
    inserted articles in ascending ordinal (N之一, N bis, N ter…), then N+1."""
    number, ordinal = order
    if ordinal:
        return number == last[0] and ordinal > last[1]
    return number == last[0] + 1


class HeadingRun(namedtuple("HeadingRun", "headings repeated misspelt")):
    """The headings in sequence, and what was odd: headings set off like a heading but
    repeating the previous number (kept as text), and misspelt ones (read as headings)."""

    __slots__ = ()


def find_headings(found: list[Candidate], set_off_only: bool = False) -> HeadingRun:
    """The candidates that form an ascending run of article numbers.

    Where two lines could be the same next heading (a cross-reference "第十九条要求的…" at the
    start of a line, and the heading "第十九条 …"), the one set off by a space or standing
    alone wins; if neither or both are, the first does. A heading that skips numbers is taken
    when the next heading in sequence continues from it rather than from the one before.
    """
    if set_off_only:
        found = [c for c in found if c.set_off]
    headings: list[Heading] = []
    repeated: list[Heading] = []
    last = (0, 0)
    i = 0
    while i < len(found):
        heading, set_off = found[i].heading, found[i].set_off
        order = heading.order
        if order == last and set_off and headings:
            repeated.append(heading)
        if order <= last or not (_follows(order, last) or _confirmed(found, i, last)):
            i += 1
            continue
        choice = i
        if not set_off:
            for j in range(i + 1, len(found)):
                other = found[j]
                if _follows(other.heading.order, order):
                    break  # the next heading is reached: no rival for this one
                if other.heading.order == order and other.set_off:
                    choice = j
                    break
        headings.append(found[choice].heading)
        last = order
        i = choice + 1
    taken = set(headings)
    misspelt = [c.heading for c in found if c.misspelt and c.heading in taken]
    return HeadingRun(headings, repeated, misspelt)


def _confirmed(found: list[Candidate], i: int, last: tuple[int, int]) -> bool:
    """A heading that skips numbers after `last` is taken if the first heading after it that
    lies beyond `last` continues from it (at most CONFIRM_STEP on, or any way on for a heading
    that opens a paragraph: an excerpt's 第 10 條 before 第 37 條), not from `last`; with none to
    tell, if it is set off like a heading."""
    heading = found[i].heading
    alone = found[i].opens
    for other in found[i + 1 : i + 1 + CONFIRM_WINDOW]:
        order = other.heading.order
        if order <= last or order == heading.order:
            continue  # a citation of an earlier article, or the same heading again
        if _follows(order, last):
            return False
        return order > heading.order and (alone or other.heading.number - heading.number <= CONFIRM_STEP)
    return found[i].set_off


def heading_notes(run: HeadingRun) -> list[str]:
    """What was odd about the numbering, in a few words: `heading 54 missing; 55–74 read`."""
    notes = []
    headings = run.headings
    if headings and headings[0].number > 1:
        notes.append(f"articles start at {headings[0].number}")
    gaps = [
        n
        for n in range(1, len(headings))
        if not headings[n].ordinal and headings[n].number > headings[n - 1].number + 1
    ]
    for count, n in enumerate(gaps):
        if count == NOTED_GAPS:
            notes.append(f"{len(gaps) - NOTED_GAPS} more gaps in the numbering")
            break
        run_end = gaps[count + 1] if count + 1 < len(gaps) else len(headings)
        first, last = headings[n - 1].number + 1, headings[n].number - 1
        missing = f"heading {first}" if first == last else f"headings {first}–{last}"
        notes.append(f"{missing} missing; {_span(headings[n].number, headings[run_end - 1].number)} read")
    if run.repeated:
        numbers = ", ".join(h.label for h in run.repeated[:NOTED_GAPS])
        notes.append(f"heading repeated: {numbers} (kept as text)")
    if run.misspelt:
        labels = ", ".join(h.label for h in run.misspelt[:NOTED_GAPS])
        notes.append(
            f"{len(run.misspelt)} misspelt heading{'s' if len(run.misspelt) > 1 else ''} read: {labels}"
        )
    return notes


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def style_candidates(lines: Lines) -> dict[str, list[Candidate]]:
    """Every style's candidates, in one pass that offers each line only to the styles that
    could open it."""
    opened_by: dict[str, list[list[int]]] = {}
    indices: list[list[int]] = [[] for _ in STYLES]
    for number, style in enumerate(STYLES):
        for ch in style.opens:
            opened_by.setdefault(ch, []).append(indices[number])
    none: list[list[int]] = []
    for index, text in enumerate(lines.texts()):
        for bucket in opened_by.get(text[:1], none):
            bucket.append(index)
    return {style.name: candidates(lines, style, indices[n]) for n, style in enumerate(STYLES)}


def style_named(name: str | None) -> HeadingStyle | None:
    return next((style for style in STYLES if style.name == name), None)


# -- divisions ----------------------------------------------------------------------------

LEVELS = DIVISION_LEVELS
_RANK = {kind: n for n, kind in enumerate(LEVELS)} | {"topic": len(LEVELS)}


def _division_words() -> tuple[dict[str, str], dict[str, str]]:
    """Each word of a division level as headings write it → the level: the Chinese ones (第二编,
    in both scripts) and the Latin ones (PART II, Part II)."""
    wide, latin = {}, {}
    for language in LANGUAGES.values():
        for level, form in language.divisions.items():
            latin.update(dict.fromkeys(_cased(w for w in form.words if not has_wide(w)), level))
            wide.update(dict.fromkeys(both_scripts(w for w in form.words if has_wide(w)), level))
    return wide, latin


_WIDE_LEVELS, _LATIN_LEVELS = _division_words()
_MARKS = "".join(dict.fromkeys(mark for language in LANGUAGES.values() for mark in language.number_mark))


def _inserted_after_word() -> str:
    """What follows a division's word where a division is inserted (第五章之一)."""
    marks = [m for language in LANGUAGES.values() for m in inserted_after_word(language) if has_wide(m)]
    return alternatives(both_scripts(marks)) if marks else "(?!)"


_DIVISION = re.compile(
    rf"^\s*(?P<label>[{_MARKS}]\s*(?P<num>{_NUMERAL})\s*(?P<kind>{alternatives(_WIDE_LEVELS)})"
    rf"(?:{_inserted_after_word()}(?P<ordinal>{_ORDINAL}))?"
    rf"|(?P<kind_en>{alternatives(_LATIN_LEVELS)})\s+(?P<num_en>\d+|{_ROMAN}|(?i:{alternatives(_NUMBER_WORDS)}))\b)"
    rf"(?P<rest>.*)$"
)
# the last character of a book's name where it is named, not numbered (物权编)
_BOOK_ENDS = "".join(word[-1] for word, level in _WIDE_LEVELS.items() if level == "book")
# a book named, not numbered, alone on its line: 物权编 (at most this many characters)
NAMED_BOOK_CHARS = 7
# 一、管辖 between articles, as judicial interpretations group theirs
_TOPIC = re.compile(r"^\s*(?P<label>(?P<num>[一二三四五六七八九十]{1,3})、)(?P<rest>.{1,15})$")
_DIVISION_OPENS = set(_MARKS) | {word[0] for word in _LATIN_LEVELS}
_UNNUMBERED = {word for language in LANGUAGES.values() for word in language.unnumbered_divisions}
_UNNUMBERED_LONGEST = max(map(len, _UNNUMBERED))
_TOPIC_OPENS = set("一二三四五六七八九十")
_TOPIC_STOPS = re.compile("[。；;：:，,]")  # a topic heading has no clause in it
_TITLE_ENDS = re.compile(r"[,，。;；]$")
# a division heading line is short: longer, it is a line of text that starts with a citation
DIVISION_LINE_WIDE, DIVISION_LINE_LATIN = 60, 120


class DivisionHeading(
    namedtuple("DivisionHeading", "index kind number label rest ref ordinal", defaults=(0,))
):
    """`ref` is the path from the outermost level ("book2.chapter1", "book1.chapter5_1");
    `number` is None for a book named, not numbered; `ordinal` numbers an inserted division
    (第五章之一), 0 for the others."""

    __slots__ = ()


def division_number(text: str) -> int | None:
    if text.lower() in _NUMBER_WORDS:
        return _NUMBER_WORDS[text.lower()]
    text = _digits(text)
    return roman(text) if text and text.isalpha() and text.isascii() else parse_number(text)


def _unnumbered(text: str) -> bool:
    """A division without a number (附则), in simplified or traditional characters. SIMPLIFIED
    maps a character to one: a longer text need not be translated to be ruled out."""
    return len(text) <= _UNNUMBERED_LONGEST and text.translate(SIMPLIFIED) in _UNNUMBERED


def division_candidate(line: Line, index: int) -> DivisionHeading | None:
    text = line.text
    first = text[:1]
    if (
        first not in _DIVISION_OPENS
        and first not in _TOPIC_OPENS
        and text[-1:] not in _BOOK_ENDS
        and not _unnumbered(text)
    ):
        return None
    if len(text) > (DIVISION_LINE_WIDE if is_wide(first) else DIVISION_LINE_LATIN):
        return None
    match = _DIVISION.match(line.raw) if first in _DIVISION_OPENS else None
    if match:
        rest = match.group("rest")
        title = rest.strip().lstrip(".:-–— ")
        if _CITATION_GOES_ON.match(rest) or _TITLE_ENDS.search(title):
            return None
        kind = _WIDE_LEVELS.get(match.group("kind")) or _LATIN_LEVELS[match.group("kind_en")]
        number = division_number(match.group("num") or match.group("num_en"))
        ordinal = parse_ordinal(match.group("ordinal")) if match.group("ordinal") else 0
        if number is None or ordinal is None:
            return None
        return DivisionHeading(index, kind, number, match.group("label").strip(), rest, "", ordinal)
    if text[-1] in _BOOK_ENDS and 1 < len(text) <= NAMED_BOOK_CHARS and all(is_wide(ch) for ch in text):
        return DivisionHeading(index, "book", None, text, "", "")
    if _unnumbered(text):  # 附则 after the books of a code: its top level
        return DivisionHeading(index, "top", None, text, "", "")
    if (match := _TOPIC.match(line.raw)) and not _TOPIC_STOPS.search(match.group("rest")):
        number = parse_number(match.group("num"))
        return DivisionHeading(index, "topic", number, match.group("label"), match.group("rest"), "")
    return None


def find_divisions(lines: Lines, start: int, end: int, article_starts: list[int]) -> list[DivisionHeading]:
    """Division headings between start and end, with their paths. A division holds articles:
    one with none before the next of its level (a table of contents) is text. Numbers
    ascend within the parent and restart under each (chapters in each book); a number may
    be skipped where a heading was lost. A named book (物权编) or a 一、 topic heading must
    stand right before a heading; topics are divisions only where no other level is."""
    found = []
    for index, line in enumerate(lines.run(start, end), start):
        if not line.text:
            continue
        candidate = division_candidate(line, index)
        if candidate is None:
            continue
        if candidate.number is None or candidate.kind == "topic":  # 物权编, 附则, 一、管辖
            following = next((i for i in range(index + 1, end) if lines[i].text), None)
            if following is None or not (
                _holds(article_starts, following) or division_candidate(lines[following], following)
            ):
                continue
        if candidate.kind == "top" and found and found[-1].index == _previous_text(lines, index):
            continue  # 第一章, then 总则 on its own line: the chapter's title
        found.append(candidate)
    levels = [d.kind for d in found if d.kind not in ("top", "topic")]
    top = min(levels, key=_RANK.__getitem__) if levels else "part"
    found = [d._replace(kind=top) if d.kind == "top" else d for d in found]
    found = _holding_articles(found, end, article_starts)
    if any(d.kind != "topic" for d in found):
        found = [d for d in found if d.kind != "topic"]
    else:
        found = [d._replace(kind="part") for d in found]
    return _nest(found)


def _previous_text(lines: list[Line], index: int) -> int | None:
    return next((i for i in range(index - 1, -1, -1) if lines[i].text), None)


def _holds(sorted_indices: list[int], index: int) -> bool:
    at = bisect_left(sorted_indices, index)
    return at < len(sorted_indices) and sorted_indices[at] == index


def _holding_articles(
    found: list[DivisionHeading], end: int, article_starts: list[int]
) -> list[DivisionHeading]:
    """The divisions with an article heading before the next division of their level or above."""
    kept = []
    following: dict[str, int] = {}  # the next heading of each level, scanning backwards
    for division in reversed(found):
        level = _RANK[division.kind]
        stop = min([end] + [i for kind, i in following.items() if _RANK[kind] <= level])
        first = bisect_left(article_starts, division.index)
        if first < len(article_starts) and article_starts[first] < stop:
            kept.append(division)
        following[division.kind] = division.index
    return kept[::-1]


def _nest(found: list[DivisionHeading]) -> list[DivisionHeading]:
    """Paths for the divisions whose numbers ascend within their parent; others are text."""
    open_: list[DivisionHeading] = []  # the divisions that hold the current line, outermost first
    last: dict[tuple[str, str], tuple[int, int]] = {}  # (parent ref, kind) → the last (number, ordinal)
    out = []
    for division in found:
        level = _RANK[division.kind]
        parents = [d for d in open_ if _RANK[d.kind] < level]
        parent = parents[-1].ref if parents else ""
        before = last.get((parent, division.kind), (0, 0))
        number = division.number
        if number is None:
            number = before[0] + 1
        order = (number, division.ordinal)
        if order <= before:
            continue
        last[(parent, division.kind)] = order
        own = f"{division.kind}{inserted_key(number, division.ordinal, latin=False)}"
        ref = f"{parent}.{own}" if parent else own
        division = division._replace(number=number, ref=ref)
        open_ = parents + [division]
        out.append(division)
    return out


def find_sections(lines: list[Line], start: int, end: int) -> list[DivisionHeading]:
    """An annex's SECTION headings, numbered in sequence (no articles inside them)."""
    found: list[DivisionHeading] = []
    for index in range(start, end):
        candidate = division_candidate(lines[index], index) if lines[index].text else None
        if candidate and candidate.kind == "section" and candidate.number == len(found) + 1:
            found.append(candidate._replace(ref=f"section{candidate.number}"))
    return found


# -- annexes ------------------------------------------------------------------------------


def _annex_words() -> tuple[str, str]:
    """The words of an annex as headings write them: Chinese ones spaced as a PDF may space
    them (附 件), Latin ones in Title Case or CAPITALS."""
    wide, latin = [], []
    for language in LANGUAGES.values():
        words = language.units["annex"].words
        latin += _cased(w for w in words if not has_wide(w))
        wide += [_spaced(word) for word in both_scripts(w for w in words if has_wide(w))]
    return "(?:" + "|".join(wide) + ")", alternatives(latin)


_WIDE_ANNEX, _LATIN_ANNEX = _annex_words()
_ANNEX = re.compile(
    rf"^\s*(?P<label>{_WIDE_ANNEX}\s*(?P<num>[{CHINESE_NUMERAL_CHARS}0-9]+)|{_LATIN_ANNEX}(?:\s+(?P<num_en>\d+|{_ROMAN}))?)"
    rf"\s*(?P<rest>.*)$"
)


# "附件" / "ANNEX" alone on its line: the marker before a treaty annexed to a letter or resolution
ANNEX_MARKER = re.compile(rf"^\s*({_WIDE_ANNEX}|{_LATIN_ANNEX})\s*$")


class AnnexHeading(namedtuple("AnnexHeading", "index number label rest")):
    __slots__ = ()


def find_annexes(lines: list[Line], start: int, numbered_only: bool) -> list[AnnexHeading]:
    """Annex headings after `start`, numbered in sequence; a bare "ANNEX"/"附件" only where
    `numbered_only` is false (after the signatures, where it cannot be an article title)."""
    found: list[AnnexHeading] = []
    for index in range(start, len(lines)):
        match = _ANNEX.match(lines[index].raw)
        if not match:
            continue
        raw = match.group("num") or match.group("num_en")
        if raw is None:
            if numbered_only or found or match.group("rest").strip():
                continue
            number = 1
        else:
            number = division_number(raw)
            if number != len(found) + 1:
                continue
        found.append(AnnexHeading(index, number, match.group("label").strip(), match.group("rest")))
    return found


def is_annex_heading(raw: str) -> bool:
    """A line that could open an annex: "ANNEX", "Annex II", "附件一…"."""
    match = _ANNEX.match(raw)
    return bool(match) and bool(
        match.group("num") or match.group("num_en") or not match.group("rest").strip()
    )


def opens_structure(raw: str) -> bool:
    """A line that reads as a named article heading (第X条, Article N) or a division heading.
    Bare numbers ("1. See…") are left out: footnotes and lists are numbered that way."""
    named = (style for style in STYLES if style.language)
    return any(style.pattern.match(raw) for style in named) or bool(_DIVISION.match(raw))
