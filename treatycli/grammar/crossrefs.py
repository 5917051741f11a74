"""What a clause cites in its own document: the paths of running text (依照本法第七条第二款,
前款, paragraph 1 of this article, articles 1 and 4), read by the same tokens and paths as a
reference typed at the prompt and found among the document's units.

A path is read where a unit's word can start (第, 前, 本; article, paragraph, this). Where it
stands says whose it is: a citation right after another instrument's name or a quotation mark
(《公约》第二八七条, 该协定第5条) or followed by one (article 5 of the Convention on Coastal
Lights) is that instrument's; one after the text's own name (本法第七条, this Agreement) or
with none is the document's own.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import ReferenceNotFound, ReferenceSyntaxError
from ..units import Unit
from ..vocabulary import LANGUAGES, every
from .paths import ends_of, read_paths
from .references import RangeReference, resolve
from .resolve import Finder
from .tokens import alternatives, fold

# how far before a citation the name of another instrument is looked for (…公约》 第5条)
FOREIGN_BEFORE_CHARS = 8
# a range in running text names at most this many units (articles 1 to 9999 is no list to keep)
RANGE_UNITS = 100


class Place(namedtuple("Place", "article previous_paragraph previous_article")):
    """Where a text stands, for references relative to it (本条第二款, 前款, 前条): refs or None."""

    __slots__ = ()


NOWHERE = Place(None, None, None)
_patterns: dict[str, re.Pattern] = {}


def _pattern(name: str) -> re.Pattern:
    if name not in _patterns:
        if name == "starts":
            zh = LANGUAGES["zh"]
            wide = (zh.number_mark[0], *every("previous"), *(w for w in every("this") if not w.isascii()))
            latin = [
                word
                for language in LANGUAGES.values()
                for kind in ("article", "paragraph")
                if language.units[kind].template.startswith("{w}")
                for word in language.units[kind].every_word
            ] + [w for w in every("this") if w.isascii()]
            source = rf"{alternatives(wide)}|(?<![a-z]){alternatives(latin)}"
        elif name == "foreign-before":  # another instrument's name (该协定, 《公约》)
            nouns = [noun for language in LANGUAGES.values() for noun in language.instruments]
            source = rf"(?:[》」”]|{alternatives(nouns)})\s*$"
        elif name == "own-before":  # the text's own name: 本法, 本条约
            nouns = [noun for language in LANGUAGES.values() for noun in language.instruments]
            this = [w for w in every("this") if not w.isascii()]
            source = rf"{alternatives(this)}{alternatives(nouns)}$" if this else r"(?!)"
        elif name == "noun":  # an English instrument noun, where a name of one ends or goes on
            nouns = [n for language in LANGUAGES.values() for n in language.instruments if n.isascii()]
            source = rf"\b{alternatives(nouns)}\b"
        elif name == "names-on":  # the words that go on naming it: on Coastal Lights, relating to…
            source = rf"(?:\s+{alternatives(every('name_goes_on'))}\b[^,.;:()]*)"
        else:  # whose it is, after it: of the Convention…, in Part II
            source = r"\s*,?\s*(?:of|in)\s+(?P<phrase>[^,.;:()]+?)(?=[,.;:()]| and | or |$)"
        _patterns[name] = re.compile(source)
    return _patterns[name]


def cross_references(text: str, place: Place, finder: Finder, title: str | None = None) -> list[str]:
    """The refs of the units the text cites in its own document, in order, each once."""
    folded = fold(text)
    levels = finder.levels
    if levels:
        folded = folded.translate(levels)  # 前項 in a Taiwan law: the paragraph before
    found: list[str] = []
    reached = 0
    for start in _pattern("starts").finditer(folded):
        if start.start() < reached:
            continue
        try:
            read = read_paths(folded, start.start(), relative=True)
        except ReferenceSyntaxError:
            continue
        if read is None:
            continue
        elements, end = read
        reached = end
        if _foreign(folded, start.start(), end, title):
            continue
        for element in elements:
            found += _refs(element, place, finder)
    # 本条, "this article" alone name where the text stands: no reference to another unit
    return [ref for ref in dict.fromkeys(found) if ref and ref != place.article]


def _foreign(text: str, start: int, end: int, title: str | None) -> bool:
    """Is the path at [start, end) another instrument's?"""
    window = max(0, start - FOREIGN_BEFORE_CHARS)  # the names stand right before it: no copy of the text
    if _pattern("own-before").search(text, window, start):
        return False
    if _pattern("foreign-before").search(text, window, start):
        return True
    whose = _pattern("after").match(text, end)
    if whose is None:
        return False
    from .titles import names_a_document, names_title

    phrase = _document_phrase(whose.group("phrase"))
    return phrase is not None and names_a_document(phrase) and not (title and names_title(phrase, title))


def _document_phrase(phrase: str) -> str | None:
    """The words after "of" that name an instrument ("the Convention on Coastal Lights", "this
    Agreement"), up to its noun and the words that go on naming it; None where they do not
    begin as a name does ("of consent to be bound by this Agreement" names consent)."""
    noun = _pattern("noun").search(phrase)
    if noun is None:
        return phrase
    head = phrase[: noun.start()].split()
    if head and head[0] not in every("determiners"):
        return None
    goes_on = _pattern("names-on").match(phrase, noun.end())
    return phrase[: goes_on.end()] if goes_on else phrase[: noun.end()]


def _refs(element, place: Place, finder: Finder) -> list[str]:
    """The refs of the units an element names, where the document has them."""
    ends = ends_of(element)
    units = []
    for path in ends:
        if path[0].kind not in ("article", "relative"):
            return []  # a clause cites articles and their parts, or its own neighbours
        unit = _unit(path, place, finder)
        if unit is None:
            return []
        units.append(unit)
    if len(units) == 1:
        return [units[0].ref]
    try:
        between = resolve(finder.root, RangeReference(*(finder.reference((), unit) for unit in units)))
    except (ReferenceNotFound, ReferenceSyntaxError):
        return []
    return [unit.ref for unit in between[:RANGE_UNITS]]


def _unit(path: tuple, place: Place, finder: Finder) -> Unit | None:
    start = None
    if path[0].kind == "relative":
        ref = {
            "article": place.article,
            "previous-article": place.previous_article,
            "previous-paragraph": place.previous_paragraph,
        }[path[0].name]
        start = finder.at(ref) if ref else None
        if start is None:
            return None
        path = path[1:]
    try:
        return finder.unit(path, start)
    except (ReferenceNotFound, ReferenceSyntaxError):
        return None
