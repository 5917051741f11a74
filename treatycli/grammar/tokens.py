"""The tokens of a reference: the one tokenizer that reading a reference, reading a citation and
finding what a clause cites all use.

A text is first normalised (`normalise`): one line, NFKC (full-width forms and digits become
ASCII), lower case, the vocabulary's traditional characters simplified, no space beside a
Chinese character. `token_at(text, position)` then reads the token that starts there:

- a key, as every unit's `ref` is written: 4, 4.2, 4:2, 4(2), 4.1.2, 17_1, 8bis, 17之1,
  part2, book2.chapter1, annex1.section2.4, preamble.3;
- a unit as a language names it (vocabulary.py): 第十七条之一, 第4条, 第2款, 第（二）项, 第二编,
  附件1, 项目33, 序言; art. 4, arts. 3, article 8 bis, paragraph 2, recital 3, Part XII, annex I;
- a list of articles in one token (第1、4、7条) or a range (第3至5条);
- a label in brackets after a unit: (2), (b), （二）;
- in running text, a unit that points back (前款, 前条) or at the text's own article (本条,
  this article).

Each token is one or more `Step`s down the document. Every pattern is built from the words in
vocabulary.py and compiled when first needed, by the first character it can start with: a
lookup of `4` compiles one small pattern, not the grammar.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import namedtuple

from ..errors import ReferenceSyntaxError
from ..numerals import CHINESE_NUMERAL_CHARS, MAX_DIGITS, parse_number, roman
from ..script import WIDE
from ..vocabulary import (
    DIVISION_LEVELS,
    LANGUAGES,
    PUNCTUATION,
    SIMPLIFIED,
    alternatives,
    every,
    inserted_after_word,
)

EXAMPLES = "4, 4.2, 4(2), 3-5, 3.1-2, 1,4,7, 第四条第二款, art. 4(2), 17_1, 8bis, preamble.3, all"


class Step(namedtuple("Step", "kind number name ordinal attached", defaults=(None, "", 0, False))):
    """One step down the document: an article (number, the ordinal of an inserted one, and
    `name` the Latin word that wrote it: bis), a numbered child (第2款, recital 3), an item by
    its label (（二）, (b)), a named part, a division (`name` its level), an annex, a section of
    an annex, a bare number, a label in brackets (`attached`), a unit relative to where a clause
    stands (`relative`: article, previous-article, previous-paragraph), or a key: `name` the
    path of keys a machine reference spells out (4.2 → ("4", "2"))."""

    __slots__ = ()

    @property
    def slot(self) -> str:
        return f"named:{self.name}" if self.kind == "named" else self.kind


# -- normalising ------------------------------------------------------------------------------


def level_table(doc) -> dict[int, str] | None:
    """How the document's own words for an article's levels read in the grammar, which reads
    the default convention's (vocabulary.Convention): 項 → 款 and 款 → 项 in a Taiwan law, where 項
    is a paragraph. None where the document's words are the grammar's."""
    from ..vocabulary import convention_of, language

    own = convention_of(doc.language, doc.decisions.hierarchy) if language(doc.language).conventions else None
    return _table(language(doc.language).conventions, own)


def other_level_tables() -> list[dict[int, str]]:
    """The tables of every convention but the grammar's: a citation the grammar cannot read may
    be written in one of them (第1項第2款)."""
    from ..vocabulary import LANGUAGES

    tables = (_table(lang.conventions, own) for lang in LANGUAGES.values() for own in lang.conventions[1:])
    return [table for table in tables if table]


def _table(conventions, own) -> dict[int, str] | None:
    if own is None or own == conventions[0]:
        return None
    pairs = [(word, read) for word, read in zip(own.words, conventions[0].words, strict=True) if word != read]
    if any(len(word) != 1 or len(read) != 1 for word, read in pairs):
        return None  # a table keeps every position where it stands: one character for one
    return {ord(word): read for word, read in pairs}


_QUOTATION = re.compile(r"[:：]\s*[“「『\"].*$", re.S)
_SPACES = re.compile(r"\s+")
_SPACE_BESIDE_WIDE = re.compile(rf" (?={WIDE})|(?<={WIDE}) ")  # 第 4 条; not between words (Статья 4)


_FOLDED = {**SIMPLIFIED, **PUNCTUATION}  # one table: what folding translates, character for character


def fold(text: str) -> str:
    """Running text as the tokens read it: NFKC, lower case, simplified vocabulary, each
    language's punctuation as the marks the grammar reads (، → ,), one space between words and
    none beside a Chinese character."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLDED).lower()
    if _SPACES.search(text) is None:
        return text  # no space to make one of, strip or take from beside a wide character
    return _SPACE_BESIDE_WIDE.sub("", _SPACES.sub(" ", text).strip())


