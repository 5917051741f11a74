"""An argument read as a reference or a citation, before the document is loaded:

    [words that lead into it] [title] [(date, place)] paths [rest of the sentence]

`4.2`, `第四条第二款`, `art. 4(2)` are paths alone; 根据刑法第二百六十三条的规定, 《刑法》第264条第1款,
the Convention, art. 5, art. 5 of the Treaty, preamble, recital 3 have a title or words that
lead into them. Reading happens in two steps, so that a malformed reference is an error before
any file is read: `read_request` reads the text alone; resolve.py, once the document is loaded,
checks that the title names it and finds each path's units.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import ReferenceSyntaxError
from ..numerals import CHINESE_NUMERAL_CHARS
from ..script import HAN
from ..vocabulary import LANGUAGES, every
from .paths import ends_of, read_paths
from .references import RangeReference, Reference, plain_keys, to_reference
from .tokens import EXAMPLES, Step, alternatives, check_something, normalise, other_level_tables, part_key

# a citation in a sentence, not a page: reading tries each place it could start (keys alone
# are read once, whatever their length)
MAX_CITATION_CHARS = 500
CITATION_EXAMPLES = "《条约》第4条第2款, 第4条第1款、第2款, Title, art. 4(2), arts. 3–5"


class Request(namedtuple("Request", "text title how elements levels", defaults=(None,))):
    """What one argument asks for, read before the document is loaded. `title` is the title it
    names, if any, and `how`: "marked" (《…》, before a comma, after "of"), "lead-in" (text
    before the paths that may only lead into them: 根据, see) or "alone" (a title and nothing
    else: the whole document). `elements` are References (keys), RangeReferences, or paths of
    Steps (a tuple, or a pair of them for a range) that the document must find. `levels` is the
    table the level words were read with (tokens.level_table), None for the grammar's own."""

    __slots__ = ()

    @property
    def whole(self) -> bool:
        return self.elements == [Reference(("all",))]


def read_requests(arguments) -> list[Request]:
    return [read_request(argument) for argument in arguments]


# What each argument read as: a run reads its arguments before any file is read (a typo fails
# first), then again to resolve them, and 10,000 citations are worth reading once.
_read: dict[str, Request] = {}
_READ_KEPT = 100_000  # arguments remembered at most: past that, the table starts again


def read_request(text: str, levels: dict[int, str] | None = None) -> Request:
    """One argument, read as a reference or a citation; ReferenceSyntaxError if it is neither.
    `levels` reads a document's own words for its levels as the grammar's (tokens.level_table).
    Without it, a citation that reads only in another convention's order (第1項第2款) is read in
    that one, and read again once the document says which it follows."""
    if levels is not None:
        return _read_request(text, levels)
    request = _read.get(text)
    if request is None:
        request = _read_in_any_order(text)
        if len(_read) >= _READ_KEPT:
            _read.clear()
        _read[text] = request
    return request


def _read_in_any_order(text: str) -> Request:
    try:
        return _read_request(text, None)
    except ReferenceSyntaxError:
        for table in other_level_tables():
            try:
                return _read_request(text, table)
            except ReferenceSyntaxError:
                continue
        raise


def _read_request(text: str, levels: dict[int, str] | None) -> Request:
    keys = plain_keys(text)
    if keys is not None:
        return Request(text, None, "", keys, levels)  # 4.2, 4.1-4.3: as the grammar reads them
    return _read_by_grammar(text, levels)


def _read_by_grammar(text: str, levels: dict[int, str] | None) -> Request:
    normal = normalise(text)
    if levels:
        normal = normal.translate(levels)
    check_something(text, normal)
    at_start = read_paths(normal, 0, original=text)
    whole = _as_elements(at_start[0], text) if at_start is not None and at_start[1] == len(normal) else None
    if whole is not None and (
        len(normal) <= MAX_CITATION_CHARS or all(isinstance(e, (Reference, RangeReference)) for e in whole)
    ):  # paths alone, from start to end (第4条第2款); keys of any length (1,4,7: grep --refs-only)
        return Request(text, None, "", whole, levels)
    if len(normal) > MAX_CITATION_CHARS:
        raise ReferenceSyntaxError(
            f"cannot read reference {text[:40]!r}…: a citation is at most {MAX_CITATION_CHARS} characters"
            " (a quoted text after it aside)"
        )
    failure: list[ReferenceSyntaxError] = []  # the first error a place it could start raised
    found = _split(normal, text, failure, at_start)
    if found is not None:
        return found._replace(text=text, levels=levels)
    alone = _PARENTHETICAL.sub("", normal).strip(" ,")
    if alone and not failure and _may_be_a_title(normal, alone):
        return Request(text, alone.strip("《》"), "alone", [Reference(("all",))])
    if failure:
        raise failure[0]
    raise ReferenceSyntaxError(f"cannot read reference {text!r}: try {EXAMPLES}, {CITATION_EXAMPLES}")