def normalise(text: str) -> str:
    """An argument as a reference or citation is read: one line, folded; a Markdown quotation
    (`cite --style md`) and a quoted text after a colon (`cite --quote`) left out."""
    lines = text.splitlines()
    if ">" in text:
        lines = [line for line in lines if not line.lstrip().startswith(">")]
    text = unicodedata.normalize("NFKC", " ".join(lines).strip().removeprefix("—").removeprefix("--"))
    return fold(_QUOTATION.sub("", text) if ":" in text else text)  # NFKC made ： one too


_SEPARATORS_ONLY = re.compile(r"[ ,、;]+")


def check_something(argument: str, normal: str) -> None:
    """An argument that is empty, or separators alone, names nothing: say so."""
    if not normal:
        raise ReferenceSyntaxError(f"empty reference: try {EXAMPLES}")
    if _SEPARATORS_ONLY.fullmatch(normal):
        shown = argument if len(argument) <= 40 else argument[:40] + "…"  # a line, not a page
        raise ReferenceSyntaxError(f"no reference in {shown!r}, only separators: try {EXAMPLES}")


# -- the pieces patterns are made of -----------------------------------------------------------

_ZH_NUMBER = f"[0-9{CHINESE_NUMERAL_CHARS}]+"


def _mark() -> str:
    """What stands before a number in a unit Chinese names (第)."""
    return re.escape(LANGUAGES["zh"].number_mark[0])


_ROMAN = "[ivxlc]{1,7}"


def _latin() -> str:
    return alternatives(every_ordinal()) + "(?![a-z])"


def every_ordinal() -> dict[str, int]:
    ordinals: dict[str, int] = {}
    for vocabulary in LANGUAGES.values():
        ordinals.update(vocabulary.ordinals)
    return ordinals


def number_of(text: str, original: str) -> int:
    """A number as a key: Arabic digits (no limit but MAX_DIGITS), Chinese numerals, Roman
    numerals (Part XII); a numeral that is none (十十, 1十) is an error that says how to write it."""
    text = text.strip()
    if text.isdecimal() and len(text) <= MAX_DIGITS:
        return int(text)
    value = parse_number(text)
    if value is None and text.isascii() and text.isalpha():
        value = roman(text.upper())
    if value is None:
        raise ReferenceSyntaxError(
            f"cannot read the number {text!r} in {original!r}: write it in digits (10) or as a "
            "Chinese numeral (十)"
        )
    return value


def _words_of(kind: str, word_first: bool | None = None) -> tuple[str, ...]:
    """Every language's words for units of one kind (vocabulary `units`), or those of the
    languages that write the word before the number (article 4) or not (第4条)."""
    words: list[str] = []
    for vocabulary in LANGUAGES.values():
        form = vocabulary.units.get(kind)
        if form is not None and word_first in (None, form.template.startswith("{w}")):
            words += form.every_word
    return tuple(dict.fromkeys(words))


def _named_words() -> dict[str, str]:
    """Each word for a named part (序言, preamble, 信) → the part's key."""
    found: dict[str, str] = {}
    for vocabulary in LANGUAGES.values():
        for key, words in vocabulary.named.items():
            found.update(dict.fromkeys(words, key))
            found.setdefault(key, key)
    return found


def _division_words(word_first: bool) -> dict[str, str]:
    """Each word of a division level (编, chapter) → its level, from the languages that write
    the word first (chapter 3) or those that write it after the number (第三章)."""
    found: dict[str, str] = {}
    for vocabulary in LANGUAGES.values():
        for level, form in vocabulary.divisions.items():
            if form.template.startswith("{w}") == word_first:
                found.update(dict.fromkeys(form.every_word, level))
    return found


# -- the tokens ------------------------------------------------------------------------------------


class _Piece:
    """One kind of token: the characters it can start with, its pattern (built and compiled
    on first use) and what a match of it reads as: [(joined, [Step, ...]), ...]."""

    def __init__(self, name, opens, build, read):
        self.name, self.opens, self._build, self.read = name, opens, build, read

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        """Compiled when first used; then an attribute of the piece, read without a call."""
        return re.compile(self._build())


def _one(*steps: Step) -> list:
    return [(None, list(steps))]


# keys: what a unit's `ref` is made of -------------------------------------------------------------


def _key_article():
    return (
        rf"(?P<a>\d+)(?:_(?P<ao>\d+)| ?(?P<al>{_latin()})|之(?P<az>{_ZH_NUMBER}))?"
        r"(?:[.:](?P<p>\d+)(?:\.(?P<i>\d+))?|\((?P<pp>\d+)\)(?!\()|\.(?P<t>title))?(?![0-9a-z_]|\.[0-9a-z_.])"
    )


def _key_number(text: str, original: str) -> str:
    """A number in a key as written, leading zeros aside (a key has no limit but MAX_DIGITS)."""
    if text.isascii():
        return text.lstrip("0") or "0"
    return str(number_of(text, original))


def _read_key_article(match, original):
    g = match.groupdict()
    number = _key_number(g["a"], original)
    if g["al"]:
        key = f"{number}{g['al']}"
    elif g["ao"] or g["az"]:
        key = f"{number}_{_key_number(g['ao'] or g['az'], original)}"
    else:
        key = str(number)
    paragraph = g["p"] or g["pp"]
    path = (key, _key_number(paragraph, original)) if paragraph else (key, "title") if g["t"] else (key,)
    if g["i"]:
        path += (_key_number(g["i"], original),)
    return _one(Step("key", name=path))


def _key_division():
    return rf"(?P<div>{alternatives(DIVISION_LEVELS)}\d+(?:_\d+)?|annex\d+)(?P<rest>(?:\.[a-z0-9_]+)*)(?![0-9a-z_])"


def _read_key_division(match, original):
    first = re.fullmatch(r"([a-z]+)(\d+)(_\d+)?", match.group("div"))
    head = f"{first.group(1)}{_key_number(first.group(2), original)}"
    if first.group(3):  # chapter5_1: an inserted division
        head += f"_{_key_number(first.group(3)[1:], original)}"
    return _one(Step("key", name=(head, *(s for s in match.group("rest").split(".") if s))))


def _key_named():
    return rf"(?P<name>{alternatives(_named_words())})(?P<rest>(?:\.[a-z0-9]+)+)(?![0-9a-z_])"


def _read_key_named(match, original):
    rest = tuple(s for s in match.group("rest").split(".") if s)
    return _one(Step("key", name=(_named_words()[match.group("name")], *rest)))


# units as a language writes them ------------------------------------------------------------------


def _zh_article_words() -> str:
    return alternatives(LANGUAGES["zh"].units["article"].words)


def _zh_articles():
    """第1、4、7条 and 第3至5条: several articles under one word."""
    ranges = alternatives((*LANGUAGES["zh"].range_words, "~", "–"))
    word = _zh_article_words()
    return (
        rf"{_mark()}(?:(?P<list>{_ZH_NUMBER}(?:[、,]{_ZH_NUMBER})+)"
        rf"|(?P<first>{_ZH_NUMBER}){ranges}(?P<last>{_ZH_NUMBER})){word}"
    )


def _read_zh_articles(match, original):
    if match.group("list"):
        numbers = re.split("[、,]", match.group("list"))
        return [
            ("list" if n else None, [Step("article", number_of(text, original))])
            for n, text in enumerate(numbers)
        ]
    first, last = (number_of(match.group(group), original) for group in ("first", "last"))
    return [(None, [Step("article", first)]), ("range", [Step("article", last)])]