_PARENTHETICAL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_DATED = re.compile(r"[(（][^()（）]*\d{4}[^()（）]*[)）]")
_TAIL_PUNCTUATION = re.compile(r"[\s.,;:。，；：、)）]*")
_patterns: dict[str, re.Pattern] = {}


def _pattern(name: str) -> re.Pattern:
    """The patterns of this module that hold vocabulary, built when first used."""
    if name not in _patterns:
        zh = LANGUAGES["zh"]
        mark = zh.number_mark[0]
        number = f"[0-9{CHINESE_NUMERAL_CHARS}]+"
        zh_words = alternatives(
            w for kind in ("article", "paragraph", "recital", "item") for w in zh.units[kind].words
        )
        latin = [
            form.every_word
            for language in LANGUAGES.values()
            for kind, form in language.units.items()
            if form.template.startswith("{w}") and kind in ("article", "paragraph", "recital", "annex")
        ]
        latin_words = alternatives(w for words in latin for w in words)
        levels = alternatives(w for language in LANGUAGES.values() for form in language.divisions.values()
                              if form.template.startswith("{w}") for w in form.every_word)  # fmt: skip
        named_levels = alternatives(
            w for level in ("book", "subbook", "part") for w in zh.divisions[level].words
        )
        topics = "[一二三四五六七八九十]{1,3}、"
        if name == "of":  # art. 5 of the Treaty: the title after the paths
            source = rf" ?{alternatives(every('of'))} (?P<title>.+)$"
        elif name == "pinpoint":  # a path of its own: what the text before a citation's paths cannot hold
            source = rf"{mark}{number}{zh_words}|(?<![a-z]){latin_words} ?\d"
        elif name == "reference-like":  # a broken reference, not a title
            source = rf"\d|{mark}{number}|(?:{latin_words}|{levels}) ?\d"
        else:  # a division heading without a number (物权编, 附则) or a topic (一、管辖)
            unnumbered = alternatives(every("unnumbered_divisions"))
            source = rf"{HAN}{{1,12}}{named_levels}|{unnumbered}|{topics}{HAN}{{0,20}}"
        _patterns[name] = re.compile(source)
    return _patterns[name]


def _may_be_a_title(normal: str, alone: str) -> bool:
    """A text with no paths is read as a title alone (the whole document) if it looks like
    one: in 《》, dated, naming an instrument, or two words or more; or as a division heading
    the document may write so (物权编, 一、管辖), which only the document can tell; not a
    broken reference."""
    from .titles import names_a_document

    if "《" in normal or _DATED.search(normal):
        return True
    if _pattern("reference-like").match(alone):
        return False
    if _pattern("division-as-written").fullmatch(alone):
        return True
    return names_a_document(alone) or len(re.findall(r"[a-z]+", alone)) >= 2


def _split(text: str, original: str, failure: list, at_start) -> Request | None:
    """Where the paths start: the first place from which they run to the end of the text;
    else the first from which they run to words without a number (the rest of a sentence).
    `at_start` is what read_paths read from the start, read already."""
    for to_the_end in (True, False):
        for start in range(len(text)):
            if start and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start] == " "):
                continue
            before = text[:start]
            if before and _pattern("pinpoint").search(before):
                break
            try:
                read = (
                    _read_at(text, 0, to_the_end, original, at_start)
                    if start == 0
                    else _read_at(text, start, to_the_end, original)
                )
            except ReferenceSyntaxError as error:
                failure.append(error)
                continue
            if read is not None:
                return _with_title(before, *read)
    return None


# what a key (4.2, 1,4,7) may follow in a citation: the start, a title's 》, a bracket, a comma
_BEFORE_KEY = "》),:"


_UNREAD = object()  # what _read_at reads from `start` is not known yet