def _form_pattern(template: str, words: str, index: int) -> str:
    """A vocabulary template as a pattern: {n} the number, {o} an ordinal, {w} the words."""
    out = ""
    for piece in re.split(r"(\{[nwo]\})", template):
        if piece == "{n}":
            out += rf"(?P<n{index}>{_ZH_NUMBER})"
        elif piece == "{o}":
            out += rf"(?P<o{index}>{_ZH_NUMBER})"
        elif piece == "{w}":
            out += words
        else:
            out += re.escape(piece.strip())
    return out


def _zh_article():
    """第四条, and the inserted forms the vocabulary names (第十七条之一, 第15-1条, 第八之二条)."""
    vocabulary = LANGUAGES["zh"]
    form = vocabulary.units["article"]
    templates = [*vocabulary.inserted.values(), form.template]
    word = _zh_article_words()
    return "|".join(f"(?:{_form_pattern(template, word, n)})" for n, template in enumerate(templates))


def _read_zh_article(match, original):
    # the groups of the form that matched end in its index (_zh_article), and one of them
    # closed last: n3 for 第{n}条, o0 for 第{n}条之{o}
    index = match.lastgroup[1:]
    ordinal = match.group(f"o{index}") if f"o{index}" in match.re.groupindex else None
    return _one(
        Step(
            "article",
            number_of(match.group(f"n{index}"), original),
            ordinal=number_of(ordinal, original) if ordinal else 0,
        )
    )


def _zh_numbered():
    """第2款, 第3段 (a paragraph, a recital), 第2项 and 第（二）项 (an item), 第二编 (a division)."""
    zh = LANGUAGES["zh"]
    numbered = alternatives(
        (*zh.units["paragraph"].words, *zh.units["recital"].words, *zh.units["part-paragraph"].words)
    )
    item = alternatives(zh.units["item"].words)
    levels = alternatives(_division_words(False))
    return (
        rf"{_mark()}(?:(?P<numbered>{_ZH_NUMBER}){numbered}"
        rf"|\((?P<label>[0-9a-z{CHINESE_NUMERAL_CHARS}]{{1,4}})\){item}|(?P<item>{_ZH_NUMBER}){item}"
        rf"|(?P<division>{_ZH_NUMBER})(?P<level>{levels})(?:{_division_inserted()}(?P<dord>{_ZH_NUMBER}))?)"
    )


def _division_inserted() -> str:
    """What follows a division's word where a division is inserted (第五章之一)."""
    marks = inserted_after_word(LANGUAGES["zh"])
    return alternatives(marks) if marks else "(?!)"


def _read_zh_numbered(match, original):
    last = match.lastgroup  # the group that closed last names the form: numbered, label, item
    if last == "numbered":
        return _one(Step("numbered", number_of(match.group(last), original)))
    if last == "label":
        return _one(Step("labelled", name=label_core(match.group(last))))
    if last == "item":
        return _one(Step("labelled", number_of(match.group(last), original), match.group(last)))
    g = match.groupdict()  # a division: its number, its level, perhaps the inserted one's
    ordinal = number_of(g["dord"], original) if g["dord"] else 0
    return _one(
        Step("division", number_of(g["division"], original), _division_words(False)[g["level"]], ordinal)
    )


def _prefixed():
    """项目33 (an agenda item), 签名1 (a signatory), 附件1 and 附件 (an annex): the word first."""
    zh = LANGUAGES["zh"]
    return (
        rf"(?:{alternatives(zh.units['agenda-item'].words)}(?P<agenda>\d{{1,4}})"
        rf"|{alternatives(zh.units['signatory'].words)}(?P<signatory>\d{{1,3}})"
        rf"|{alternatives(zh.units['annex'].words)}(?P<annex>{_ZH_NUMBER})?)"
    )


def _read_prefixed(match, original):
    g = match.groupdict()
    if g["agenda"]:
        return _one(Step("numbered", int(g["agenda"])))
    if g["signatory"]:
        return _one(Step("named", name="signatures"), Step("numbered", int(g["signatory"])))
    return _one(Step("annex", number_of(g["annex"], original) if g["annex"] else None))


def _named():
    return rf"(?P<named>{alternatives(_named_words())})(?![0-9a-z])"


def _read_named(match, original):
    return _one(Step("named", name=_named_words()[match.group("named")]))


def _latin_words(kind: str) -> str:
    """The words of a kind of unit in the languages that write the word first (article 4)."""
    return alternatives(_words_of(kind, word_first=True))


_WORD_FIRST_NUMBERED = ("paragraph", "recital", "part-paragraph", "agenda-item", "signatory")


def _number_words() -> dict[str, int]:
    """Words that number a unit instead of digits (article premier), folded as tokens read."""
    return {fold(word): n for language in LANGUAGES.values() for word, n in language.number_words.items()}


def _spelled() -> str:
    """The words that number a unit, as one more alternative to a number's pattern."""
    return f"|{alternatives(_number_words())}(?![a-z])" if _number_words() else ""


def _spelled_number(text: str, original: str) -> int:
    """A unit's number, written in digits, as a numeral, or in a word (premier, الأول)."""
    return _number_words().get(text) or number_of(text, original)


def _en_article():
    return (
        rf"{_latin_words('article')} ?(?P<n>\d+{_spelled()})(?: ?(?P<latin>{_latin()})|_(?P<o>\d+))?"
        r"(?:[.:](?P<p>\d+))?(?![0-9a-z])"
    )


def _read_en_article(match, original):
    g = match.groupdict()
    latin = g["latin"] or ""
    ordinal = every_ordinal()[latin] if latin else number_of(g["o"], original) if g["o"] else 0
    number = _spelled_number(g["n"], original)
    steps = [Step("article", number, latin, ordinal)]
    if g["p"]:
        steps.append(Step("numbered", number_of(g["p"], original)))
    return _one(*steps)


def _en_numbered():
    words = [word for kind in _WORD_FIRST_NUMBERED for word in _words_of(kind, word_first=True)]
    return rf"{alternatives(words)} ?(?P<n>\d{{1,4}})(?![0-9])"


def _read_en_numbered(match, original):
    return _one(Step("numbered", number_of(match.group("n"), original)))


def _en_division():
    """Part II, chapter 3, and a division numbered in words as its heading is (الجزء الأول)."""
    levels = alternatives(_division_words(True))
    return rf"(?P<level>{levels}) ?(?P<n>\d{{1,3}}|{_ROMAN}{_spelled()})(?![a-z0-9])"


def _read_en_division(match, original):
    level = _division_words(True)[match.group("level")]
    return _one(Step("division", _spelled_number(match.group("n"), original), level))


def _en_annex():
    return rf"{_latin_words('annex')}(?: ?(?P<n>\d{{1,3}}|{_ROMAN}))?(?![a-z0-9])"


def _read_en_annex(match, original):
    return _one(Step("annex", number_of(match.group("n"), original) if match.group("n") else None))


def _attached():
    return rf"\((?P<label>[0-9]{{1,3}}|[a-z]{{1,4}}|[{CHINESE_NUMERAL_CHARS}]{{1,4}})\)"


def _read_attached(match, original):
    return _one(Step("attached", name=label_core(match.group("label")), attached=True))


def _not_an_instrument(word_pattern_words) -> str:
    """What may not follow 本条 or 前条 for it to point at an article: the rest of an
    instrument noun that starts with the article's word (本条约, 本条例 name the instrument)."""
    rests = {
        noun[len(word) :]
        for noun in every_instrument()
        for word in word_pattern_words
        if noun.startswith(word)
    }
    rests.discard("")
    return f"(?!{alternatives(rests)})" if rests else ""


def every_instrument() -> tuple[str, ...]:
    nouns: dict = {}
    for vocabulary in LANGUAGES.values():
        nouns.update(dict.fromkeys(vocabulary.instruments))
    return tuple(nouns)