def _read_at(text: str, start: int, to_the_end: bool, original: str, read=_UNREAD):
    """(elements, rest) read from `start`, or None. A key begins the text or follows a title
    (《条约》4.2) or a comma: after other words a number is none of its paths (4..2). `read`
    is read_paths from `start` where it is known."""
    if read is _UNREAD:
        read = read_paths(text, start, original=original)
    if read is None:
        return None
    elements, end = read
    first = ends_of(elements[0])[0]
    previous = text[:start].rstrip()
    if first[0].kind == "key" and previous and previous[-1] not in _BEFORE_KEY:
        return None
    if (
        first[0].kind == "key"
        and previous.endswith(":")
        and not previous[:-1].rstrip().endswith(("》", ")"))
        and not part_key(previous[:-1].strip())
    ):
        # NAME:4.2 whose name is no document's name (a space before the colon, a combining
        # mark, a word of two): never the loaded document's 4.2 after words leading into it
        raise ReferenceSyntaxError(
            f"cannot read reference {original!r}: {previous[:-1].strip()!r} before the colon is no"
            " document's name (a name is letters, digits, '.', '_' and '-', then ':' at once)"
        )
    rest = text[end:]
    if first[0].kind == "key" and rest.strip():
        return None  # 4.2 foo, 4-, 4 and, 4.: a key is exact, with nothing after it
    if _TAIL_PUNCTUATION.fullmatch(rest):
        return _as_elements(elements, original), ""
    if to_the_end or re.search(r"\d|第", rest):
        return None
    if part_key(rest.strip(" ,，、")):
        # 第4条第2款标题: a part's name after the path is no rest of a sentence (a paragraph
        # has no caption); never the path with the name dropped
        raise ReferenceSyntaxError(
            f"cannot read reference {original!r}: {rest.strip()!r} after it names a part, not the rest of a sentence"
        )
    return _as_elements(elements, original), rest


_ALL = (Step("named", name="all"),)  # the path of `all`, 全部


def _as_elements(elements: list, original: str) -> list:
    """Key paths as References (resolved by their keys, exactly); the others stay paths for
    the document to find."""
    out = []
    for element in elements:
        ends = ends_of(element)
        if all(end == _ALL for end in ends):
            out.append(Reference(("all",)))  # all, 全部 (and all-all): the whole document, as `cite` cites it
            continue
        if all(len(end) == 1 and end[0].kind == "key" for end in ends):
            references = [to_reference(end) for end in ends]
            if len(references) == 2 and len(references[0].path) != len(references[1].path):
                raise ReferenceSyntaxError(
                    f"cannot read range {original!r}: both ends must be articles (3-5) or paragraphs (3.1-3.2)"
                )
            out.append(references[0] if len(references) == 1 else RangeReference(*references))
        else:
            out.append(element)
    return out


def _with_title(before: str, elements: list, rest: str) -> Request:
    before = before.strip()
    comma = before.endswith(",")
    while (trimmed := _PARENTHETICAL.sub("", before.rstrip(" ,"))) != before:
        before = trimmed
    title, how = None, ""
    if "《" in before:
        opening = before.index("《")
        closing = _closing_mark(before, opening)
        if closing is not None and not before[closing + 1 :].strip(" ,:："):  # 《条约》: 4.2 too
            title, how = before[opening + 1 : closing], "marked"
    if title is None and comma:
        title, how = before, "marked"
    elif title is None and before:
        if key := part_key(before.rstrip(" :：")):  # preamble: 3 is no sentence leading into article 3
            raise ReferenceSyntaxError(
                f"cannot read a reference that opens with {before.rstrip(' :：')!r}: it names a part of the"
                f" document, not words leading into a citation; write {key}.N (a key) or try {EXAMPLES}"
            )
        if _pattern("reference-like").match(before):
            # 4.2.signing, 4 title, 4.2 preamble: a reference with words after it, never the
            # part named last with the reference dropped
            raise ReferenceSyntaxError(
                f"cannot read reference {before!r} followed by more words: a reference is exact; try {EXAMPLES}"
            )
        title, how = before, "lead-in"
    of = _pattern("of").match(rest) if rest and every("of") else None
    if of:
        title, how = of.group("title").strip(" .,;"), "marked"
    return Request("", title or None, how if title else "", elements)


def _closing_mark(text: str, opening: int) -> int | None:
    """The 》 that closes the 《 at `opening`, 《》 nested inside it counted."""
    depth = 0
    for index in range(opening, len(text)):
        depth += {"《": 1, "》": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None