def _relative():
    """前款, 前条, 本条; this article, the present article: where a clause stands."""
    zh = LANGUAGES["zh"].units
    article_words = zh["article"].words
    guard = _not_an_instrument(article_words)
    articles = alternatives(article_words)
    paragraphs = alternatives(zh["paragraph"].words)
    this = alternatives(every("this"))
    latin_articles = _latin_words("article")
    pieces = []
    if every("previous"):
        previous = alternatives(every("previous"))
        pieces.append(
            rf"{previous}(?:(?P<previous_article>{articles}){guard}|(?P<previous_paragraph>{paragraphs}))"
        )
    pieces.append(rf"(?P<own>{this} ?(?:{articles}{guard}|{latin_articles}(?![0-9a-z])))")
    return "|".join(pieces)


def _read_relative(match, original):
    if match.group("previous_article"):
        return _one(Step("relative", name="previous-article"))
    if match.group("previous_paragraph"):
        return _one(Step("relative", name="previous-paragraph"))
    return _one(Step("relative", name="article"))


_LABEL_CORE = re.compile(r"[()（）、.．\s]")


def label_core(label: str) -> str:
    """What names an item, without its brackets: （二） → 二, (b) → b, 1) → 1."""
    return _LABEL_CORE.sub("", label).lower()


def _first_letters(words) -> set[str]:
    return {word[0].lower() for word in words if word}


def _pieces() -> list[_Piece]:
    """Every kind of token, in the order they are tried where several could start."""
    digits = set("0123456789")
    named = set(_named_words())
    marks = {LANGUAGES["zh"].number_mark[0]}
    zh = LANGUAGES["zh"]
    prefixed = (*zh.units["agenda-item"].words, *zh.units["signatory"].words, *zh.units["annex"].words)
    latin_numbered = [word for kind in _WORD_FIRST_NUMBERED for word in _words_of(kind, word_first=True)]
    return [
        _Piece("key-article", digits, _key_article, _read_key_article),
        _Piece(
            "key-division", _first_letters((*DIVISION_LEVELS, "annex")), _key_division, _read_key_division
        ),
        _Piece("key-named", _first_letters(named), _key_named, _read_key_named),
        _Piece("relative", _first_letters((*every("previous"), *every("this"))), _relative, _read_relative),
        _Piece("zh-articles", marks, _zh_articles, _read_zh_articles),
        _Piece("zh-article", marks, _zh_article, _read_zh_article),
        _Piece("zh-numbered", marks, _zh_numbered, _read_zh_numbered),
        _Piece("zh-prefixed", _first_letters(prefixed), _prefixed, _read_prefixed),
        _Piece("named", _first_letters(named), _named, _read_named),
        _Piece("en-article", _first_letters(_words_of("article", True)), _en_article, _read_en_article),
        _Piece("en-numbered", _first_letters(latin_numbered), _en_numbered, _read_en_numbered),
        _Piece("en-division", _first_letters(_division_words(True)), _en_division, _read_en_division),
        _Piece("en-annex", _first_letters(_words_of("annex", True)), _en_annex, _read_en_annex),
        _Piece("attached", {"("}, _attached, _read_attached),
    ]


_by_opening: dict[str, list[_Piece]] | None = None


def _pieces_opened_by(ch: str) -> list[_Piece] | tuple[()]:
    global _by_opening
    if _by_opening is None:
        _by_opening = {}
        for piece in _pieces():
            for opening in piece.opens:
                _by_opening.setdefault(opening, []).append(piece)
    return _by_opening.get("0" if ch.isdigit() else ch, ())


def token_at(text: str, position: int, original: str | None = None):
    """The token that starts at `position` of a normalised text: its steps, as (joined, steps)
    pieces (第1、4、7条 is three articles joined as a list), and where it ends; None if no
    token starts there. `original` is the text as given, for an error about a number in it."""
    if position >= len(text):
        return None
    for piece in _pieces_opened_by(text[position]):
        match = piece.pattern.match(text, position)
        if match:
            return piece.read(match, original if original is not None else text), match.end()
    return None


def clear() -> None:
    """Forget the compiled patterns (a test that changes the vocabulary builds them anew)."""
    global _by_opening
    _by_opening = None


def part_key(word: str) -> str | None:
    """The key of the part a word names (序言 → preamble), or None."""
    return _named_words().get(fold(word))


def is_part_name(word: str) -> bool:
    """Is `word` a named part of a document (signing, preamble, 序言…)?"""
    return fold(word) in _named_words()
